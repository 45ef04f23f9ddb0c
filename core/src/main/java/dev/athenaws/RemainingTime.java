package dev.athenaws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How much time the host has left for the current piece of work: a Lambda invocation's remaining
 * time, a request's deadline, or no limit. The push resumption asks it between result pages and
 * before awaiting a query; the Lambda handlers take one instead of a Lambda {@code Context}.
 *
 * <p>Thread-safety: implementations must be thread-safe; the factories' are.
 *
 * <p>Exceptions: the factories throw {@link NullPointerException} for null; {@link #remaining()} of
 * the factories' sources never throws.
 */
@FunctionalInterface
public interface RemainingTime {
  /**
   * @return the time left, never null; zero or negative when none is left
   */
  Duration remaining();

  /**
   * @return a source that always has a very long time left (hours): no host limit
   */
  static RemainingTime unlimited() {
    return () -> Duration.ofDays(365);
  }

  /**
   * A source counting down to a deadline on a clock.
   *
   * @param deadline when time runs out, not null
   * @param clock the clock to read, not null (virtual in tests)
   * @return the source
   * @throws NullPointerException if an argument is null
   */
  static RemainingTime until(Instant deadline, Clock clock) {
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(clock, "clock");
    return () -> Duration.between(clock.instant(), deadline);
  }

  /**
   * A source over a milliseconds counter such as Lambda's {@code
   * Context::getRemainingTimeInMillis}.
   *
   * @param millis the remaining milliseconds, not null
   * @return the source
   * @throws NullPointerException if millis is null
   */
  static RemainingTime ofMillis(java.util.function.LongSupplier millis) {
    Objects.requireNonNull(millis, "millis");
    return () -> Duration.ofMillis(millis.getAsLong());
  }
}
