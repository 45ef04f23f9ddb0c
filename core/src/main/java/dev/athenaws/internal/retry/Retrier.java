package dev.athenaws.internal.retry;

import dev.athenaws.retry.RetryPolicy;
import dev.athenaws.retry.Sleeper;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A {@link RetryPolicy} with the sleeper and jitter source that carry it out: what a bounded retry
 * loop needs besides its own attempt counter. Built by {@link RetryingBuilder}.
 *
 * <p>Thread-safety: immutable; thread-safe when the sleeper and the random source are (the defaults
 * of {@link RetryingBuilder} are).
 *
 * <p>Exceptions: the constructor throws {@link NullPointerException} for a null component; {@link
 * #pause} throws {@link InterruptedException} when the waiting thread is interrupted and {@link
 * IllegalArgumentException} for an attempt below 1.
 *
 * @param policy the backoff and bound on calls
 * @param sleeper waits between calls (tests inject virtual time)
 * @param random the jitter source
 */
public record Retrier(RetryPolicy policy, Sleeper sleeper, RandomGenerator random) {
  /**
   * Checks the components.
   *
   * @param policy the backoff and bound on calls, not null
   * @param sleeper waits between calls, not null
   * @param random the jitter source, not null
   * @throws NullPointerException if a component is null
   */
  public Retrier {
    Objects.requireNonNull(policy, "retry");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(random, "random");
  }

  /**
   * Whether the given call was the last one the policy allows.
   *
   * @param attempt the call just made: 1 for the first, then 2, 3, ...
   * @return true when no further call may be made
   */
  public boolean exhausted(int attempt) {
    return attempt >= policy.maxAttempts();
  }

  /**
   * Waits the policy's jittered delay after a failed call.
   *
   * @param attempt the call that failed: 1 for the first, then 2, 3, ...
   * @throws InterruptedException when the waiting thread is interrupted
   * @throws IllegalArgumentException when {@code attempt < 1}
   */
  public void pause(int attempt) throws InterruptedException {
    sleeper.sleep(policy.backoff().delay(attempt, random));
  }
}
