package dev.athenaws.internal.query;

import dev.athenaws.retry.Sleeper;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * The settings every Athena-backed part shares: the client, how its calls are retried ({@link
 * AthenaRetry}), how it waits ({@link Sleeper}), the clock deadlines are read on and the jitter
 * source. The builders of {@link QueryStarter}, {@link CompletionWaiter} and {@link PageFetcher}
 * extend it, so each setter is written once.
 *
 * <p>Thread-safety: not thread-safe; use one builder per thread.
 *
 * <p>Exceptions: every setter throws {@link NullPointerException} for null, naming the parameter.
 *
 * @param <B> the concrete builder, returned by the setters
 */
public abstract class AthenaCallsBuilder<B extends AthenaCallsBuilder<B>> {
  final AthenaClient client;
  AthenaRetry retry = AthenaRetry.DEFAULT;
  Sleeper sleeper = Sleeper.system();
  Clock clock = Clock.systemUTC();
  // SecureRandom: thread-safe, and not replayed across environments restored from one SnapStart
  // snapshot (a seeded Random would give every restored environment the same jitter).
  RandomGenerator random = new SecureRandom();

  AthenaCallsBuilder(AthenaClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Sets how calls that Athena pushes back on are retried.
   *
   * @param retry the retry policy
   * @return this builder
   */
  public B retry(AthenaRetry retry) {
    this.retry = Objects.requireNonNull(retry, "retry");
    return self();
  }

  /**
   * Sets how the part waits (between retries and, for the waiter, between polls).
   *
   * @param sleeper the sleeper (tests inject virtual time)
   * @return this builder
   */
  public B sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return self();
  }

  /**
   * Sets the clock deadlines are read on.
   *
   * @param clock the clock (tests inject virtual time, with the matching sleeper)
   * @return this builder
   */
  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /**
   * Sets the jitter source.
   *
   * @param random the source; must be thread-safe when the built part is shared
   * @return this builder
   */
  public B random(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
    return self();
  }

  /**
   * @return the retry loop these settings describe
   */
  RetryLoop retryLoop() {
    return new RetryLoop(retry, sleeper, random, clock);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
