package dev.athenaws.internal.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * A stop check that costs a service call, asked before every post of a run: it calls through at
 * most once per {@link #EVERY} and, once it has answered true, stays true. A {@code rows} post
 * takes some 25 ms, so a stop is noticed within about a second, and a stream of 100 posts a second
 * costs one call a second. Used for a push task's own Step Functions execution ({@code
 * DescribeExecution}: ABORTED) and for a cancel mark left in S3 by another host ({@link
 * CancelMarks}).
 *
 * <p>Thread-safety: thread-safe (a run asks from its publishing thread; the answer is shared).
 *
 * <p>Exceptions: none of its own; what the wrapped check throws passes through.
 */
public final class ThrottledCheck implements BooleanSupplier {
  /** How often at most the wrapped check is called. */
  public static final Duration EVERY = Duration.ofSeconds(1);

  private final BooleanSupplier check;
  private final Clock clock;
  private Instant next = Instant.MIN;
  private boolean stopped;

  /**
   * @param check the costly check; true means stop
   * @param clock the clock the interval is measured by
   */
  public ThrottledCheck(BooleanSupplier check, Clock clock) {
    this.check = check;
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
    stopped = check.getAsBoolean();
    return stopped;
  }
}
