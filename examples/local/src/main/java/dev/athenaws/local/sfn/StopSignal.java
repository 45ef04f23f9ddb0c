package dev.athenaws.local.sfn;

import dev.athenaws.retry.Sleeper;
import java.time.Duration;

/**
 * The StopExecution of one execution, as its interpreter sees it. {@link #stop} marks the execution
 * stopped and interrupts a wait in progress ({@link #sleep}: a Retry backoff, the {@code .sync}
 * polling), so waits end promptly; work that is not a wait (a Lambda function, an Athena call) is
 * never interrupted, as Step Functions does not interrupt a running invocation. The interpreter
 * calls {@link #check} between states and when a task returns, so no state runs after the stop and
 * a late task result is discarded.
 *
 * <p>Thread-safety: thread-safe; one execution thread waits, any thread stops.
 */
final class StopSignal {
  /** The execution was stopped: not a workflow error, so no Retry or Catch sees it. */
  static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("execution stopped", null, false, false);
    }
  }

  private boolean stopped;
  private Thread waiter;

  /**
   * Stops the execution.
   *
   * @return false when it was stopped already
   */
  synchronized boolean stop() {
    if (stopped) {
      return false;
    }
    stopped = true;
    if (waiter != null) {
      waiter.interrupt();
    }
    return true;
  }

  /**
   * @throws Stopped when the execution has been stopped
   */
  synchronized void check() throws Stopped {
    if (stopped) {
      throw new Stopped();
    }
  }

  /**
   * Waits through the sleeper unless and until the execution is stopped.
   *
   * @throws Stopped when the execution is stopped before or during the wait
   * @throws InterruptedException when the local stack shuts down
   */
  void sleep(Sleeper sleeper, Duration duration) throws Stopped, InterruptedException {
    synchronized (this) {
      check();
      waiter = Thread.currentThread();
    }
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      synchronized (this) {
        if (!stopped) {
          throw e;
        }
      }
    } finally {
      synchronized (this) {
        waiter = null;
        if (stopped) {
          // An interrupt meant for this wait must not reach the next work of the pooled thread.
          Thread.interrupted();
        }
      }
    }
    check();
  }
}
