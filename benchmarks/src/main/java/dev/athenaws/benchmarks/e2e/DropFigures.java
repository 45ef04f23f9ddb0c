package dev.athenaws.benchmarks.e2e;

import dev.athenaws.local.LocalOptions;
import dev.athenaws.local.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a dropped connection costs (docs/performance.md, "A dropped connection: keep the query for a
 * resume, or stop it"). On one local stack ({@link #STACK}: Step Functions mode, 100,000 sample
 * events, PostToConnection 25 ms, the default S3 result path), the {@code events-between} query
 * with its defaults (100,000 rows) runs once undisturbed, then for each {@link Point} a client
 * drops its TCP connection there (no close frame) and either
 *
 * <ul>
 *   <li>{@link Choice#KEEP}: reconnects and resumes with the highest contiguous seq it held (what
 *       the server makes possible by keeping the query), or
 *   <li>{@link Choice#STOP}: reconnects, stops the first query with {@code cancel} (standing in for
 *       a server that stops a query at the drop) and runs it again under a new requestId.
 * </ul>
 *
 * Each case reports the time from the reconnect to {@code complete}, the rows received, the Athena
 * calls of its queries and their DataScannedInBytes and engine time. Every case is checked: every
 * row's {@code eventid} exactly once across the connections, every {@code seq} once, {@code
 * rowCount} and {@code chunks}.
 *
 * <p>System properties: {@code drop.out} (target/drop-figures.md). Prints a markdown table and
 * writes it there. Arguments, when given, replace {@link #STACK}'s flags after {@code --port 0}.
 */
public final class DropFigures {
  /** The local stack's flags: the result path's PostToConnection latency. */
  static final List<String> STACK = List.of("--post-latency-ms", "25");

  private DropFigures() {}

  /** Where the client drops its connection. */
  public enum Point {
    /** Right after {@code accepted}: the query is still QUEUED or RUNNING in Athena. */
    RUNNING,
    /** After the first {@code rows} message: the query has SUCCEEDED and its rows stream. */
    STREAMING
  }

  /** What happens to the query after the drop. */
  public enum Choice {
    /** The query is kept: the client resumes it. */
    KEEP,
    /** The query is stopped: the client runs it again. */
    STOP
  }

  /**
   * The query once, undisturbed.
   *
   * @param ms from sending the query to its {@code complete}
   * @param rows rows received
   * @param calls its Athena calls by operation
   * @param scanned its DataScannedInBytes
   * @param engineMs its EngineExecutionTimeInMillis
   */
  public record Undisturbed(
      double ms, long rows, Map<String, Integer> calls, long scanned, long engineMs) {}

  /**
   * One drop case.
   *
   * @param point where the connection dropped
   * @param choice what happened to the query
   * @param stateAtDrop the query's Athena state just after the drop
   * @param stateAtStop for {@link Choice#STOP}: its state just before the {@code cancel}
   * @param cancelReply for {@link Choice#STOP}: the code of the {@code error} the cancel got
   * @param ms from the reconnect to {@code complete}
   * @param firstRowMs from the reconnect to the first {@code rows} message on the new connection
   * @param succeededMs from the reconnect to the SUCCEEDED of the query delivered there (seen in
   *     the emulator; negative when it came before the reconnect)
   * @param rows rows received over both connections, each once
   * @param calls Athena calls of the case's queries, by operation
   * @param scanned DataScannedInBytes of each query (the first, then the re-run)
   * @param engineMs EngineExecutionTimeInMillis of each query
   * @param finalStates each query's final Athena state
   */
  public record Outcome(
      Point point,
      Choice choice,
      String stateAtDrop,
      String stateAtStop,
      String cancelReply,
      double ms,
      double firstRowMs,
      double succeededMs,
      long rows,
      Map<String, Integer> calls,
      List<Long> scanned,
      List<Long> engineMs,
      List<String> finalStates) {
    /**
     * @return data scanned by all of the case's queries
     */
    public long totalScanned() {
      return scanned.stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @return Athena calls of the case, all operations
     */
    public int totalCalls() {
      return calls.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /**
   * A run's figures.
   *
   * @param flags the local stack's flags
   * @param undisturbed the reference run
   * @param outcomes keep and stop for each drop point
   */
  public record Report(List<String> flags, Undisturbed undisturbed, List<Outcome> outcomes) {}

  /**
   * Runs the benchmark and prints the table.
   *
   * @param args local stack flags replacing {@link #STACK}; none for the default
   * @throws Exception when the stack cannot start or a case fails its checks
   */
  public static void main(String[] args) throws Exception {
    Report report = run(args.length == 0 ? STACK : List.of(args));
    String table = DropTable.format(report);
    System.out.println(table);
    Path out = Path.of(System.getProperty("drop.out", "target/drop-figures.md"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, table);
  }

  /**
   * Starts a local stack and runs every case once, after an undisturbed warm-up query.
   *
   * @param flags local stack flags ({@code --port 0} is added)
   * @return the figures
   * @throws Exception when the stack cannot start or a case fails its checks
   */
  public static Report run(List<String> flags) throws Exception {
    List<String> args = new ArrayList<>(List.of("--port", "0"));
    args.addAll(flags);
    try (LocalStack stack = LocalStack.start(LocalOptions.parse(args.toArray(String[]::new)))) {
      DropRun run = new DropRun(stack);
      run.undisturbed("warm-up");
      Undisturbed reference = run.undisturbed("undisturbed");
      List<Outcome> outcomes = new ArrayList<>();
      for (Point p : Point.values()) {
        outcomes.add(run.keep(p));
        outcomes.add(run.stop(p));
      }
      return new Report(List.copyOf(flags), reference, outcomes);
    }
  }
}
