package dev.athenaws.benchmarks;

import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.internal.protocol.ChunkPolicy;
import dev.athenaws.internal.publish.PauseCondition;
import dev.athenaws.internal.publish.PublishTarget;
import dev.athenaws.internal.publish.ResultPublisher;
import dev.athenaws.internal.publish.ResultRequest;
import dev.athenaws.internal.query.PageFetcher;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.notify.ApiGateway;
import dev.athenaws.notify.Connection;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.retry.Sleeper;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaQuery;
import dev.athenaws.testing.FakeManagementApi;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * Pipelining of result publishing, end to end over real sockets with injected latency: 20 pages,
 * 150 ms per {@code GetQueryResults}, 20 ms per {@code PostToConnection}. With one page of prefetch
 * the run should take about max(sum of fetch time, sum of post time); without it, their sum.
 */
public final class PipelineFigures {
  static final int PAGES = 20;
  static final int ROWS_PER_PAGE = 1000;
  static final Duration FETCH = Duration.ofMillis(150);
  static final Duration POST = Duration.ofMillis(20);

  private PipelineFigures() {}

  /** One measured run. */
  record Run(long millis, int fetches, int posts, long rows) {}

  static Run run(boolean prefetch, int pages, int rowsPerPage, Duration fetch, Duration post) {
    try (FakeAthena athena = FakeAthena.start(Clock.systemUTC());
        FakeManagementApi api = FakeManagementApi.start()) {
      athena.latency(op -> op.equals(FakeAthena.RESULTS) ? fetch : Duration.ZERO, Sleeper.system());
      api.latency(n -> post);
      String id = athena.addQuery(query(pages, rowsPerPage));
      Connection connection = api.connect("bench");
      ConnectionNotifier notifier = ApiGateway.notifier().clientFactory(c -> api.client()).build();
      // Without prefetch the "next" page is fetched on the publishing thread when it is asked for.
      Executor executor = prefetch ? null : Runnable::run;
      ResultPublisher.Builder builder =
          ResultPublisher.builder(notifier, PageFetcher.builder(athena.client()).build())
              .chunkPolicy(ChunkPolicy.defaults());
      if (executor != null) {
        builder.executor(executor);
      }
      ResultPublisher publisher = builder.build();
      ResultRequest request =
          ResultRequest.of(
              new PublishTarget(connection, "r1", id), StatementKind.SELECT, QueryStats.EMPTY);
      long start = System.nanoTime();
      PublishResult result = publisher.publish(request, PauseCondition.NEVER);
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (!(result instanceof PublishResult.Completed c)) {
        throw new IllegalStateException("run did not complete: " + result);
      }
      notifier.close();
      return new Run(
          millis, athena.calls(FakeAthena.RESULTS), (int) api.posts("bench"), c.rowCount());
    }
  }

  static FakeAthenaQuery query(int pages, int rowsPerPage) {
    FakeAthenaQuery.Builder b =
        FakeAthenaQuery.builder()
            .column("id", "integer")
            .column("name", "varchar")
            .column("ts", "timestamp");
    int n = 0;
    for (int p = 0; p < pages; p++) {
      List<List<String>> rows = new ArrayList<>();
      if (p == 0) {
        rows.add(List.of("id", "name", "ts"));
      }
      for (int r = 0; r < rowsPerPage; r++, n++) {
        rows.add(List.of(Integer.toString(n), "event-" + n, "2021-08-01 12:00:00.000"));
      }
      b.page(rows.toArray(new List<?>[0]));
    }
    return b.build();
  }

  /**
   * Prints the figures as markdown table rows.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(true, 3, 100, Duration.ZERO, Duration.ZERO); // warm up class loading and the JIT a little
    System.out.println(
        "| variant | measured ms (median of 3) | sum fetch ms | sum post ms | ideal max ms | measured / ideal |");
    System.out.println("|---|---|---|---|---|---|");
    for (boolean prefetch : new boolean[] {true, false}) {
      long[] ms = new long[3];
      Run last = null;
      for (int i = 0; i < ms.length; i++) {
        last = run(prefetch, PAGES, ROWS_PER_PAGE, FETCH, POST);
        ms[i] = last.millis();
      }
      Arrays.sort(ms);
      long sumFetch = last.fetches() * FETCH.toMillis();
      long sumPost = last.posts() * POST.toMillis();
      long ideal = Math.max(sumFetch, sumPost);
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %d | %d | %d | %.3f |%n",
          prefetch ? "one page prefetched" : "no prefetch",
          ms[1],
          sumFetch,
          sumPost,
          ideal,
          (double) ms[1] / ideal);
    }
  }
}
