package dev.athenaws.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.retry.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The limits' arithmetic on virtual time: which close happens when, and what moves it. */
class ConnectionTimersTest {
  private static final ConnectionLimits LIMITS =
      new ConnectionLimits(Duration.ofMinutes(10), Duration.ofHours(2));

  private final VirtualTime time = new VirtualTime();
  private final FakeScheduler scheduler = new FakeScheduler();
  private final ConnectionTimers timers = new ConnectionTimers(LIMITS, time, scheduler);

  @Test
  void anIdleConnectionIsClosedWith1001AtTheIdleTimeoutNotBefore() {
    Watched c = new Watched(time.instant());
    timers.watch(c);

    scheduler.advance(Duration.ofMinutes(10).minusMillis(1));
    assertThat(c.closes).isEmpty();
    scheduler.advance(Duration.ofMillis(1));
    assertThat(c.closes).containsExactly("1001 Going away");
  }

  @Test
  void messagesInEitherDirectionMoveTheIdleDeadline() {
    Watched c = new Watched(time.instant());
    timers.watch(c);

    for (int i = 0; i < 5; i++) { // 45 minutes, a message every 9
      scheduler.advance(Duration.ofMinutes(9));
      c.lastMessageAt = time.instant();
    }
    assertThat(c.closes).isEmpty();
    scheduler.advance(Duration.ofMinutes(10));
    assertThat(c.closes).containsExactly("1001 Going away");
    assertThat(time.since(c.connectedAt)).isEqualTo(Duration.ofMinutes(55));
  }

  @Test
  void theMaximumDurationClosesABusyConnection() {
    Watched c = new Watched(time.instant());
    timers.watch(c);

    for (int i = 0; i < 24; i++) { // a message every 5 minutes for 2 hours
      scheduler.advance(Duration.ofMinutes(5).minusSeconds(1));
      assertThat(c.closes).as("after %d messages", i).isEmpty();
      scheduler.advance(Duration.ofSeconds(1));
      c.lastMessageAt = time.instant();
    }
    assertThat(time.since(c.connectedAt)).isEqualTo(Duration.ofHours(2));
    assertThat(c.closes).containsExactly("1001 Going away");
  }

  @Test
  void aConnectionClosedMeanwhileIsLeftAloneAndNotRescheduled() {
    Watched c = new Watched(time.instant());
    timers.watch(c);
    c.open = false;

    scheduler.advance(Duration.ofHours(3));
    assertThat(c.closes).isEmpty();
    assertThat(scheduler.pending).isEmpty();
  }

  @Test
  void closingStopsTheScheduler() {
    timers.close();
    assertThat(scheduler.closed).isTrue();
  }

  /** A scheduler on the virtual clock: {@link #advance} runs what falls due, in order. */
  private final class FakeScheduler implements ConnectionTimers.Scheduler {
    private record Task(Instant due, Runnable run) {}

    final List<Task> pending = new ArrayList<>();
    boolean closed;

    @Override
    public void after(Duration delay, Runnable task) {
      pending.add(new Task(time.instant().plus(delay), task));
    }

    @Override
    public void close() {
      closed = true;
    }

    void advance(Duration d) {
      Instant end = time.instant().plus(d);
      while (true) {
        Task next =
            pending.stream()
                .filter(t -> !t.due().isAfter(end))
                .min(java.util.Comparator.comparing(Task::due))
                .orElse(null);
        if (next == null) {
          break;
        }
        pending.remove(next);
        time.advance(Duration.between(time.instant(), next.due()));
        next.run().run();
      }
      time.advance(Duration.between(time.instant(), end));
    }
  }

  private static final class Watched implements ConnectionTimers.Watched {
    final Instant connectedAt;
    Instant lastMessageAt;
    boolean open = true;
    final List<String> closes = new ArrayList<>();

    Watched(Instant connectedAt) {
      this.connectedAt = connectedAt;
      this.lastMessageAt = connectedAt;
    }

    @Override
    public String id() {
      return "conn-1";
    }

    @Override
    public Instant connectedAt() {
      return connectedAt;
    }

    @Override
    public Instant lastMessageAt() {
      return lastMessageAt;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close(int status, String reason) {
      closes.add(status + " " + reason);
      open = false;
    }
  }
}
