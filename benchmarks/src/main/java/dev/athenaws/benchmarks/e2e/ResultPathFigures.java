package dev.athenaws.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.local.LocalOptions;
import dev.athenaws.local.LocalStack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result path (issue 14's benchmark): for each {@link ResultPathVariant} (API path with 1 post
 * in flight, S3 path with 1, 2, 4, 8, link delivery), a local stack with the latency model {@link
 * #MODEL} runs the {@code result-path} query of {@code result-path-catalog.json} for each size, and
 * reports the time from the query's SUCCEEDED (seen inside the Athena emulator) to the last row at
 * a WebSocket client (to the {@code download} message for link delivery), and the Athena calls the
 * query cost by operation (counted in the emulator: the handlers' and the workflow's). Every run is
 * checked: every row exactly once ({@link ResultPathRows}), {@code seq} and {@code rowCount}.
 *
 * <p>System properties: {@code resultpath.events} (100000), {@code resultpath.rows}
 * (100000,1000000), {@code resultpath.runs} (1 measured run per size after a warm-up), {@code
 * resultpath.out} (target/result-path-figures.md). Prints a markdown table and writes it there.
 */
public final class ResultPathFigures {
  /** The catalog query every variant runs. */
  static final String QUERY = "result-path";

  /**
   * The latency model of the issue: GetQueryResults 200 ms a page (the other Athena calls 0 ms),
   * PostToConnection 25 ms, S3 first byte 40 ms at 60 MB/s (480 megabits/s).
   */
  static final List<String> MODEL =
      List.of(
          "--get-results-latency-ms",
          "200",
          "--post-latency-ms",
          "25",
          "--s3-first-byte-ms",
          "40",
          "--s3-mbps",
          "480");

  static final int WARM_UP_ROWS = 2_000;
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private ResultPathFigures() {}

  /**
   * One variant at one size.
   *
   * @param variant the variant's label, e.g. {@code S3/4}
   * @param rows rows of the result
   * @param ms per run, from SUCCEEDED to the last row (to {@code download} for link delivery)
   * @param firstMs per run, from SUCCEEDED to the first rows message (-1 when none)
   * @param calls Athena calls of the last run, by operation
   * @param callsAfter those of {@code calls} made after SUCCEEDED (incl. the poll that noticed it)
   * @param last the last run's final message
   * @param rowsChecked what the row check saw in the last run
   */
  public record Measure(
      String variant,
      long rows,
      List<Double> ms,
      List<Double> firstMs,
      Map<String, Integer> calls,
      Map<String, Integer> callsAfter,
      JsonNode last,
      ResultPathRows rowsChecked) {
    /**
     * @return the median of {@link #ms}
     */
    public double medianMs() {
      return EndToEndFigures.median(ms.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * @return the median of {@link #firstMs}
     */
    public double medianFirstMs() {
      return EndToEndFigures.median(firstMs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * @return Athena calls of the last run, all operations
     */
    public int totalCalls() {
      return calls.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * @return Athena calls of the last run made after SUCCEEDED, all operations
     */
    public int totalCallsAfter() {
      return callsAfter.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /**
   * A run's figures.
   *
   * @param measures the table rows
   * @param notRun the variants this build could not run, with the reason
   */
  public record Report(List<Measure> measures, List<String> notRun) {
    /**
     * @return the measure of a variant and size, if it ran
     */
    public Optional<Measure> find(String variant, long rows) {
      return measures.stream()
          .filter(m -> m.variant().equals(variant) && m.rows() == rows)
          .findFirst();
    }
  }

  public static void main(String[] args) throws Exception {
    int events = Integer.getInteger("resultpath.events", 100_000);
    long[] sizes =
        Arrays.stream(System.getProperty("resultpath.rows", "100000,1000000").split(","))
            .mapToLong(s -> Long.parseLong(s.trim()))
            .toArray();
    int runs = Integer.getInteger("resultpath.runs", 1);
    Report report = run(events, sizes, runs, ResultPathVariant.all());
    String table = format(report, events, runs);
    System.out.println(table);
    Path out = Path.of(System.getProperty("resultpath.out", "target/result-path-figures.md"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, table);
  }

  /**
   * Runs every variant this build supports.
   *
   * @param events sample events of each stack
   * @param sizes result sizes in rows, each at most {@code 10 * events}; link delivery runs the
   *     largest only
   * @param runs measured runs per size, after one warm-up per stack
   * @param variants the variants
   * @return the figures
   * @throws Exception when a stack cannot start or a run fails its checks
   */
  public static Report run(int events, long[] sizes, int runs, List<ResultPathVariant> variants)
      throws Exception {
    Path catalog = Files.createTempFile("result-path-catalog", ".json");
    try (InputStream in = ResultPathFigures.class.getResourceAsStream("result-path-catalog.json")) {
      Files.write(catalog, in.readAllBytes());
    }
    List<String> base = new ArrayList<>(List.of("--port", "0", "--events", "" + events));
    base.addAll(List.of("--query-catalog", catalog.toString(), "--push-timeout-ms", "900000"));
    base.addAll(MODEL);
    List<Measure> measures = new ArrayList<>();
    List<String> notRun = new ArrayList<>();
    try {
      for (ResultPathVariant v : variants) {
        List<String> args = v.stackArgs(base);
        try (LocalStack stack = LocalStack.start(LocalOptions.parse(args.toArray(String[]::new)));
            StreamClient client = StreamClient.connect(stack.webSocketUri())) {
          CallRecorder calls = new CallRecorder();
          stack.athena().observe(calls);
          if (measure(client, calls, v, events, WARM_UP_ROWS, 1).isEmpty()) {
            notRun.add(v.label() + ": no download message (link delivery not built)");
            continue;
          }
          long[] mine = v.link() ? new long[] {Arrays.stream(sizes).max().orElseThrow()} : sizes;
          for (long rows : mine) {
            measures.add(measure(client, calls, v, events, rows, runs).orElseThrow());
          }
        }
      }
    } finally {
      Files.deleteIfExists(catalog);
    }
    return new Report(measures, notRun);
  }

  /** {@code runs} checked runs of one size; empty when a link variant got no download message. */
  private static Optional<Measure> measure(
      StreamClient client, CallRecorder calls, ResultPathVariant v, int events, long rows, int runs)
      throws IOException {
    long copies = (rows + events - 1) / events;
    if (copies < 1 || copies > 10) {
      throw new IllegalArgumentException(rows + " rows need 1..10 copies of " + events + " events");
    }
    String request =
        "{\"action\":\"query\",\"query\":\""
            + QUERY
            + "\",\"parameters\":{\"copies\":"
            + copies
            + ",\"maxRows\":"
            + rows
            + "}"
            + v.queryFields()
            + "}";
    List<Double> ms = new ArrayList<>();
    List<Double> firstMs = new ArrayList<>();
    Map<String, Integer> lastCalls = Map.of();
    Map<String, Integer> lastAfter = Map.of();
    StreamClient.Stream s = null;
    ResultPathRows check = null;
    for (int i = 0; i < runs; i++) {
      check = new ResultPathRows(events * 10L);
      calls.reset();
      s = client.run(request, check, TIMEOUT);
      if (!s.completed()) {
        throw new IllegalStateException(v.label() + " ended with " + s.last());
      }
      Long end = v.link() ? s.firstByType().get("download") : Long.valueOf(s.lastRowNanos());
      if (end == null) {
        return Optional.empty();
      }
      if (!v.link() && (s.rows() != rows || check.rows() != rows)) {
        throw new IllegalStateException(v.label() + ": " + s.rows() + " rows, not " + rows);
      }
      String id = calls.onlyQuery();
      long succeeded = calls.succeededNanos(id);
      ms.add((s.startNanos() + end - succeeded) / 1e6);
      firstMs.add(
          s.firstRowNanos() < 0 ? -1 : (s.startNanos() + s.firstRowNanos() - succeeded) / 1e6);
      lastCalls = calls.calls(id);
      lastAfter = calls.callsAfterSucceeded(id);
    }
    return Optional.of(
        new Measure(v.label(), rows, ms, firstMs, lastCalls, lastAfter, s.last(), check));
  }

  static String format(Report r, int events, int runs) {
    return ResultPathTable.format(r, events, runs);
  }
}
