package dev.athenaws;

import dev.athenaws.internal.query.RunTally;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.MDC;

/**
 * The prefetch pool as the runs see it: a task runs with the log context ({@link MDC}) and the
 * {@link RunTally} of the thread that submitted it, and the pool thread's own are put back after
 * it, so page fetches log with the run's ids and count into the run's tally. Thread-safe.
 */
final class ContextExecutor implements Executor {
  private final Executor pool;

  ContextExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    RunTally tally = RunTally.current();
    pool.execute(
        () -> {
          Map<String, String> before = MDC.getCopyOfContextMap();
          RunTally tallyBefore = RunTally.enter(tally);
          set(context);
          try {
            task.run();
          } finally {
            set(before);
            RunTally.restore(tallyBefore);
          }
        });
  }

  private static void set(Map<String, String> context) {
    if (context == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(context);
    }
  }
}
