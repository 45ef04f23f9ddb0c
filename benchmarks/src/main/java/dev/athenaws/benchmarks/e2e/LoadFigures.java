package dev.athenaws.benchmarks.e2e;

import dev.athenaws.local.LocalOptions;
import dev.athenaws.local.LocalStack;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Load: {@code load.clients} WebSocket clients (50 by default) connect to one local stack (Step
 * Functions mode, 100,000 events) and each runs {@code events-between} for its own day at the same
 * moment (about 1,100 rows each). Every client must complete with exactly its day's rows (counted
 * in the emulator's database beforehand), every row of its day and every message carrying its
 * requestId. Reports p50/p95 time to complete and, sampled every 50 ms, the stack's threads by pool
 * and the JVM's heap in use.
 */
public final class LoadFigures {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

  /** Thread name prefixes of the stack's pools, in report order. */
  static final List<String> POOLS =
      List.of(
          "local-http", "lambda-", "sfn-execution", "athena-ws-lambda-prefetch", "athena-emulator");

  private LoadFigures() {}

  /**
   * @param clients clients
   * @param rows rows delivered in all
   * @param p50Ms median time from request to complete
   * @param p95Ms 95th percentile
   * @param maxMs slowest
   * @param threadsIdle live threads of the stack's pools before the load
   * @param threadsPeak the most live threads per pool during the load
   * @param threadsPeakTotal the most live threads of the whole JVM (the clients' included)
   * @param heapPeakBytes the most heap in use sampled (the clients' included)
   * @param heapAfterBytes heap in use after the load and a full GC
   */
  public record Result(
      int clients,
      long rows,
      double p50Ms,
      double p95Ms,
      double maxMs,
      int threadsIdle,
      Map<String, Integer> threadsPeak,
      int threadsPeakTotal,
      long heapPeakBytes,
      long heapAfterBytes) {}

  public static void main(String[] args) throws Exception {
    int clients = Integer.getInteger("load.clients", 50);
    System.out.println(format(run(clients, 100_000)));
  }

  /**
   * @param clients how many at once, 1..92 (one day of the sample data each)
   * @param events sample events
   * @return the figures
   * @throws Exception when the stack fails or a client's checks fail
   */
  public static Result run(int clients, int events) throws Exception {
    if (clients < 1 || clients > 92) {
      throw new IllegalArgumentException("clients must be 1..92");
    }
    try (LocalStack stack =
        LocalStack.start(LocalOptions.parse("--port", "0", "--events", Integer.toString(events)))) {
      Map<String, Long> expected = rowsPerDay(stack);
      int idle = poolThreads().values().stream().mapToInt(Integer::intValue).sum();
      Sampler sampler = new Sampler();
      sampler.start();
      ExecutorService pool =
          Executors.newFixedThreadPool(
              clients,
              r -> {
                Thread t = new Thread(r, "load-client");
                t.setDaemon(true);
                return t;
              });
      List<CompletableFuture<StreamClient.Stream>> runs = new ArrayList<>();
      List<StreamClient> connections = new ArrayList<>();
      try {
        for (int i = 0; i < clients; i++) {
          connections.add(StreamClient.connect(stack.webSocketUri()));
        }
        for (int i = 0; i < clients; i++) {
          String day = LocalDate.of(2021, 7, 1).plusDays(i).format(DAY);
          String requestId = "client-" + i;
          StreamClient c = connections.get(i);
          runs.add(
              CompletableFuture.supplyAsync(
                  () ->
                      check(
                          c.run(
                              "{\"action\":\"query\","
                                  + "\"requestId\":\""
                                  + requestId
                                  + "\",\"query\":\"events-between\",\"parameters\":"
                                  + "{\"startDate\":\""
                                  + day
                                  + "\",\"endDate\":\""
                                  + day
                                  + "\"}}",
                              row -> {
                                if (!row.path("date").asText().equals(day)) {
                                  throw new IllegalStateException(
                                      requestId + " got a row of " + row.path("date"));
                                }
                              },
                              Duration.ofMinutes(5)),
                          requestId,
                          expected.getOrDefault(day, 0L)),
                  pool));
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
      } finally {
        connections.forEach(StreamClient::close);
        pool.shutdownNow();
      }
      sampler.stop();
      System.gc();
      long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      double[] ms = runs.stream().mapToDouble(f -> f.join().totalNanos() / 1e6).sorted().toArray();
      long rows = runs.stream().mapToLong(f -> f.join().rows()).sum();
      return new Result(
          clients,
          rows,
          percentile(ms, 50),
          percentile(ms, 95),
          ms[ms.length - 1],
          idle,
          sampler.peaks,
          sampler.peakTotal,
          sampler.heapPeak,
          after);
    }
  }

  private static StreamClient.Stream check(StreamClient.Stream s, String requestId, long rows) {
    if (!s.completed() || s.rows() != rows || rows == 0) {
      throw new IllegalStateException(
          requestId + ": " + s.rows() + " of " + rows + " rows, ending " + s.last());
    }
    if (!s.requestIds().equals(Set.of(requestId))) {
      throw new IllegalStateException(requestId + " received messages of " + s.requestIds());
    }
    return s;
  }

  private static Map<String, Long> rowsPerDay(LocalStack stack) throws java.sql.SQLException {
    Map<String, Long> out = new HashMap<>();
    try (Connection c = stack.athena().openConnection();
        Statement s = c.createStatement()) {
      s.execute("USE \"default\"");
      try (ResultSet rs =
          s.executeQuery(
              "SELECT date, count(*) FROM cloudtrail_logs_partition_projection GROUP BY date")) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  static Map<String, Integer> poolThreads() {
    Map<String, Integer> out = new LinkedHashMap<>();
    POOLS.forEach(p -> out.put(p, 0));
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t != null) {
        for (String p : POOLS) {
          if (t.getThreadName().startsWith(p)) {
            out.merge(p, 1, Integer::sum);
          }
        }
      }
    }
    return out;
  }

  static double percentile(double[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** Samples threads and heap every 50 ms. */
  private static final class Sampler {
    final Map<String, Integer> peaks = new LinkedHashMap<>();
    volatile int peakTotal;
    volatile long heapPeak;
    private volatile boolean running = true;
    private final Thread thread = new Thread(this::loop, "load-sampler");

    void start() {
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join();
    }

    private void loop() {
      while (running) {
        poolThreads().forEach((k, v) -> peaks.merge(k, v, Math::max));
        peakTotal = Math.max(peakTotal, ManagementFactory.getThreadMXBean().getThreadCount());
        heapPeak =
            Math.max(heapPeak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  static String format(Result r) {
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%nLoad: %d clients at once, "
                    + "%,d rows in all, each client exactly its own rows%n%n",
                r.clients(),
                r.rows()));
    out.append(
        String.format(
            Locale.ROOT,
            "| p50 ms | p95 ms | max ms |%n|---|---|---|%n" + "| %.0f | %.0f | %.0f |%n%n",
            r.p50Ms(),
            r.p95Ms(),
            r.maxMs()));
    out.append("| pool | threads at peak |\n|---|---|\n");
    r.threadsPeak()
        .forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    out.append(
        String.format(
            Locale.ROOT,
            "%nstack pools idle before: %d threads; whole JVM at peak "
                + "(clients included): %d threads; heap in use at peak %.0f MiB, after the load and a GC "
                + "%.0f MiB (clients included)%n",
            r.threadsIdle(),
            r.threadsPeakTotal(),
            r.heapPeakBytes() / 1048576.0,
            r.heapAfterBytes() / 1048576.0));
    return out.toString();
  }
}
