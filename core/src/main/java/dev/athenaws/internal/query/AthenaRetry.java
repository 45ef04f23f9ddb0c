package dev.athenaws.internal.query;

import dev.athenaws.retry.Backoff;
import dev.athenaws.retry.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How calls to Athena are retried when Athena pushes back: two {@link RetryPolicy} values, one per
 * kind of push-back, shared by any number of calls (each call keeps its own attempt counter).
 *
 * <p>A rate limit ({@code ThrottlingException}, a {@code TooManyRequestsException} without a
 * reason, HTTP 429) or a server error (HTTP 5xx) clears within seconds: {@link #throttling}. The
 * account's concurrent query limit ({@code TooManyRequestsException} with reason {@code
 * CONCURRENT_QUERY_LIMIT_EXCEEDED}) clears only when other queries finish: {@link
 * #concurrencyLimit}, longer.
 *
 * <p>Why a pair of policies rather than one policy with an extra schedule: each kind of push-back
 * is exactly the idea a {@link RetryPolicy} names (a backoff and a bound on calls), so the same
 * value, validated in one place, configures the notifier, the Step Functions starter and both
 * Athena schedules; this record only says which policy answers which push-back, and the Athena
 * builders keep one setter, {@code .retry(AthenaRetry)}, for one idea.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor and the {@code with} methods throw {@link NullPointerException}
 * for a null policy (bounds are checked by {@link RetryPolicy}).
 *
 * @param throttling the policy after a rate limit or server error
 * @param concurrencyLimit the policy after CONCURRENT_QUERY_LIMIT_EXCEEDED
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/service-limits.html">Athena quotas</a>
 */
public record AthenaRetry(RetryPolicy throttling, RetryPolicy concurrencyLimit) {
  /**
   * Waiting for running queries to finish: 1 s doubling to 30 s, 20% jitter, for 8 calls (about 91
   * s at most).
   */
  public static final RetryPolicy CONCURRENCY_LIMIT =
      new RetryPolicy(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.2), 8);

  /** {@link RetryPolicy#THROTTLING} (5 calls) and {@link #CONCURRENCY_LIMIT} (8 calls). */
  public static final AthenaRetry DEFAULT =
      new AthenaRetry(RetryPolicy.THROTTLING, CONCURRENCY_LIMIT);

  /** One call, never retried. */
  public static final AthenaRetry NONE =
      new AthenaRetry(RetryPolicy.NONE, CONCURRENCY_LIMIT.withMaxAttempts(1));

  /**
   * Checks the policies.
   *
   * @param throttling the policy after a rate limit or server error, not null
   * @param concurrencyLimit the policy after CONCURRENT_QUERY_LIMIT_EXCEEDED, not null
   * @throws NullPointerException if a policy is null
   */
  public AthenaRetry {
    Objects.requireNonNull(throttling, "throttling");
    Objects.requireNonNull(concurrencyLimit, "concurrencyLimit");
  }

  /**
   * Changes the policy for rate limits and server errors.
   *
   * @param throttling the policy, not null
   * @return this value with another policy for rate limits and server errors
   * @throws NullPointerException if throttling is null
   */
  public AthenaRetry withThrottling(RetryPolicy throttling) {
    return new AthenaRetry(throttling, concurrencyLimit);
  }

  /**
   * Changes how the concurrent query limit is waited out.
   *
   * @param concurrencyLimit the policy, not null
   * @return this value with another policy for the concurrent query limit
   * @throws NullPointerException if concurrencyLimit is null
   */
  public AthenaRetry withConcurrencyLimit(RetryPolicy concurrencyLimit) {
    return new AthenaRetry(throttling, concurrencyLimit);
  }
}
