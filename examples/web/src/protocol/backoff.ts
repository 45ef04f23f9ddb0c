/**
 * Reconnect backoff: an immutable policy with a pure {@link backoffDelay}. The attempt counter
 * lives in the client that uses it; randomness is passed in so tests get exact delays.
 */
export interface BackoffPolicy {
  /** Delay before the first retry, in ms (> 0). */
  readonly baseMs: number;
  /** Upper bound of any delay, in ms (>= baseMs). */
  readonly maxMs: number;
  /** Growth per attempt (>= 1). */
  readonly multiplier: number;
  /** Fraction of the delay that is random, 0..1: the delay is drawn from [d * (1 - jitter), d]. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = Object.freeze({
  baseMs: 500,
  maxMs: 30_000,
  multiplier: 2,
  jitter: 0.5,
});

/** @throws RangeError when a field is out of its range */
export function checkBackoff(policy: BackoffPolicy): BackoffPolicy {
  const { baseMs, maxMs, multiplier, jitter } = policy;
  if (!(baseMs > 0) || !Number.isFinite(baseMs)) throw new RangeError(`baseMs must be > 0: ${baseMs}`);
  if (!(maxMs >= baseMs) || !Number.isFinite(maxMs)) {
    throw new RangeError(`maxMs must be >= baseMs: ${maxMs}`);
  }
  if (!(multiplier >= 1) || !Number.isFinite(multiplier)) {
    throw new RangeError(`multiplier must be >= 1: ${multiplier}`);
  }
  if (!(jitter >= 0 && jitter <= 1)) throw new RangeError(`jitter must be 0..1: ${jitter}`);
  return policy;
}

/**
 * The delay before retry number `attempt` (0 = first retry): `min(maxMs, baseMs * multiplier^attempt)`,
 * reduced by up to `jitter` of itself.
 *
 * @param random a value in [0, 1), e.g. `Math.random()`
 */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: number): number {
  const exponential = policy.baseMs * Math.pow(policy.multiplier, Math.max(0, attempt));
  const capped = Math.min(policy.maxMs, exponential);
  return Math.round(capped * (1 - policy.jitter * random));
}
