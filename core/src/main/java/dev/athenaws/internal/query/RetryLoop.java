package dev.athenaws.internal.query;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.error.ThrottledException.Reason;
import dev.athenaws.internal.retry.Interrupts;
import dev.athenaws.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one Athena call, retrying transient failures ({@link PushBack}) with the {@link AthenaRetry}
 * policy and waiting with the injected {@link Sleeper}, never past the caller's deadline. Stateless
 * apart from its collaborators, so one instance serves any number of calls and threads (given a
 * thread-safe random source).
 *
 * <p>Attempts are counted as HTTP attempts: a failure from an SDK client whose own retry strategy
 * already tried n times counts n ({@link PushBack#attempts}), so the policy's bound holds whichever
 * way the client was built.
 */
final class RetryLoop {
  private final AthenaRetry policy;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final Clock clock;

  RetryLoop(AthenaRetry policy, Sleeper sleeper, RandomGenerator random, Clock clock) {
    this.policy = Objects.requireNonNull(policy, "retry");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  AthenaRetry policy() {
    return policy;
  }

  /** {@link #call(String, Supplier, Instant)} without a deadline: only the attempts bound it. */
  <T> T call(String operation, Supplier<T> call) {
    return call(operation, call, null);
  }

  /**
   * @param operation the Athena operation name, for exceptions
   * @param call the call; its transient failures are retried, any other failure is rethrown
   * @param deadline no wait ends after it: when the next backoff would, the loop gives up at once
   *     (the caller keeps the time left); null for none
   * @return the call's result
   * @throws ThrottledException when the attempts for the last reason ran out, or the deadline
   *     leaves no room for the next wait
   * @throws AthenaWsException with {@link ErrorCode#QUERY_CANCELLED} when interrupted while waiting
   *     (the interrupt flag is restored)
   */
  <T> T call(String operation, Supplier<T> call, Instant deadline) {
    int attempts = 0;
    RunTally tally = RunTally.current();
    while (true) {
      try {
        if (tally != null) {
          tally.athenaCall();
        }
        return call.get();
      } catch (SdkException e) {
        Reason reason = PushBack.of(e);
        if (reason == null) {
          throw e;
        }
        attempts += PushBack.attempts(e);
        if (attempts >= PushBack.policy(policy, reason).maxAttempts()) {
          throw new ThrottledException(operation, reason, attempts, e);
        }
        Duration delay = delay(reason, attempts);
        if (deadline != null && clock.instant().plus(delay).isAfter(deadline)) {
          throw new ThrottledException(operation, reason, attempts, e);
        }
        if (tally != null) {
          tally.athenaRetry();
        }
        sleep(operation, delay);
      }
    }
  }

  /**
   * @param reason why the last call failed
   * @param failures consecutive failures so far, >= 1
   * @return the wait before the next call
   */
  Duration delay(Reason reason, int failures) {
    return PushBack.policy(policy, reason).backoff().delay(failures, random);
  }

  private void sleep(String operation, Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      throw Interrupts.cancelled("retrying " + operation, e);
    }
  }
}
