import { describe, expect, it } from 'vitest';
import {
  checkValue,
  compilePattern,
  excerpt,
  validateParameters,
  type CatalogEntry,
  type ParameterInfo,
  type ParameterValue,
} from '../../src/protocol';
import { CLOUDTRAIL_CATALOG } from './fixtures';

/**
 * The same cases as core's RenderingTest, QueryCatalogBindTest and ExampleCatalogTest
 * (dev.athenaws.catalog), with the server's reason texts: the client must refuse what the server
 * refuses, with the same words, and accept what it accepts.
 */

const spec = (type: string, extra: Partial<ParameterInfo> = {}): ParameterInfo => ({
  name: 'p',
  type,
  required: true,
  ...extra,
});

const accepts = (s: ParameterInfo, ...values: Exclude<ParameterValue, null>[]) => {
  for (const v of values) expect(checkValue(s, v), `${JSON.stringify(v)} should pass`).toBeNull();
};

const refuses = (s: ParameterInfo, value: Exclude<ParameterValue, null>, reasonPart: string) => {
  const reason = checkValue(s, value);
  expect(reason, `${JSON.stringify(value)} should be refused`).not.toBeNull();
  expect(reason).toContain(reasonPart);
};

/** core's test catalog all-types.json as the server lists it (decimal bounds and default as strings). */
const ALL_TYPES: CatalogEntry = {
  name: 'all_types',
  default: false,
  parameters: [
    { name: 's', type: 'string', required: true, pattern: "[a-z' ]*", maxLength: 20 },
    { name: 'i', type: 'integer', required: false, default: 5, min: -10, max: 10 },
    { name: 'd', type: 'decimal', required: false, default: '12.50', min: '0', max: '100.5' },
    { name: 'b', type: 'boolean', required: false, default: true },
    { name: 'dt', type: 'date', required: false, default: '2021-08-01' },
    { name: 'ts', type: 'timestamp', required: false, default: '2021-08-01T12:00:00' },
  ],
};

const COLOUR: CatalogEntry = {
  name: 'colour',
  default: false,
  parameters: [{ name: 'colour', type: 'string', required: false, default: 'red', enum: ['red', 'green', "it's"] }],
};

const entry = (name: string) => {
  const e = CLOUDTRAIL_CATALOG.find((q) => q.name === name);
  if (e === undefined) throw new Error(name);
  return e;
};

describe('strings (RenderingTest)', () => {
  it('accepts any text, quotes, backslashes, tab/newline and non-BMP characters', () => {
    accepts(spec('string'), 'abc', "it's", '', "''", 'a\\b', 'tab\there\nline\r', '東京 😀');
  });

  it('refuses other JSON types', () => {
    refuses(spec('string'), 1, 'must be a JSON string');
    refuses(spec('string'), true, 'must be a JSON string');
  });

  it('refuses control characters other than tab, newline and carriage return', () => {
    for (const v of ['\u0000', 'a\u0001b', '\u001b[31m', '\u007f', '\u000b', '\u000c', '\u001f']) {
      refuses(spec('string'), v, 'must not contain control characters other than tab, newline and carriage return');
    }
  });

  it('refuses unpaired surrogates', () => {
    for (const v of ['\ud800', 'a\udc00', '\ud83d', 'x\ud83dy']) {
      refuses(spec('string'), v, 'must not contain unpaired surrogate characters');
    }
  });

  it('caps the length at 1022 and again after quoting', () => {
    accepts(spec('string'), 'a'.repeat(1022), 'a'.repeat(1020) + "'");
    refuses(spec('string'), 'a'.repeat(1023), 'must be at most 1022 characters');
    refuses(spec('string'), 'a'.repeat(1021) + "'", 'is too long once quoted (at most 1024 characters)');
    refuses(spec('string'), "'".repeat(600), 'too long once quoted');
  });

  it('checks maxLength, pattern and enum, in that order', () => {
    const max = spec('string', { maxLength: 3 });
    accepts(max, 'abc');
    refuses(max, 'abcd', 'must be at most 3 characters');
    const pattern = spec('string', { pattern: '[a-z]+' });
    accepts(pattern, 'abc');
    refuses(pattern, 'abc1', 'must match the pattern [a-z]+');
    refuses(pattern, '1abc', 'must match the pattern');
    refuses(pattern, '', 'must match the pattern');
    const allowed = spec('string', { enum: ['red', 'green'] });
    accepts(allowed, 'green');
    expect(checkValue(allowed, 'blue')).toBe('must be one of the allowed values [red, green]');
    refuses(allowed, 'RED', 'allowed values');
    expect(checkValue(spec('string', { maxLength: 2, pattern: '[0-9]' }), 'abc')).toBe('must be at most 2 characters');
  });

  it('matches the whole value, as Java matches() does', () => {
    const p = spec('string', { pattern: 'a|b' });
    accepts(p, 'a', 'b');
    refuses(p, 'ab', 'must match the pattern a|b');
  });

  it('leaves a pattern JavaScript cannot compile to the server', () => {
    expect(compilePattern('a++')).toBeNull();
    accepts(spec('string', { pattern: 'a++' }), 'whatever');
  });
});

describe('integers (RenderingTest)', () => {
  const i = spec('integer');

  it('accepts integral numbers and strict digit strings', () => {
    accepts(i, 42, -7, 0, 42.0, 1e2, -0, Number.MAX_SAFE_INTEGER);
    accepts(i, '9223372036854775807', '-9223372036854775807', '-12', '007');
  });

  it('refuses fractions', () => {
    for (const v of [1.5, 0.0000001, -2.25]) refuses(i, v, 'must be a whole number');
  });

  it('refuses values outside ±(2^63-1), including -2^63', () => {
    for (const v of ['9223372036854775808', '-9223372036854775808']) {
      refuses(i, v, 'must be between -9223372036854775807 and 9223372036854775807');
    }
    for (const v of [1e19, 12345678901234567890, 1e300]) refuses(i, v, 'must be between');
  });

  it('refuses strings that are not plain digits', () => {
    for (const v of ['1.5', '1e3', ' 1', '1 ', '+1', '0x10', '', '-', '١٢', '12345678901234567890']) {
      refuses(i, v, 'must be an integer');
    }
  });

  it('refuses other types', () => {
    refuses(i, true, 'must be an integer');
    refuses(i, Number.POSITIVE_INFINITY, 'must be a finite number');
  });
});

describe('decimals (RenderingTest)', () => {
  const d = spec('decimal');

  it('accepts numbers and digit strings of at most 38 digits', () => {
    accepts(d, 12.5, -0.5, 0, 100, 0.00001, 42, 7);
    accepts(d, '12.50', '-3', '12345678901234567890123456789012345678', '0.12345678901234567890123456789012345678');
  });

  it('refuses other text and more than 38 digits', () => {
    for (const v of ['1e3', '.5', 'NaN', '1.', '+1']) refuses(d, v, 'must be a decimal number');
    refuses(d, false, 'must be a decimal number');
    refuses(d, 1e38, 'must have at most 38 digits');
    refuses(d, 1e-39, 'must have at most 38 digits');
    accepts(d, 1e-38);
    refuses(d, '123456789012345678901234567890123456789', 'must be a decimal number');
  });
});

describe('bounds (RenderingTest.numbersRespectMinAndMax)', () => {
  it('checks integer min and max with the server wording', () => {
    const limit = spec('integer', { min: 1, max: 1000 });
    accepts(limit, 1, 1000, '1000');
    expect(checkValue(limit, 0)).toBe('must be >= 1');
    expect(checkValue(limit, 1001)).toBe('must be <= 1000');
  });

  it('checks decimal bounds exactly, whatever the scale', () => {
    const d = spec('decimal', { min: '0.5', max: '1.5' });
    accepts(d, '1.50', 1.5, '0.500');
    expect(checkValue(d, '0.49')).toBe('must be >= 0.5');
    expect(checkValue(d, '1.51')).toBe('must be <= 1.5');
    expect(checkValue(d, '1.5000000000000000000000000001')).toBe('must be <= 1.5');
  });
});

describe('booleans, dates and timestamps (RenderingTest)', () => {
  it('booleans are JSON booleans only', () => {
    accepts(spec('boolean'), true, false);
    refuses(spec('boolean'), 'true', 'must be a JSON boolean (true or false)');
    refuses(spec('boolean'), 1, 'must be a JSON boolean');
  });

  it('dates are real calendar dates in years 0001..9999', () => {
    const dt = spec('date');
    accepts(dt, '2021-08-01', '2024-02-29', '0001-01-01', '9999-12-31');
    for (const v of ['2023-02-29', '2021-13-01', '2021-04-31', '2021-00-10', '1900-02-29']) {
      refuses(dt, v, 'is not a real calendar date');
    }
    refuses(dt, '0000-01-01', 'year must be between 0001 and 9999');
    for (const v of ['2021/08/01', '2021-8-1', "2021-08-01'", '2021-08-01 00:00:00']) {
      refuses(dt, v, 'must be a date string yyyy-MM-dd');
    }
    refuses(dt, 20210801, 'must be a date string yyyy-MM-dd');
  });

  it('timestamps: space or T, up to 9 fraction digits, no zone', () => {
    const ts = spec('timestamp');
    accepts(ts, '2021-08-01 12:00:00', '2021-08-01T12:00:00', '2021-08-01 12:00:00.5', '2021-08-01 00:00:00.123456789');
    for (const v of ['2021-08-01', '2021-08-01 12:00:00Z', '2021-08-01 12:00:00+09:00', '2021-08-01 12:00',
      '2021-08-01 12:00:00.1234567890', '2021-08-01  12:00:00', '2021-08-01 12:00:00.', 'yesterday']) {
      refuses(ts, v, 'must be a timestamp string yyyy-MM-dd HH:mm:ss[.fffffffff]');
    }
    for (const v of ['2021-08-01 24:00:00', '2021-08-01 12:60:00', '2021-08-01 12:00:60']) {
      refuses(ts, v, 'is not a valid time of day');
    }
    refuses(ts, '2021-02-30 12:00:00', 'is not a real calendar date');
  });

  it('an unknown type from a newer server is left to the server', () => {
    expect(checkValue(spec('interval'), 'anything')).toBeNull();
  });
});

describe('validateParameters (QueryCatalogBindTest, ExampleCatalogTest)', () => {
  it('accepts every type and absent optional parameters', () => {
    expect(validateParameters(ALL_TYPES, { s: "it's", i: -7, d: '99.990', b: false, dt: '2024-02-29', ts: '2021-08-01 23:59:59.5' })).toEqual([]);
    expect(validateParameters(ALL_TYPES, { s: 'abc' })).toEqual([]);
    expect(validateParameters(ALL_TYPES, { s: 'abc', i: null, d: undefined })).toEqual([]);
    expect(validateParameters(ALL_TYPES, { s: 'abc', i: '-3', d: '0.10' })).toEqual([]);
  });

  it('reports a missing required parameter with the server message', () => {
    expect(validateParameters(ALL_TYPES, {})).toEqual([
      { parameter: 's', reason: 'is required', message: "Invalid parameter 's': is required" },
    ]);
    expect(validateParameters(ALL_TYPES, { s: null })[0]?.reason).toBe('is required');
  });

  it('reports undeclared names first, as the server does', () => {
    const problems = validateParameters(ALL_TYPES, { i: 11, limit: 1 });
    expect(problems.map((p) => p.message)).toEqual([
      "Invalid parameter 'limit': is not a parameter of query 'all_types'",
      "Invalid parameter 's': is required",
      "Invalid parameter 'i': must be <= 10",
    ]);
    const long = validateParameters(ALL_TYPES, { s: 'a', ['y'.repeat(500)]: '1' });
    expect(long[0]?.message).toBe(`Invalid parameter '${'y'.repeat(64)}...': is not a parameter of query 'all_types'`);
  });

  it('applies every rule (everyRuleAppliesAtBind)', () => {
    const first = (name: string, value: ParameterValue) =>
      validateParameters(ALL_TYPES, { s: 'abc', [name]: value })[0]?.reason;
    expect(first('s', 'ABC')).toContain('must match the pattern');
    expect(first('s', 'a'.repeat(21))).toBe('must be at most 20 characters');
    expect(first('s', 1)).toBe('must be a JSON string');
    expect(first('i', 11)).toBe('must be <= 10');
    expect(first('i', -11)).toBe('must be >= -10');
    expect(first('i', 'x')).toBe('must be an integer');
    expect(first('d', 100.51)).toBe('must be <= 100.5');
    expect(first('b', 'true')).toContain('must be a JSON boolean');
    expect(first('dt', '2021-02-29')).toBe('is not a real calendar date');
    expect(first('ts', 'yesterday')).toContain('timestamp string');
    expect(validateParameters(COLOUR, { colour: 'blue' })[0]?.message).toBe(
      "Invalid parameter 'colour': must be one of the allowed values [red, green, it's]",
    );
    expect(validateParameters(COLOUR, { colour: "it's" })).toEqual([]);
    expect(validateParameters(COLOUR, {})).toEqual([]);
  });

  it('checks the bundled CloudTrail catalog like the server (ExampleCatalogTest)', () => {
    const byName = entry('events-by-name');
    expect(validateParameters(byName, {})).toEqual([]);
    expect(validateParameters(byName, { eventName: 'DeleteTable', region: 'us-gov-west-1', startDate: '2022/01/01' })).toEqual([]);
    expect(validateParameters(byName, { eventName: 'Create Table' })[0]?.message).toBe(
      "Invalid parameter 'eventName': must match the pattern [A-Za-z]{1,64}",
    );
    expect(validateParameters(byName, { region: "ap-northeast-1' OR '1'='1" })[0]?.reason).toContain('pattern');
    expect(validateParameters(byName, { startDate: '2021-08-01' })[0]?.reason).toContain('pattern');
    expect(validateParameters(byName, { region: 'ap-northeast-1-ap-northeast-1-ap-northeast-1' })[0]?.reason).toBe(
      'must be at most 32 characters',
    );
    const top = entry('top-event-names');
    expect(validateParameters(top, { fromHour: 24 })[0]?.message).toBe("Invalid parameter 'fromHour': must be <= 23");
    expect(validateParameters(top, { toHour: -1 })[0]?.message).toBe("Invalid parameter 'toHour': must be >= 0");
    const errors = entry('errors-by-region');
    expect(validateParameters(errors, {}).map((p) => p.parameter)).toEqual(['startDate', 'endDate']);
    expect(validateParameters(errors, { startDate: '2021/08/01', endDate: '2021/09/01', readOnly: 'maybe' })[0]?.message).toBe(
      "Invalid parameter 'readOnly': must be one of the allowed values [true, false]",
    );
  });
});

describe('excerpt (server Excerpt.of)', () => {
  it('truncates at 64 characters, never inside a surrogate pair, and hides control characters', () => {
    expect(excerpt('abc')).toBe('abc');
    expect(excerpt('x'.repeat(100))).toBe('x'.repeat(64) + '...');
    expect(excerpt('x'.repeat(63) + '😀' + 'y')).toBe('x'.repeat(63) + '...');
    expect(excerpt('a\nb\u0085c')).toBe('a?b?c');
  });
});
