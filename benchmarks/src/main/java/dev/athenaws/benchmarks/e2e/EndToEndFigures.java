package dev.athenaws.benchmarks.e2e;

import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.local.LocalOptions;
import dev.athenaws.local.LocalStack;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * End-to-end throughput of the local stack against its practical limit, in one run: a WebSocket
 * client runs the original design's query ({@code create-table-events}) and {@code events-between}
 * (every event: 100,000 rows by default) through the whole stack (gateway, the real handlers, Step
 * Functions and Athena emulators, management API), and the same SQL through {@link BaselineServer}
 * (JDBC straight from the emulator's DuckDB to JSON over a plain WebSocket). Reports rows/s, MB/s,
 * time to first row and the ratio to the baseline, and, with a {@link StackSampler} running during
 * the stack's {@code events-between} runs, where the time goes.
 *
 * <p>System properties: {@code e2e.events} (100000), {@code e2e.runs} (5 measured runs after one
 * warm-up per row), {@code e2e.profile} (true). Prints a markdown table.
 */
public final class EndToEndFigures {
  /** The two queries, as the catalog names them. */
  static final String ORIGINAL = "create-table-events";

  static final String ALL_EVENTS = "events-between";
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private EndToEndFigures() {}

  /**
   * One row of the table: a query's runs on one path.
   *
   * @param path what carried the rows
   * @param query the catalog query
   * @param runs the measured runs
   */
  public record Row(String path, String query, List<StreamClient.Stream> runs) {
    /**
     * @return rows of one run
     */
    public long rows() {
      return runs.get(0).rows();
    }

    /**
     * @return median time from request to final message
     */
    public double totalMs() {
      return median(runs.stream().mapToDouble(r -> r.totalNanos() / 1e6).toArray());
    }

    /**
     * @return median time from request to the first rows message
     */
    public double firstRowMs() {
      return median(runs.stream().mapToDouble(r -> r.firstRowNanos() / 1e6).toArray());
    }

    /**
     * @return rows per second over the median total time
     */
    public double rowsPerSecond() {
      return rows() / (totalMs() / 1000);
    }

    /**
     * @return MB (10^6 bytes) per second over the median total time
     */
    public double megabytesPerSecond() {
      return runs.get(0).bytes() / 1e6 / (totalMs() / 1000);
    }
  }

  /**
   * The figures of one run.
   *
   * @param rows the table rows
   * @param profile busy-thread samples by category during the stack's events-between runs, empty
   *     when not profiled
   * @param otherTops the top frames (and thread names) of the samples counted as "other"
   */
  public record Report(List<Row> rows, Map<String, Long> profile, Map<String, Long> otherTops) {
    /**
     * @return the row of a path and query
     */
    public Row row(String path, String query) {
      return rows.stream()
          .filter(r -> r.path().equals(path) && r.query().equals(query))
          .findFirst()
          .orElseThrow();
    }
  }

  public static void main(String[] args) throws Exception {
    int events = Integer.getInteger("e2e.events", 100_000);
    int runs = Integer.getInteger("e2e.runs", 5);
    boolean profile = Boolean.parseBoolean(System.getProperty("e2e.profile", "true"));
    Report report = run(events, runs, profile);
    System.out.println(format(report, events, runs));
  }

  /**
   * Runs every row.
   *
   * @param events sample events of the stacks
   * @param runs measured runs per row (after one warm-up)
   * @param profile whether to sample stacks during the stack's events-between runs
   * @return the figures
   * @throws Exception when a stack cannot start or a stream fails its checks
   */
  public static Report run(int events, int runs, boolean profile) throws Exception {
    List<Row> rows = new ArrayList<>();
    Map<String, Long> samples = Map.of();
    Map<String, Long> otherTops = Map.of();
    try (LocalStack stack =
        LocalStack.start(LocalOptions.parse("--port", "0", "--events", Integer.toString(events)))) {
      QueryCatalog catalog = QueryCatalog.cloudTrailExample();
      for (String query : List.of(ORIGINAL, ALL_EVENTS)) {
        String request = "{\"action\":\"query\",\"query\":\"" + query + "\"}";
        rows.add(
            new Row(
                "local stack (stepfunctions)",
                query,
                measure(stack.webSocketUri(), request, runs, null)));
        try (BaselineServer baseline =
            BaselineServer.start(() -> open(stack), sql(catalog, query))) {
          rows.add(
              new Row(
                  "baseline (JDBC -> JSON -> WebSocket)",
                  query,
                  measure(baseline.uri(), "{}", runs, null)));
        }
      }
      if (profile) {
        StackSampler sampler = new StackSampler(Profile.CATEGORIES, Duration.ofMillis(10));
        sampler.start();
        measure(
            stack.webSocketUri(),
            "{\"action\":\"query\",\"query\":\"" + ALL_EVENTS + "\"}",
            runs,
            null);
        samples = sampler.stop();
        otherTops = sampler.otherTops();
      }
    }
    try (LocalStack inline =
        LocalStack.start(
            LocalOptions.parse(
                "--port", "0", "--events", Integer.toString(events), "--mode", "inline"))) {
      rows.add(
          new Row(
              "local stack (inline)",
              ALL_EVENTS,
              measure(
                  inline.webSocketUri(),
                  "{\"action\":\"query\",\"query\":\"" + ALL_EVENTS + "\"}",
                  runs,
                  null)));
    }
    return new Report(rows, samples, otherTops);
  }

  /** One warm-up, then {@code runs} measured streams, each checked. */
  static List<StreamClient.Stream> measure(
      java.net.URI uri,
      String request,
      int runs,
      java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode> check) {
    List<StreamClient.Stream> out = new ArrayList<>();
    try (StreamClient client = StreamClient.connect(uri)) {
      for (int i = 0; i <= runs; i++) {
        StreamClient.Stream s = client.run(request, check, TIMEOUT);
        if (!s.completed()) {
          throw new IllegalStateException(uri + " ended with " + s.last());
        }
        if (i > 0) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** The catalog query's SQL with its default parameters bound, as Athena binds them. */
  static String sql(QueryCatalog catalog, String query) {
    var bound = catalog.bind(query, Map.of());
    StringBuilder sql = new StringBuilder();
    int next = 0;
    for (char c : bound.sql().toCharArray()) {
      if (c == '?') {
        sql.append(bound.executionParameters().get(next++));
      } else {
        sql.append(c);
      }
    }
    return sql.toString();
  }

  private static Connection open(LocalStack stack) throws java.sql.SQLException {
    Connection c = stack.athena().openConnection();
    try (Statement s = c.createStatement()) {
      s.execute("USE \"default\"");
    }
    return c;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static String format(Report r, int events, int runs) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nEnd to end, %,d sample events, median of %d runs after " + "one warm-up%n%n",
            events,
            runs));
    out.append("| path | query | rows | rows/s | MB/s | first row ms | total ms |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (Row row : r.rows()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %,d | %,.0f | %.1f | %.0f | %.0f |%n",
              row.path(),
              row.query(),
              row.rows(),
              row.rowsPerSecond(),
              row.megabytesPerSecond(),
              row.firstRowMs(),
              row.totalMs()));
    }
    for (String query : List.of(ORIGINAL, ALL_EVENTS)) {
      Row stack = r.row("local stack (stepfunctions)", query);
      Row base = r.row("baseline (JDBC -> JSON -> WebSocket)", query);
      out.append(
          String.format(
              Locale.ROOT,
              "%n%s: stack / baseline rows/s = %.2f (total %.0f vs %.0f"
                  + " ms); engine ms of the last run %s",
              query,
              base.totalMs() / stack.totalMs(),
              stack.totalMs(),
              base.totalMs(),
              stack.runs().get(stack.runs().size() - 1).last().path("statistics")));
    }
    out.append("\n");
    if (!r.profile().isEmpty()) {
      long total = r.profile().values().stream().mapToLong(Long::longValue).sum();
      out.append(
          String.format(
              Locale.ROOT,
              "%nBusy-thread samples during the stack's %s runs (%,d)%n%n",
              ALL_EVENTS,
              total));
      out.append("| where | share |\n|---|---|\n");
      r.profile()
          .forEach(
              (k, v) ->
                  out.append(
                      String.format(
                          Locale.ROOT, "| %s | %.0f%% |%n", k, 100.0 * v / Math.max(1, total))));
      out.append("\nMost frequent tops of \"other\":\n");
      r.otherTops().entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(12)
          .forEach(
              e ->
                  out.append("  ")
                      .append(e.getValue())
                      .append("  ")
                      .append(e.getKey())
                      .append('\n'));
    }
    return out.toString();
  }
}
