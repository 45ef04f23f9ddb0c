package dev.athenaws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * One query execution inside {@link FakeAthena}: its script, when it was submitted and, if it was
 * stopped, when. Its state at any instant follows from these. Guarded by FakeAthena's lock.
 */
final class FakeAthenaExecution {
  final String id;
  final FakeAthenaQuery script;
  final Instant submitted;
  final JsonNode startRequest; // null when added directly by a test
  Instant stopped;

  FakeAthenaExecution(String id, FakeAthenaQuery script, Instant submitted, JsonNode startRequest) {
    this.id = id;
    this.script = script;
    this.submitted = submitted;
    this.startRequest = startRequest;
  }

  /**
   * @return the instant the query reached a terminal state, or null when not yet
   */
  Instant completion(Instant now) {
    Instant natural = submitted.plus(script.duration());
    if (stopped != null && stopped.isBefore(natural)) {
      return stopped;
    }
    return natural.isAfter(now) ? null : natural;
  }

  String state(Instant now) {
    Instant done = completion(now);
    if (done != null) {
      return stopped != null && done.equals(stopped) ? "CANCELLED" : script.terminalState;
    }
    Duration t = Duration.between(submitted, now);
    for (FakeAthenaQuery.Segment s : script.timeline) {
      if (t.compareTo(s.duration()) < 0) {
        return s.state();
      }
      t = t.minus(s.duration());
    }
    return script.terminalState;
  }

  /**
   * @return Athena's QueryExecution shape (API reference: QueryExecution) as of now
   */
  ObjectNode toJson(Instant now) {
    ObjectNode q = FakeAthenaJson.MAPPER.createObjectNode();
    q.put("QueryExecutionId", id);
    q.put("Query", startRequest == null ? "SELECT 1" : startRequest.path("QueryString").asText());
    q.put("StatementType", script.statementType);
    if (script.substatementType != null) {
      q.put("SubstatementType", script.substatementType);
    }
    ObjectNode result = q.putObject("ResultConfiguration");
    String prefix =
        startRequest == null
            ? "s3://fake-athena-results/"
            : startRequest
                .path("ResultConfiguration")
                .path("OutputLocation")
                .asText("s3://fake-athena-results/");
    result.put("OutputLocation", prefix + (prefix.endsWith("/") ? "" : "/") + id + ".csv");
    ObjectNode context = q.putObject("QueryExecutionContext");
    if (startRequest != null && startRequest.has("QueryExecutionContext")) {
      context.setAll((ObjectNode) startRequest.get("QueryExecutionContext"));
    }
    q.put(
        "WorkGroup",
        startRequest == null ? "primary" : startRequest.path("WorkGroup").asText("primary"));
    if (startRequest != null && startRequest.has("ExecutionParameters")) {
      q.set("ExecutionParameters", startRequest.get("ExecutionParameters"));
    }
    q.set("Status", status(now));
    q.set("Statistics", statistics(now));
    return q;
  }

  private ObjectNode status(Instant now) {
    ObjectNode s = FakeAthenaJson.MAPPER.createObjectNode();
    String state = state(now);
    s.put("State", state);
    s.put("SubmissionDateTime", FakeAthenaJson.epochSeconds(submitted));
    Instant done = completion(now);
    if (done != null) {
      s.put("CompletionDateTime", FakeAthenaJson.epochSeconds(done));
    }
    if ("CANCELLED".equals(state) && stopped != null && stopped.equals(done)) {
      s.put("StateChangeReason", "Query was cancelled by user");
    } else if (done != null && script.stateChangeReason != null) {
      s.put("StateChangeReason", script.stateChangeReason);
    }
    if ("FAILED".equals(state)) {
      ObjectNode e = s.putObject("AthenaError");
      e.put("ErrorCategory", script.errorCategory);
      e.put("ErrorType", script.errorType);
      e.put("Retryable", script.retryable);
      e.put("ErrorMessage", script.errorMessage);
    }
    return s;
  }

  /**
   * GetQueryRuntimeStatistics: Timeline once SUCCEEDED or FAILED, Rows only when scripted (Athena
   * fills the non-timeline statistics asynchronously: GetQueryRuntimeStatistics API reference).
   */
  FakeAthenaAnswer runtimeStatistics(Instant now) {
    String state = state(now);
    if (!"SUCCEEDED".equals(state) && !"FAILED".equals(state)) {
      return FakeAthenaAnswer.invalid("Query has not yet finished. Current state: " + state);
    }
    ObjectNode st = statistics(now);
    ObjectNode out = FakeAthenaJson.MAPPER.createObjectNode();
    ObjectNode runtime = out.putObject("QueryRuntimeStatistics");
    runtime
        .putObject("Timeline")
        .put("QueryQueueTimeInMillis", st.get("QueryQueueTimeInMillis").asLong())
        .put("EngineExecutionTimeInMillis", st.get("EngineExecutionTimeInMillis").asLong())
        .put("TotalExecutionTimeInMillis", st.get("TotalExecutionTimeInMillis").asLong());
    if (script.outputRows != null) {
      runtime
          .putObject("Rows")
          .put("InputRows", script.outputRows)
          .put("InputBytes", st.get("DataScannedInBytes").asLong())
          .put("OutputBytes", 0)
          .put("OutputRows", script.outputRows);
    }
    return FakeAthenaAnswer.ok(out);
  }

  private ObjectNode statistics(Instant now) {
    Instant done = completion(now);
    Duration t = Duration.between(submitted, done != null ? done : now);
    long queued = 0;
    long running = 0;
    for (FakeAthenaQuery.Segment s : script.timeline) {
      Duration part = t.compareTo(s.duration()) < 0 ? t : s.duration();
      if ("QUEUED".equals(s.state())) {
        queued += part.toMillis();
      } else {
        running += part.toMillis();
      }
      t = t.minus(part);
    }
    ObjectNode st = FakeAthenaJson.MAPPER.createObjectNode();
    st.put("EngineExecutionTimeInMillis", running);
    st.put("DataScannedInBytes", running * script.scanBytesPerSecond / 1000);
    st.put(
        "TotalExecutionTimeInMillis",
        Duration.between(submitted, done != null ? done : now).toMillis());
    st.put("QueryQueueTimeInMillis", queued);
    st.putObject("ResultReuseInformation").put("ReusedPreviousResult", script.reusedPreviousResult);
    return st;
  }
}
