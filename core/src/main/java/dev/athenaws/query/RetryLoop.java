package dev.athenaws.query;

import dev.athenaws.AthenaWsException;
import dev.athenaws.ErrorCode;
import dev.athenaws.query.AthenaBusyException.Reason;
import dev.athenaws.retry.Sleeper;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one Athena call, retrying push-backs with the {@link AthenaRetry} policy and waiting with the
 * injected {@link Sleeper}. Stateless apart from its collaborators, so one instance serves any
 * number of calls and threads (given a thread-safe random source).
 */
final class RetryLoop {
  private final AthenaRetry policy;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  RetryLoop(AthenaRetry policy, Sleeper sleeper, RandomGenerator random) {
    this.policy = Objects.requireNonNull(policy, "retry");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
  }

  AthenaRetry policy() {
    return policy;
  }

  /**
   * @param operation the Athena operation name, for exceptions
   * @param call the call; its push-back failures are retried, any other failure is rethrown
   * @return the call's result
   * @throws AthenaBusyException when the attempts for the last push-back reason ran out
   * @throws AthenaWsException with {@link ErrorCode#QUERY_CANCELLED} when interrupted while waiting
   *     (the interrupt flag is restored)
   */
  <T> T call(String operation, Supplier<T> call) {
    int failures = 0;
    while (true) {
      try {
        return call.get();
      } catch (SdkException e) {
        Reason reason = PushBack.of(e);
        if (reason == null) {
          throw e;
        }
        failures++;
        if (failures >= PushBack.maxAttempts(policy, reason)) {
          throw new AthenaBusyException(operation, reason, failures, e);
        }
        sleep(operation, delay(reason, failures));
      }
    }
  }

  /**
   * @param reason why the last call failed
   * @param failures consecutive failures so far, >= 1
   * @return the wait before the next call
   */
  Duration delay(Reason reason, int failures) {
    return PushBack.backoff(policy, reason).delay(failures, random);
  }

  private void sleep(String operation, Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AthenaWsException(
          ErrorCode.QUERY_CANCELLED, "Interrupted while retrying " + operation, e);
    }
  }
}
