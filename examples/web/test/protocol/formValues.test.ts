import { describe, expect, it } from 'vitest';
import { checkValue, initialText, toParameterValue, type ParameterInfo } from '../../src/protocol';

const p = (type: string, extra: Partial<ParameterInfo> = {}): ParameterInfo => ({ name: 'p', type, required: false, ...extra });

describe('form text -> parameter value', () => {
  it('leaves an empty field out, so the server applies the default', () => {
    for (const type of ['string', 'integer', 'decimal', 'boolean', 'date', 'timestamp']) {
      expect(toParameterValue(p(type), '')).toBeUndefined();
    }
  });

  it('sends safe integers as numbers and everything else as text, keeping every digit', () => {
    expect(toParameterValue(p('integer'), '42')).toBe(42);
    expect(toParameterValue(p('integer'), '-7')).toBe(-7);
    expect(toParameterValue(p('integer'), '9223372036854775807')).toBe('9223372036854775807');
    expect(toParameterValue(p('integer'), '1.5')).toBe('1.5');
    expect(toParameterValue(p('integer'), ' 1')).toBe(' 1');
    // what is sent is what the mirror (and the server) judge
    expect(checkValue(p('integer'), '9223372036854775807')).toBeNull();
    expect(checkValue(p('integer'), '1.5')).toBe('must be an integer');
  });

  it('sends decimals as text so the scale arrives', () => {
    expect(toParameterValue(p('decimal'), '12.50')).toBe('12.50');
    expect(checkValue(p('decimal'), '12.50')).toBeNull();
  });

  it('turns true/false into JSON booleans', () => {
    expect(toParameterValue(p('boolean'), 'true')).toBe(true);
    expect(toParameterValue(p('boolean'), 'false')).toBe(false);
    expect(toParameterValue(p('boolean'), 'yes')).toBe('yes');
  });

  it('passes strings, dates and timestamps through', () => {
    expect(toParameterValue(p('string'), "it's")).toBe("it's");
    expect(toParameterValue(p('date'), '2021-08-01')).toBe('2021-08-01');
    expect(toParameterValue(p('timestamp'), '2021-08-01 12:00:00')).toBe('2021-08-01 12:00:00');
  });

  it('starts a field with the default as text', () => {
    expect(initialText(p('integer', { default: 0 }))).toBe('0');
    expect(initialText(p('boolean', { default: true }))).toBe('true');
    expect(initialText(p('decimal', { default: '12.50' }))).toBe('12.50');
    expect(initialText({ name: 'r', type: 'string', required: true })).toBe('');
  });
});
