package dev.athenaws.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Virtual time for tests: a {@link Clock} and a {@link Sleeper} that share one instant. Sleeping
 * advances the clock at once and records the duration, so code under test that waits runs instantly
 * and tests can assert the exact delays. Other simulated costs (a fake server's latency) can
 * advance it too with {@link #advance}.
 *
 * <p>Thread-safe (synchronized), so it can be shared with a fake server's threads.
 */
public final class VirtualTime extends Clock implements Sleeper {
  private Instant now;
  private final List<Duration> sleeps = new ArrayList<>();

  public VirtualTime() {
    this(Instant.parse("2021-08-01T00:00:00Z"));
  }

  public VirtualTime(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized void sleep(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative sleep: " + duration);
    }
    sleeps.add(duration);
    now = now.plus(duration);
  }

  /** Moves time forward without recording a sleep. */
  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  /**
   * @return every sleep so far, in order
   */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /**
   * @return time elapsed since {@code start}
   */
  public synchronized Duration since(Instant start) {
    return Duration.between(start, now);
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("virtual time is UTC only");
  }
}
