package dev.athenaws.local.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@link ConnectionLimits} on the gateway's connections: one pending check per connection,
 * due at the earlier of its idle and its maximum deadline; the check closes the connection through
 * the normal close path (so {@code $disconnect} runs and the management API answers 410 for it
 * afterwards) or, when a message moved the idle deadline, checks again then.
 *
 * <p>What counts as a message, from what API Gateway users observed (AWS documents only "Idle
 * Connection Timeout: 10 minutes"): data messages in either direction. A server that posts a
 * message to the connection every 9.5 minutes ({@code @connections} POST) keeps it open until the
 * 2-hour limit (Hotsock, "Keep Alive": https://www.hotsock.io/docs/connections/keep-alive/, with a
 * wscat transcript against execute-api); idleness is "direction agnostic" and API Gateway does not
 * use WebSocket ping/pong frames for it, so a client's pings do not keep a connection open
 * (https://github.com/andyrichardson/subscriptionless/issues/3). Both closes use 1001 "Going away",
 * as the serverless-offline emulator does for both limits
 * (https://github.com/dherault/serverless-offline, src/events/websocket/WebSocketClients.js); AWS
 * does not document the code.
 *
 * <p>Thread-safety: thread-safe.
 */
final class ConnectionTimers implements AutoCloseable {
  /** The close code of both limits: RFC 6455's 1001, "going away". */
  static final int CLOSE_CODE = StatusCode.SHUTDOWN;

  /** The close reason of both limits. */
  static final String CLOSE_REASON = "Going away";

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionTimers.class);

  /** What the timers watch: a {@link Connection} (an interface so tests need no socket). */
  interface Watched {
    String id();

    Instant connectedAt();

    /** When the last data message went either way (the connection's open time before any). */
    Instant lastMessageAt();

    boolean isOpen();

    void close(int status, String reason);
  }

  /** Runs a task after a delay; tasks handed in after {@link #close} are dropped. */
  interface Scheduler extends AutoCloseable {
    void after(Duration delay, Runnable task);

    @Override
    void close();

    /**
     * @return a scheduler on one daemon thread, stopped by {@link #close}
     */
    static Scheduler daemon() {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "gateway-connection-timers");
                t.setDaemon(true);
                return t;
              });
      executor.setRemoveOnCancelPolicy(true);
      return new Scheduler() {
        @Override
        public void after(Duration delay, Runnable task) {
          try {
            executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
          } catch (RejectedExecutionException e) {
            // the gateway is closing: its connections are being closed anyway
          }
        }

        @Override
        public void close() {
          executor.shutdownNow();
        }
      };
    }
  }

  private final ConnectionLimits limits;
  private final Clock clock;
  private final Scheduler scheduler;

  ConnectionTimers(ConnectionLimits limits, Clock clock, Scheduler scheduler) {
    this.limits = limits;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** Starts enforcing the limits on a connection that just opened. */
  void watch(Watched connection) {
    schedule(connection);
  }

  private void schedule(Watched c) {
    Duration delay = Duration.between(clock.instant(), deadline(c));
    scheduler.after(delay.isNegative() ? Duration.ZERO : delay, () -> check(c));
  }

  private Instant deadline(Watched c) {
    Instant idle = c.lastMessageAt().plus(limits.idleTimeout());
    Instant max = c.connectedAt().plus(limits.maxDuration());
    return idle.isBefore(max) ? idle : max;
  }

  private void check(Watched c) {
    if (!c.isOpen()) {
      return;
    }
    Instant now = clock.instant();
    if (!now.isBefore(c.connectedAt().plus(limits.maxDuration()))) {
      LOG.info(
          "connection {} reached the maximum duration {}: closing", c.id(), limits.maxDuration());
      c.close(CLOSE_CODE, CLOSE_REASON);
    } else if (!now.isBefore(c.lastMessageAt().plus(limits.idleTimeout()))) {
      LOG.info("connection {} idle for {}: closing", c.id(), limits.idleTimeout());
      c.close(CLOSE_CODE, CLOSE_REASON);
    } else {
      schedule(c);
    }
  }

  /** Stops the scheduler; pending checks are dropped. */
  @Override
  public void close() {
    scheduler.close();
  }
}
