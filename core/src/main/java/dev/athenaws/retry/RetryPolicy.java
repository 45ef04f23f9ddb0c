package dev.athenaws.retry;

import java.util.Objects;

/**
 * How a call is retried when AWS pushes back: the {@link Backoff} between calls and the bound on
 * calls in all (the first call included). The one retry value taken by every builder of the library
 * whose calls retry: {@code .retry(RetryPolicy)} on the notifier ({@code ApiGateway.notifier()})
 * and the Step Functions starter, and the two policies of {@code AthenaRetry} for Athena calls. The
 * loop that uses a policy keeps its own attempt counter, so one policy is shared by any number of
 * loops.
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * <p>Exceptions: the constructor and the {@code with} methods throw {@link NullPointerException}
 * for a null backoff and {@link IllegalArgumentException} when maxAttempts is outside {@code
 * 1..}{@value #MAX_ATTEMPTS_LIMIT}.
 *
 * @param backoff the delay before each retry, not null
 * @param maxAttempts calls in all, first included, 1..{@value #MAX_ATTEMPTS_LIMIT}
 */
public record RetryPolicy(Backoff backoff, int maxAttempts) {
  /**
   * The largest bound on calls: with {@link Backoff#THROTTLING} 20 calls already wait more than 2
   * minutes, past any answer a client still waits for.
   */
  public static final int MAX_ATTEMPTS_LIMIT = 20;

  /** The default bound on calls, first included. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /**
   * Rate limits and server errors: {@link Backoff#THROTTLING} (200 ms doubling to 10 s, jitter 0.5)
   * for {@value #DEFAULT_MAX_ATTEMPTS} calls (about 3 s of waiting at most). The default of every
   * builder that retries.
   */
  public static final RetryPolicy THROTTLING =
      new RetryPolicy(Backoff.THROTTLING, DEFAULT_MAX_ATTEMPTS);

  /** One call, never retried. */
  public static final RetryPolicy NONE = new RetryPolicy(Backoff.THROTTLING, 1);

  /**
   * Validates the policy: the one place the bound on calls is checked.
   *
   * @param backoff the delay before each retry, not null
   * @param maxAttempts calls in all, first included, 1..{@value #MAX_ATTEMPTS_LIMIT}
   * @throws NullPointerException if backoff is null
   * @throws IllegalArgumentException if maxAttempts is out of range
   */
  public RetryPolicy {
    Objects.requireNonNull(backoff, "backoff");
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
      throw new IllegalArgumentException(
          "maxAttempts must be 1.." + MAX_ATTEMPTS_LIMIT + ": " + maxAttempts);
    }
  }

  /**
   * Changes the bound on calls.
   *
   * @param maxAttempts calls in all, first included, 1..{@value #MAX_ATTEMPTS_LIMIT}
   * @return this policy with another bound
   * @throws IllegalArgumentException if maxAttempts is out of range
   */
  public RetryPolicy withMaxAttempts(int maxAttempts) {
    return new RetryPolicy(backoff, maxAttempts);
  }

  /**
   * Changes the backoff.
   *
   * @param backoff the delay before each retry, not null
   * @return this policy with another backoff
   * @throws NullPointerException if backoff is null
   */
  public RetryPolicy withBackoff(Backoff backoff) {
    return new RetryPolicy(backoff, maxAttempts);
  }
}
