package dev.athenaws.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.local.LocalStack;
import dev.athenaws.local.athena.AthenaEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run of each case of the drop benchmark on one local stack: an undisturbed query, and for a
 * drop point a client that drops its connection there and then either resumes (the query was kept)
 * or cancels it from the new connection and runs it again (what a client must do if a drop stopped
 * the query). Each query's Athena calls are counted in the emulator (the benchmark's own status
 * reads are left out) and its DataScannedInBytes and engine time read from GetQueryExecution.
 *
 * <p>Thread-safety: one case at a time, from one thread.
 */
final class DropRun {
  static final String QUERY = "events-between";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final ThreadLocal<Boolean> PROBING = ThreadLocal.withInitial(() -> false);

  private final LocalStack stack;
  private final CallRecorder calls = new CallRecorder();

  DropRun(LocalStack stack) {
    this.stack = stack;
    stack
        .athena()
        .observe(
            new AthenaEmulator.Observer() {
              @Override
              public void called(String operation, List<String> queryExecutionIds) {
                if (!PROBING.get()) {
                  calls.called(operation, queryExecutionIds);
                }
              }

              @Override
              public void succeeded(String queryExecutionId) {
                calls.succeeded(queryExecutionId);
              }
            });
  }

  /** The query undisturbed: the reference for a drop's cost. */
  DropFigures.Undisturbed undisturbed(String requestId) throws Exception {
    try (DropSocket s = DropSocket.connect(stack.webSocketUri())) {
      long t0 = System.nanoTime();
      s.send(query(requestId));
      String id = s.expect("accepted", WAIT).path("queryExecutionId").asText();
      DropRows rows = new DropRows();
      untilComplete(s, requestId, rows, -1);
      double ms = (System.nanoTime() - t0) / 1e6;
      JsonNode qe = terminal(id);
      return new DropFigures.Undisturbed(ms, rows.rows(), calls.calls(id), scanned(qe), engine(qe));
    }
  }

  /** Drops at {@code point}, reconnects and resumes with the highest contiguous seq held. */
  DropFigures.Outcome keep(DropFigures.Point point) throws Exception {
    Dropped d = dropAt(point, "keep-" + point.name().toLowerCase());
    int afterSeq = -1;
    while (d.held().containsKey(afterSeq + 1)) {
      afterSeq++;
    }
    DropRows rows = new DropRows();
    d.held().headMap(afterSeq, true).values().forEach(rows::add);
    long firstRow;
    long t0 = System.nanoTime();
    try (DropSocket s = DropSocket.connect(stack.webSocketUri())) {
      s.send(session("resume", d.accepted(), ",\"afterSeq\":" + afterSeq));
      JsonNode ack = s.expect("accepted", WAIT);
      if (!ack.path("resumed").asBoolean()) {
        throw new IllegalStateException("not resumed: " + ack);
      }
      firstRow = untilComplete(s, d.requestId(), rows, afterSeq);
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    JsonNode qe = terminal(d.id());
    return new DropFigures.Outcome(
        point,
        DropFigures.Choice.KEEP,
        d.state(),
        "",
        "",
        ms,
        (firstRow - t0) / 1e6,
        (calls.succeededNanos(d.id()) - t0) / 1e6,
        rows.rows(),
        calls.calls(d.id()),
        List.of(scanned(qe)),
        List.of(engine(qe)),
        List.of(state(qe)));
  }

  /**
   * Drops at {@code point}, reconnects, stops the query with {@code cancel} (standing in for a
   * server that stops a query at the drop) and runs it again under a new requestId.
   */
  DropFigures.Outcome stop(DropFigures.Point point) throws Exception {
    String suffix = point.name().toLowerCase();
    Dropped d = dropAt(point, "stop-" + suffix);
    DropRows rows = new DropRows();
    String again = "again-" + suffix;
    String stateAtStop;
    String reply;
    String secondId;
    long firstRow;
    long t0 = System.nanoTime();
    try (DropSocket s = DropSocket.connect(stack.webSocketUri())) {
      stateAtStop = state(execution(d.id()));
      s.send(session("cancel", d.accepted(), ""));
      reply = s.expect("error", WAIT).path("code").asText();
      s.send(query(again));
      secondId = s.expect("accepted", WAIT).path("queryExecutionId").asText();
      firstRow = untilComplete(s, again, rows, -1);
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    JsonNode first = terminal(d.id());
    JsonNode second = terminal(secondId);
    Map<String, Integer> both = new TreeMap<>(calls.calls(d.id()));
    calls.calls(secondId).forEach((op, n) -> both.merge(op, n, Integer::sum));
    return new DropFigures.Outcome(
        point,
        DropFigures.Choice.STOP,
        d.state(),
        stateAtStop,
        reply,
        ms,
        (firstRow - t0) / 1e6,
        (calls.succeededNanos(secondId) - t0) / 1e6,
        rows.rows(),
        both,
        List.of(scanned(first), scanned(second)),
        List.of(engine(first), engine(second)),
        List.of(state(first), state(second)));
  }

  /** The first connection up to the drop. */
  private record Dropped(
      String requestId, JsonNode accepted, TreeMap<Integer, JsonNode> held, String state) {
    String id() {
      return accepted.path("queryExecutionId").asText();
    }
  }

  private Dropped dropAt(DropFigures.Point point, String requestId) throws Exception {
    TreeMap<Integer, JsonNode> held = new TreeMap<>();
    JsonNode accepted;
    try (DropSocket s = DropSocket.connect(stack.webSocketUri())) {
      s.send(query(requestId));
      accepted = s.expect("accepted", WAIT);
      if (point == DropFigures.Point.STREAMING) {
        JsonNode first = s.expect("rows", WAIT);
        held.put(first.path("seq").asInt(), first);
      }
      s.drop();
    }
    String state = state(execution(accepted.path("queryExecutionId").asText()));
    return new Dropped(requestId, accepted, held, state);
  }

  /**
   * Reads the query's messages to its {@code complete} (and the rows still in flight then), adding
   * its rows with a seq above {@code afterSeq} to {@code rows}; checks the whole query there.
   *
   * @return {@link System#nanoTime()} at the first {@code rows} message read here
   */
  private static long untilComplete(DropSocket s, String requestId, DropRows rows, int afterSeq)
      throws InterruptedException {
    JsonNode complete = null;
    long firstRow = -1;
    while (complete == null || rows.rows() < complete.path("rowCount").asLong()) {
      JsonNode m = s.next(WAIT);
      if (!m.path("requestId").asText().equals(requestId)) {
        continue;
      }
      switch (m.path("type").asText()) {
        case "rows" -> {
          if (m.path("seq").asInt() <= afterSeq) {
            throw new IllegalStateException("seq " + m.path("seq") + " sent again");
          }
          rows.add(m);
          firstRow = firstRow < 0 ? System.nanoTime() : firstRow;
        }
        case "complete" -> complete = m;
        case "error" -> throw new IllegalStateException(requestId + " ended with " + m);
        default -> {}
      }
    }
    rows.checkComplete(complete);
    return firstRow;
  }

  /** GetQueryExecution's QueryExecution, not counted as the query's calls. */
  private JsonNode execution(String id) throws Exception {
    byte[] body = JSON.writeValueAsBytes(Map.of("QueryExecutionId", id));
    PROBING.set(true);
    try {
      return JSON.readTree(stack.athena().handle("AmazonAthena.GetQueryExecution", body).body())
          .path("QueryExecution");
    } finally {
      PROBING.set(false);
    }
  }

  private JsonNode terminal(String id) throws Exception {
    long until = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode qe = execution(id);
      String state = state(qe);
      if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
        return qe;
      }
      if (System.nanoTime() > until) {
        throw new IllegalStateException(id + " still " + state + " after " + WAIT);
      }
      Thread.sleep(50);
    }
  }

  private static String state(JsonNode qe) {
    return qe.path("Status").path("State").asText();
  }

  private static long scanned(JsonNode qe) {
    return qe.path("Statistics").path("DataScannedInBytes").asLong();
  }

  private static long engine(JsonNode qe) {
    return qe.path("Statistics").path("EngineExecutionTimeInMillis").asLong();
  }

  private static String query(String requestId) {
    return "{\"action\":\"query\",\"query\":\"" + QUERY + "\",\"requestId\":\"" + requestId + "\"}";
  }

  private static String session(String action, JsonNode accepted, String more) {
    return "{\"action\":\""
        + action
        + "\",\"queryExecutionId\":\""
        + accepted.path("queryExecutionId").asText()
        + "\",\"resumeToken\":\""
        + accepted.path("resumeToken").asText()
        + "\""
        + more
        + "}";
  }
}
