package dev.athenaws.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A jittered exponential backoff policy: an immutable value with a pure {@link #delay} function.
 * The loop that uses it keeps its own attempt counter, so one policy is shared by any number of
 * loops.
 *
 * <p>The delay before attempt {@code n} (1-based) is {@code min(max, base * multiplier^(n-1))},
 * then reduced by a random fraction of at most {@code jitter} so that many clients polling the same
 * API spread out instead of hitting its rate limit together ("equal jitter" when jitter is 0.5).
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * <p>Exceptions: the constructor, {@link #exponential} and the {@code with} methods throw {@link
 * IllegalArgumentException} for an out-of-range value and {@link NullPointerException} for null;
 * {@link #ceiling} and {@link #delay} throw {@link IllegalArgumentException} for an attempt below
 * 1.
 *
 * @param base the first delay, > 0
 * @param max the largest delay, >= base
 * @param multiplier growth per attempt, >= 1
 * @param jitter fraction of each delay that is randomized, 0 (none) to 1 (full jitter)
 * @see <a
 *     href="https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/">Timeouts,
 *     retries and backoff with jitter</a>
 */
public record Backoff(Duration base, Duration max, double multiplier, double jitter) {
  /**
   * Polling {@code GetQueryExecution}: 100 ms doubling to 5 s, as the Athena JDBC 3.x driver does.
   */
  public static final Backoff POLLING =
      new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2.0, 0.2);

  /**
   * Polling reports that run a minute or more: 200 ms doubling to 6 s, jitter 0.1. A 60 s query
   * costs at most 15 {@code GetQueryExecution} calls (POLLING: 18-19) and is noticed within 4 s.
   * See docs/performance.md.
   */
  public static final Backoff LONG_QUERY_POLLING =
      new Backoff(Duration.ofMillis(200), Duration.ofSeconds(6), 2.0, 0.1);

  /**
   * Retrying throttled Athena and API Gateway calls: 200 ms doubling to 10 s, full-range jitter.
   */
  public static final Backoff THROTTLING =
      new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), 2.0, 0.5);

  /**
   * Validates the policy.
   *
   * @param base the first delay, > 0
   * @param max the largest delay, >= base
   * @param multiplier growth per attempt, >= 1 and finite
   * @param jitter fraction of each delay that is randomized, 0..1
   * @throws NullPointerException if base or max is null
   * @throws IllegalArgumentException if a value is out of range
   */
  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("base must be > 0: " + base);
    }
    if (max.compareTo(base) < 0) {
      throw new IllegalArgumentException("max must be >= base: " + max + " < " + base);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be >= 1 and finite: " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be in [0, 1]: " + jitter);
    }
  }

  /**
   * A doubling backoff without jitter.
   *
   * @param base the first delay, > 0
   * @param max the largest delay, >= base
   * @return the policy
   * @throws NullPointerException if base or max is null
   * @throws IllegalArgumentException if a value is out of range
   */
  public static Backoff exponential(Duration base, Duration max) {
    return new Backoff(base, max, 2.0, 0.0);
  }

  /**
   * Changes the jitter.
   *
   * @param jitter fraction of each delay that is randomized, 0..1
   * @return this policy with another jitter fraction
   * @throws IllegalArgumentException if jitter is out of range
   */
  public Backoff withJitter(double jitter) {
    return new Backoff(base, max, multiplier, jitter);
  }

  /**
   * Changes the largest delay.
   *
   * @param max the largest delay, >= base
   * @return this policy with another largest delay
   * @throws NullPointerException if max is null
   * @throws IllegalArgumentException if max is below base
   */
  public Backoff withMax(Duration max) {
    return new Backoff(base, max, multiplier, jitter);
  }

  /**
   * The delay before the given attempt, without jitter.
   *
   * @param attempt 1 for the first retry or poll, then 2, 3, ...
   * @return the un-jittered delay
   * @throws IllegalArgumentException when {@code attempt < 1}
   */
  public Duration ceiling(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1: " + attempt);
    }
    double nanos = base.toNanos() * Math.pow(multiplier, attempt - 1.0);
    return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
  }

  /**
   * The jittered delay before the given attempt.
   *
   * @param attempt 1 for the first retry or poll, then 2, 3, ...
   * @param random the random source (injected so tests can assert exact delays); not used when
   *     jitter is 0
   * @return a delay in {@code [ceiling * (1 - jitter), ceiling]}
   * @throws IllegalArgumentException when {@code attempt < 1}
   */
  public Duration delay(int attempt, RandomGenerator random) {
    Duration ceiling = ceiling(attempt);
    if (jitter == 0.0) {
      return ceiling;
    }
    double factor = 1.0 - jitter * random.nextDouble();
    return Duration.ofNanos((long) (ceiling.toNanos() * factor));
  }
}
