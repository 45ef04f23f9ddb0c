package dev.athenaws.query;

import dev.athenaws.retry.Backoff;
import dev.athenaws.retry.Sleeper;
import java.time.Clock;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * Builds the Athena-backed {@link CompletionWaiter}. Defaults: {@link Backoff#POLLING},
 * {@link AthenaRetry#DEFAULT}, {@link Sleeper#system()}, {@link Clock#systemUTC()}, a {@link java.security.SecureRandom}.
 * Setters throw {@link NullPointerException} for null, naming the parameter.
 *
 * <p>Thread-safety: not thread-safe; the built waiter is.
 */
public final class CompletionWaiterBuilder {
  private final AthenaClient client;
  private Backoff polling = Backoff.POLLING;
  private AthenaRetry retry = AthenaRetry.DEFAULT;
  private Sleeper sleeper = Sleeper.system();
  private Clock clock = Clock.systemUTC();
  // SecureRandom: thread-safe, and not replayed across environments restored from one SnapStart
  // snapshot (a seeded Random would give every restored environment the same jitter).
  private RandomGenerator random = new SecureRandom();
  private boolean stopAtDeadline = true;

  CompletionWaiterBuilder(AthenaClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Sets the delay between polls.
   *
   * @param polling the backoff; attempt 1 is the delay before the first poll
   * @return this builder
   */
  public CompletionWaiterBuilder polling(Backoff polling) {
    this.polling = Objects.requireNonNull(polling, "polling");
    return this;
  }

  /**
   * Sets how throttled polls and stops are retried.
   *
   * @param retry the retry policy
   * @return this builder
   */
  public CompletionWaiterBuilder retry(AthenaRetry retry) {
    this.retry = Objects.requireNonNull(retry, "retry");
    return this;
  }

  /**
   * Sets how the waiter waits.
   *
   * @param sleeper the sleeper (tests inject virtual time)
   * @return this builder
   */
  public CompletionWaiterBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /**
   * Sets the clock deadlines are measured on.
   *
   * @param clock the clock
   * @return this builder
   */
  public CompletionWaiterBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Sets the jitter source.
   *
   * @param random the source; must be thread-safe when the waiter is shared
   * @return this builder
   */
  public CompletionWaiterBuilder random(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /**
   * Whether a wait that reaches its deadline stops the query (the default) or leaves it running, for
   * a caller that hands the running query on to someone else (such as a Lambda that passes it to a
   * Step Functions execution before its own time runs out). Cancellation always stops the query.
   *
   * @param stop false to leave the query running when the deadline passes
   * @return this builder
   */
  public CompletionWaiterBuilder stopAtDeadline(boolean stop) {
    this.stopAtDeadline = stop;
    return this;
  }

  /**
   * Builds the waiter; the builder stays usable.
   *
   * @return the waiter
   */
  public CompletionWaiter build() {
    return new PollingCompletionWaiter(
        client, polling, new RetryLoop(retry, sleeper, random, clock), sleeper, clock, random,
        stopAtDeadline);
  }
}
