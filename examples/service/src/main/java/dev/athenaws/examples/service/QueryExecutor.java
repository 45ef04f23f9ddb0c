package dev.athenaws.examples.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The bounded pool that runs clients' frames off the WebSocket I/O threads: a fixed number of
 * threads (a query holds one until its rows are sent) and a bounded queue; a frame beyond both is
 * refused at once ({@link RejectedExecutionException}) rather than piling up.
 *
 * <p>Shutdown: a {@link SmartLifecycle} in the default phase, so Spring stops it before the web
 * server, while clients are still connected. It takes no new frames, lets running queries finish
 * for the grace period, then interrupts them: an interrupted athena-ws wait stops the query in
 * Athena ({@code StopQueryExecution}) and the client gets {@code QUERY_CANCELLED}. Only then does
 * the web server close the sessions. Frames still waiting then are refused ({@code ATHENA_BUSY}),
 * not dropped.
 *
 * <p>Thread-safety: thread-safe. Exceptions: {@link #execute} throws {@link
 * RejectedExecutionException} when the pool is full or stopped.
 */
final class QueryExecutor implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(QueryExecutor.class);

  /** How long stopped queries get to tell their clients and stop in Athena after the interrupt. */
  private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(10);

  private final ThreadPoolExecutor pool;
  private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
  private final Consumer<Thread> interrupter;
  private final Duration grace;
  private volatile boolean running;

  /**
   * @param threads queries that run at once, > 0
   * @param queue frames that may wait for a thread, > 0
   * @param grace how long {@link #stop()} waits for running queries before interrupting them
   */
  QueryExecutor(int threads, int queue, Duration grace) {
    this(threads, queue, grace, Thread::interrupt);
  }

  /**
   * @param threads queries that run at once, > 0
   * @param queue frames that may wait for a thread, > 0
   * @param grace how long {@link #stop()} waits for running queries before interrupting them
   * @param interrupter how {@link #stop()} interrupts a running query's thread (the notifier's
   *     {@link SessionNotifier#interruptOutsideSend}, so that no send is cut in half)
   */
  QueryExecutor(int threads, int queue, Duration grace, Consumer<Thread> interrupter) {
    this.interrupter = interrupter;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory named =
        r -> {
          Thread t = new Thread(r, "athena-ws-query-" + n.incrementAndGet());
          workers.add(t);
          return t;
        };
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queue),
            named,
            new ThreadPoolExecutor.AbortPolicy());
    this.grace = grace;
  }

  /**
   * Runs {@code task} on a pool thread, or {@code refuse} if the pool stops before the task
   * started.
   *
   * @param task the work
   * @param refuse tells the client its frame was not run; runs on the stopping thread
   * @throws RejectedExecutionException when every thread is busy and the queue is full, or after
   *     {@link #stop()}
   */
  void execute(Runnable task, Runnable refuse) {
    pool.execute(new Job(task, refuse));
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    pool.shutdown();
    try {
      if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        List<Runnable> waiting = new ArrayList<>();
        pool.getQueue().drainTo(waiting);
        LOG.info("Stopping the running queries; {} waiting frames refused", waiting.size());
        workers.forEach(interrupter);
        waiting.forEach(job -> ((Job) job).refuseQuietly());
        if (!pool.awaitTermination(AFTER_INTERRUPT.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("Queries still running after shutdown");
        }
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** A frame's work and what to do when it never runs. */
  private record Job(Runnable task, Runnable refuse) implements Runnable {
    @Override
    public void run() {
      task.run();
    }

    void refuseQuietly() {
      try {
        refuse.run();
      } catch (RuntimeException e) {
        LOG.debug("A waiting frame's client could not be told", e);
      }
    }
  }
}
