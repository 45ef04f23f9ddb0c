package dev.athenaws.query;

import dev.athenaws.retry.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How calls to Athena are retried when Athena pushes back: a policy value shared by any number of
 * calls (each call keeps its own attempt counter).
 *
 * <p>Two kinds of push-back wait differently. A rate limit ({@code ThrottlingException}, a
 * {@code TooManyRequestsException} without a reason, HTTP 429) or a server error (HTTP 5xx) clears
 * within seconds: {@link #throttling} with at most {@link #maxAttempts} calls in all. The account's
 * concurrent query limit ({@code TooManyRequestsException} with reason
 * {@code CONCURRENT_QUERY_LIMIT_EXCEEDED}) clears only when other queries finish:
 * {@link #concurrencyLimit}, longer, with at most {@link #concurrencyMaxAttempts} calls.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor and the {@code with} methods throw {@link NullPointerException}
 * for a null backoff and {@link IllegalArgumentException} for a bound below 1.
 *
 * @param throttling backoff after a rate limit or server error
 * @param maxAttempts calls in all (the first and its retries) for rate limits and server errors, >= 1
 * @param concurrencyLimit backoff after CONCURRENT_QUERY_LIMIT_EXCEEDED
 * @param concurrencyMaxAttempts calls in all while the concurrency limit is hit, >= 1
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/service-limits.html">Athena quotas</a>
 */
public record AthenaRetry(
    Backoff throttling, int maxAttempts, Backoff concurrencyLimit, int concurrencyMaxAttempts) {
  /** Waiting for running queries to finish: 1 s doubling to 30 s, 20% jitter. */
  public static final Backoff CONCURRENCY_LIMIT_BACKOFF =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.2);

  /**
   * {@link Backoff#THROTTLING} for 5 calls (about 3 s of waiting at most), and
   * {@link #CONCURRENCY_LIMIT_BACKOFF} for 8 calls (about 91 s at most).
   */
  public static final AthenaRetry DEFAULT =
      new AthenaRetry(Backoff.THROTTLING, 5, CONCURRENCY_LIMIT_BACKOFF, 8);

  /** One call, never retried. */
  public static final AthenaRetry NONE =
      new AthenaRetry(Backoff.THROTTLING, 1, CONCURRENCY_LIMIT_BACKOFF, 1);

  /**
   * Validates the policy.
   *
   * @param throttling backoff after a rate limit or server error, not null
   * @param maxAttempts calls in all for rate limits and server errors, >= 1
   * @param concurrencyLimit backoff after CONCURRENT_QUERY_LIMIT_EXCEEDED, not null
   * @param concurrencyMaxAttempts calls in all while the concurrency limit is hit, >= 1
   * @throws NullPointerException if a backoff is null
   * @throws IllegalArgumentException if a bound is below 1
   */
  public AthenaRetry {
    Objects.requireNonNull(throttling, "throttling");
    Objects.requireNonNull(concurrencyLimit, "concurrencyLimit");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
    }
    if (concurrencyMaxAttempts < 1) {
      throw new IllegalArgumentException(
          "concurrencyMaxAttempts must be >= 1: " + concurrencyMaxAttempts);
    }
  }

  /**
   * Changes the bound for rate limits and server errors.
   *
   * @param maxAttempts calls in all, >= 1
   * @return this policy with another bound on calls for rate limits and server errors
   * @throws IllegalArgumentException if maxAttempts is below 1
   */
  public AthenaRetry withMaxAttempts(int maxAttempts) {
    return new AthenaRetry(throttling, maxAttempts, concurrencyLimit, concurrencyMaxAttempts);
  }

  /**
   * Changes the backoff for rate limits and server errors.
   *
   * @param throttling the backoff, not null
   * @return this policy with another backoff for rate limits and server errors
   * @throws NullPointerException if throttling is null
   */
  public AthenaRetry withThrottling(Backoff throttling) {
    return new AthenaRetry(throttling, maxAttempts, concurrencyLimit, concurrencyMaxAttempts);
  }

  /**
   * Changes how the concurrent query limit is waited out.
   *
   * @param concurrencyLimit the backoff, not null
   * @param concurrencyMaxAttempts calls in all, >= 1
   * @return this policy with another backoff and bound for the concurrent query limit
   * @throws NullPointerException if concurrencyLimit is null
   * @throws IllegalArgumentException if concurrencyMaxAttempts is below 1
   */
  public AthenaRetry withConcurrencyLimit(Backoff concurrencyLimit, int concurrencyMaxAttempts) {
    return new AthenaRetry(throttling, maxAttempts, concurrencyLimit, concurrencyMaxAttempts);
  }
}
