package dev.athenaws.local.athena;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * Renders an {@link Execution} as Athena's {@code QueryExecution} shape (Athena API reference:
 * QueryExecution, QueryExecutionStatus, QueryExecutionStatistics, AthenaError). Date-times are
 * epoch seconds with a millisecond fraction, as JSON numbers, the AWS JSON 1.1 timestamp encoding.
 *
 * <p>Statistics are from the injected clock: queue time submission -> start, engine time start ->
 * completion (or now while running), total submission -> completion; planning, pre- and
 * post-processing times are 0; DataScannedInBytes is the runner's estimate.
 *
 * <p>Thread-safety: stateless.
 */
final class ExecutionJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ExecutionJson() {}

  static ObjectNode render(Execution e, Instant now) {
    Execution.Snapshot s = e.snapshot();
    ObjectNode q = F.objectNode();
    q.put("QueryExecutionId", e.id);
    q.put("Query", e.query);
    q.put("StatementType", e.kind.statementType());
    q.putObject("ResultConfiguration").put("OutputLocation", e.resultObject());
    ObjectNode byAge =
        q.putObject("ResultReuseConfiguration")
            .putObject("ResultReuseByAgeConfiguration")
            .put("Enabled", e.reuseMaxAge != null);
    if (e.reuseMaxAge != null) {
      byAge.put("MaxAgeInMinutes", e.reuseMaxAge.toMinutes());
    }
    ObjectNode ctx = q.putObject("QueryExecutionContext");
    ctx.put("Database", e.database);
    ctx.put("Catalog", e.catalog);
    ObjectNode status = q.putObject("Status");
    status.put("State", s.state().name());
    if (s.reason() != null) {
      status.put("StateChangeReason", s.reason());
    }
    status.put("SubmissionDateTime", epochSeconds(e.submitted));
    if (s.completed() != null) {
      status.put("CompletionDateTime", epochSeconds(s.completed()));
    }
    if (s.failure() != null) {
      ObjectNode err = status.putObject("AthenaError");
      err.put("ErrorCategory", s.failure().category());
      err.put("ErrorType", s.failure().type());
      err.put("Retryable", s.failure().retryable());
      err.put("ErrorMessage", s.failure().message());
    }
    statistics(q.putObject("Statistics"), e, s, now);
    q.put("WorkGroup", e.workGroup);
    ObjectNode engine = q.putObject("EngineVersion");
    engine.put("SelectedEngineVersion", "AUTO");
    engine.put("EffectiveEngineVersion", "Athena engine version 3");
    if (!e.parameters.isEmpty()) {
      e.parameters.forEach(q.putArray("ExecutionParameters")::add);
    }
    q.put("SubstatementType", e.kind.substatementType());
    return q;
  }

  private static void statistics(ObjectNode st, Execution e, Execution.Snapshot s, Instant now) {
    Instant end = s.completed() != null ? s.completed() : now;
    Instant started = s.started() != null ? s.started() : end;
    st.put("EngineExecutionTimeInMillis", millis(started, end));
    // A reused result scans nothing (that is what reuse saves: Athena user guide).
    st.put(
        "DataScannedInBytes", s.result() == null || e.reusedFrom != null ? 0 : s.result().bytes());
    st.put("TotalExecutionTimeInMillis", millis(e.submitted, end));
    st.put("QueryQueueTimeInMillis", millis(e.submitted, started));
    st.put("ServicePreProcessingTimeInMillis", 0);
    st.put("QueryPlanningTimeInMillis", 0);
    st.put("ServiceProcessingTimeInMillis", 0);
    st.putObject("ResultReuseInformation").put("ReusedPreviousResult", e.reusedFrom != null);
  }

  /** {@code QueryRuntimeStatisticsTimeline}: the same times as the execution's statistics. */
  static void timeline(ObjectNode t, Execution e, Execution.Snapshot s, Instant now) {
    ObjectNode st = F.objectNode();
    statistics(st, e, s, now);
    t.put("QueryQueueTimeInMillis", st.get("QueryQueueTimeInMillis").asLong());
    t.put("ServicePreProcessingTimeInMillis", 0);
    t.put("QueryPlanningTimeInMillis", 0);
    t.put("EngineExecutionTimeInMillis", st.get("EngineExecutionTimeInMillis").asLong());
    t.put("ServiceProcessingTimeInMillis", 0);
    t.put("TotalExecutionTimeInMillis", st.get("TotalExecutionTimeInMillis").asLong());
  }

  private static long millis(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toMillis());
  }

  static BigDecimal epochSeconds(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3);
  }
}
