package dev.athenaws.internal.query;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** An executor that queues tasks until the test runs them, so hand-offs are deterministic. */
final class ManualExecutor implements Executor {
  private final Deque<Runnable> queue = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable task) {
    queue.add(task);
  }

  /**
   * @return how many tasks wait
   */
  synchronized int queued() {
    return queue.size();
  }

  /** Runs the oldest queued task in the calling thread. */
  void runNext() {
    Runnable task;
    synchronized (this) {
      task = queue.poll();
    }
    if (task == null) {
      throw new AssertionError("no task queued");
    }
    task.run();
  }
}
