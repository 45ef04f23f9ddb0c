package dev.athenaws.internal.retry;

import dev.athenaws.retry.RetryPolicy;
import dev.athenaws.retry.Sleeper;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The retry settings that the builders of the API Gateway notifier and the Step Functions starter
 * share: one {@link RetryPolicy}, the sleeper and the jitter source, set the same way on both.
 * Defaults: {@link RetryPolicy#THROTTLING}, {@link Sleeper#system()}, a {@link SecureRandom}.
 *
 * <p>Thread-safety: not thread-safe (a builder); the {@link Retrier} it makes is immutable.
 *
 * <p>Exceptions: the setters throw {@link NullPointerException} for null, naming the parameter.
 *
 * @param <B> the concrete builder, returned by the setters for chaining
 */
public abstract class RetryingBuilder<B extends RetryingBuilder<B>> {
  private RetryPolicy retry = RetryPolicy.THROTTLING;
  private Sleeper sleeper = Sleeper.system();
  // SecureRandom: thread-safe (what is built is shared by concurrent callers), and not replayed
  // across environments restored from one SnapStart snapshot (a seeded Random would give every
  // restored environment the same jitter).
  private RandomGenerator random = new SecureRandom();

  /** For the builders that extend this one. */
  protected RetryingBuilder() {}

  /**
   * Sets how throttled or failed calls are retried.
   *
   * @param retry the backoff and the bound on calls
   * @return this builder
   * @throws NullPointerException if retry is null
   */
  public final B retry(RetryPolicy retry) {
    this.retry = Objects.requireNonNull(retry, "retry");
    return self();
  }

  /**
   * Sets how the retry loop waits.
   *
   * @param sleeper waits between retries (tests inject virtual time)
   * @return this builder
   * @throws NullPointerException if sleeper is null
   */
  public final B sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return self();
  }

  /**
   * Sets the jitter source.
   *
   * @param random the jitter source; must be thread-safe, as what is built is shared
   * @return this builder
   * @throws NullPointerException if random is null
   */
  public final B random(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
    return self();
  }

  /**
   * @return the settings so far, for the built caller's retry loop
   */
  protected final Retrier retrier() {
    return new Retrier(retry, sleeper, random);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
