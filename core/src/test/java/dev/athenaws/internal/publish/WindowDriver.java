package dev.athenaws.internal.publish;

import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.internal.protocol.ChunkPolicy;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.notify.Connection;
import dev.athenaws.notify.PostOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.ResultSet;
import software.amazon.awssdk.services.athena.model.ResultSetMetadata;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * Runs a publication on a thread of its own against a {@link GatedNotifier} and plays the network:
 * whenever the publishing thread waits and every post it issued has reached the notifier, the
 * waiting posts complete, the latest first. So a window of N posts completes in reverse order,
 * deterministically, without any sleep.
 */
final class WindowDriver implements AutoCloseable {
  static final Connection CLIENT = Connection.of("c1");

  final GatedNotifier notifier;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "window-test-post");
            t.setDaemon(true);
            return t;
          });
  private final AtomicInteger submitted = new AtomicInteger();
  private final Executor executor =
      task -> {
        submitted.incrementAndGet();
        pool.execute(task);
      };

  WindowDriver(IntFunction<PostOutcome> script) {
    this.notifier = new GatedNotifier(script);
  }

  /** Every post is delivered at the first attempt. */
  WindowDriver() {
    this(seq -> new PostOutcome.Delivered(1));
  }

  ResultPublisher publisher(int postsInFlight) {
    return ResultPublisher.builder(
            notifier,
            (id, token) -> {
              throw new AssertionError("pages are supplied");
            })
        .executor(executor)
        .chunkPolicy(new ChunkPolicy(ChunkPolicy.MIN_MESSAGE_BYTES))
        .postsInFlight(postsInFlight)
        .build();
  }

  /**
   * @return tasks handed to the publisher's executor
   */
  int submitted() {
    return submitted.get();
  }

  static ResultRequest request(dev.athenaws.Continuation from) {
    return new ResultRequest(
        new PublishTarget(CLIENT, "r1", "q1"),
        StatementKind.SELECT,
        java.util.Map.of(),
        QueryStats.EMPTY,
        from);
  }

  /** Publishes on a thread of its own, completing posts as described above, to its end. */
  PublishResult run(
      ResultPublisher publisher,
      ResultRequest request,
      List<GetQueryResultsResponse> pages,
      PauseCondition pause) {
    return run(new FutureTask<>(() -> publisher.publish(request, pages.iterator(), pause)), null);
  }

  /**
   * Drives a publication task; {@code onWait} (nullable) runs once, instead of a release, the first
   * time the publishing thread waits with posts pending; posts are released as usual after it.
   */
  PublishResult run(FutureTask<PublishResult> task, java.util.function.Consumer<Thread> onWait) {
    Thread publishing = new Thread(task, "window-test-publisher");
    publishing.setDaemon(true);
    publishing.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    java.util.function.Consumer<Thread> first = onWait;
    while (!task.isDone()) {
      if (System.nanoTime() > deadline) {
        publishing.interrupt();
        throw new AssertionError("the publication did not end");
      }
      if (publishing.getState() == Thread.State.WAITING
          && notifier.arrived() >= submitted.get()
          && notifier.pending() > 0) {
        if (first == null) {
          notifier.releaseNewestFirst();
        } else if (waitingForPosts(publishing)) {
          first.accept(publishing);
          first = null;
        }
      } else {
        Thread.onSpinWait();
      }
    }
    try {
      return task.get();
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Whether the publishing thread waits in the window for its posts, and not elsewhere: a thread
   * also shows WAITING while it waits for a lock or for another thread to initialise a class (on a
   * loaded machine), and an interrupt delivered there would not test the window's wait.
   */
  private static boolean waitingForPosts(Thread publishing) {
    for (StackTraceElement e : publishing.getStackTrace()) {
      if (e.getClassName().equals(PostWindow.class.getName())) {
        return e.getMethodName().equals("awaitOne"); // the first window frame from the top
      }
    }
    return false;
  }

  /**
   * Pages of a SELECT of integer column n, values 0, 1, ..., header row on page 1, each page but
   * the last with a next token.
   */
  static List<GetQueryResultsResponse> pages(int pages, int rowsPerPage) {
    List<GetQueryResultsResponse> out = new ArrayList<>();
    int n = 0;
    for (int p = 0; p < pages; p++) {
      List<Row> rows = new ArrayList<>();
      if (p == 0) {
        rows.add(row("n"));
      }
      for (int r = 0; r < rowsPerPage; r++) {
        rows.add(row(Integer.toString(n++)));
      }
      out.add(
          GetQueryResultsResponse.builder()
              .resultSet(
                  ResultSet.builder()
                      .resultSetMetadata(
                          ResultSetMetadata.builder()
                              .columnInfo(
                                  ColumnInfo.builder().name("n").label("n").type("integer").build())
                              .build())
                      .rows(rows)
                      .build())
              .nextToken(p < pages - 1 ? "t" + (p + 1) : null)
              .build());
    }
    return out;
  }

  private static Row row(String value) {
    return Row.builder().data(Datum.builder().varCharValue(value).build()).build();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
