import { describe, expect, it } from 'vitest';
import { backoffDelay, checkBackoff, DEFAULT_BACKOFF } from '../../src/protocol';

describe('backoffDelay', () => {
  const policy = { baseMs: 500, maxMs: 30_000, multiplier: 2, jitter: 0.5 };

  it('grows exponentially up to the cap without jitter when random is 0', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((a) => backoffDelay(policy, a, 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it('takes off up to `jitter` of the delay', () => {
    expect(backoffDelay(policy, 2, 0.5)).toBe(1500);
    expect(backoffDelay(policy, 2, 0.999)).toBe(1001);
    expect(backoffDelay({ ...policy, jitter: 0 }, 2, 0.999)).toBe(2000);
    expect(backoffDelay({ ...policy, jitter: 1 }, 2, 0.5)).toBe(1000);
  });

  it('never goes past the cap, even for huge attempts', () => {
    expect(backoffDelay(policy, 10_000, 0)).toBe(30_000);
    expect(backoffDelay(policy, -3, 0)).toBe(500);
  });

  it('checkBackoff refuses policies out of range', () => {
    expect(checkBackoff(DEFAULT_BACKOFF)).toBe(DEFAULT_BACKOFF);
    expect(() => checkBackoff({ ...policy, baseMs: 0 })).toThrow('baseMs must be > 0: 0');
    expect(() => checkBackoff({ ...policy, maxMs: 10 })).toThrow('maxMs must be >= baseMs: 10');
    expect(() => checkBackoff({ ...policy, multiplier: 0.5 })).toThrow('multiplier must be >= 1: 0.5');
    expect(() => checkBackoff({ ...policy, jitter: 1.5 })).toThrow('jitter must be 0..1: 1.5');
    expect(() => checkBackoff({ ...policy, baseMs: Number.NaN })).toThrow(RangeError);
  });
});
