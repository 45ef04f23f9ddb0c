package dev.athenaws.lambda;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Whether the push task's own state machine execution was stopped (a client's {@code cancel}):
 * asked before every post, it calls Step Functions at most once per {@link #EVERY}, and once it has
 * seen the stop it stays stopped. A {@code rows} post takes some 25 ms, so a cancel is noticed
 * within about a second, and a stream of 100 posts a second costs one {@code DescribeExecution} a
 * second (its quota is far higher).
 *
 * <p>Thread-safety: thread-safe (a run asks from its publishing thread; the answer is shared).
 */
final class AbortWatch implements BooleanSupplier {
  static final Duration EVERY = Duration.ofSeconds(1);

  private final BooleanSupplier aborted;
  private final Clock clock;
  private Instant next = Instant.MIN;
  private boolean stopped;

  AbortWatch(BooleanSupplier aborted, Clock clock) {
    this.aborted = aborted;
    this.clock = clock;
  }

  @Override
  public synchronized boolean getAsBoolean() {
    if (stopped) {
      return true;
    }
    Instant now = clock.instant();
    if (now.isBefore(next)) {
      return false;
    }
    next = now.plus(EVERY);
    stopped = aborted.getAsBoolean();
    return stopped;
  }
}
