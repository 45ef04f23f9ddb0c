package dev.athenaws.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.GetQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.InternalServerException;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.TooManyRequestsException;

/**
 * {@code arn:aws:states:::athena:startQueryExecution.sync}, the "Run a Job" pattern: the task's
 * Parameters are the StartQueryExecution request; the task then waits for a terminal state with
 * GetQueryExecution. Its result is the GetQueryExecution response, {@code
 * {"QueryExecution":{...}}}, with the API's field names and dates as epoch milliseconds. A FAILED
 * or CANCELLED query is the error {@code States.TaskFailed} with that response as the cause; an API
 * error of the start is {@code Athena.<error code>} (so a Retry on {@code
 * Athena.TooManyRequestsException} applies); at the task's deadline the query is stopped (the .sync
 * pattern stops the job it started) and the error is {@code States.Timeout}; when the execution is
 * stopped (StopExecution) the query is stopped too and polling ends. Sources in docs/local.md.
 *
 * <p>Thread-safety: thread-safe (the Athena client is).
 */
final class AthenaSyncTask {
  private static final Logger LOG = LoggerFactory.getLogger(AthenaSyncTask.class);
  private final AthenaClient athena;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration pollInterval;

  AthenaSyncTask(AthenaClient athena, Clock clock, Sleeper sleeper, Duration pollInterval) {
    this.athena = athena;
    this.clock = clock;
    this.sleeper = sleeper;
    this.pollInterval = pollInterval;
  }

  JsonNode run(JsonNode parameters, Instant deadline, StopSignal stop)
      throws WorkflowFailure, StopSignal.Stopped, InterruptedException {
    String id;
    try {
      id = athena.startQueryExecution(request(parameters)).queryExecutionId();
    } catch (AthenaException e) {
      throw new WorkflowFailure(
          "Athena." + e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
    }
    try {
      return await(id, deadline, stop);
    } catch (StopSignal.Stopped e) {
      // StopExecution stops the job the .sync task started, as a timeout does.
      stopQuery(id);
      throw e;
    }
  }

  private JsonNode await(String id, Instant deadline, StopSignal stop)
      throws WorkflowFailure, StopSignal.Stopped, InterruptedException {
    while (true) {
      stop.check();
      GetQueryExecutionResponse r;
      try {
        r = athena.getQueryExecution(b -> b.queryExecutionId(id));
      } catch (TooManyRequestsException | InternalServerException e) {
        // Step Functions' own polling of the job: its throttling is not the task's error.
        stop.sleep(sleeper, pollInterval);
        continue;
      } catch (AthenaException e) {
        throw new WorkflowFailure(
            "Athena." + e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
      }
      QueryExecutionState s = r.queryExecution().status().state();
      if (s == QueryExecutionState.SUCCEEDED) {
        return json(r);
      }
      if (s == QueryExecutionState.FAILED || s == QueryExecutionState.CANCELLED) {
        throw new WorkflowFailure("States.TaskFailed", json(r).toString());
      }
      if (deadline != null && !clock.instant().isBefore(deadline)) {
        stopQuery(id);
        throw new WorkflowFailure("States.Timeout", null);
      }
      stop.sleep(sleeper, pollInterval);
    }
  }

  private void stopQuery(String id) {
    try {
      athena.stopQueryExecution(b -> b.queryExecutionId(id));
    } catch (AthenaException e) {
      // Best effort, as Step Functions' own stop of the job: the task ends either way.
      LOG.warn("StopQueryExecution {} failed: {}", id, e.awsErrorDetails().errorCode());
    }
  }

  private static StartQueryExecutionRequest request(JsonNode p) throws WorkflowFailure {
    StartQueryExecutionRequest.Builder b = StartQueryExecutionRequest.builder();
    b.queryString(text(p, "QueryString"));
    b.clientRequestToken(text(p, "ClientRequestToken"));
    b.workGroup(text(p, "WorkGroup"));
    if (p.has("ExecutionParameters")) {
      if (!p.get("ExecutionParameters").isArray()) {
        throw new WorkflowFailure("States.Runtime", "ExecutionParameters must be an array");
      }
      List<String> values = new ArrayList<>();
      p.get("ExecutionParameters").forEach(v -> values.add(v.asText()));
      b.executionParameters(values);
    }
    JsonNode context = p.path("QueryExecutionContext");
    if (context.isObject()) {
      b.queryExecutionContext(
          c -> c.database(text(context, "Database")).catalog(text(context, "Catalog")));
    }
    JsonNode byAge = p.path("ResultReuseConfiguration").path("ResultReuseByAgeConfiguration");
    if (byAge.isObject()) {
      b.resultReuseConfiguration(
          r ->
              r.resultReuseByAgeConfiguration(
                  a ->
                      a.enabled(byAge.path("Enabled").asBoolean(false))
                          .maxAgeInMinutes(
                              byAge.hasNonNull("MaxAgeInMinutes")
                                  ? byAge.get("MaxAgeInMinutes").asInt()
                                  : null)));
    }
    return b.build();
  }

  private static String text(JsonNode json, String field) {
    return json.hasNonNull(field) ? json.get(field).asText() : null;
  }

  /** An SDK response as its wire JSON: member names as on the wire, dates as epoch millis. */
  static ObjectNode json(SdkPojo pojo) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (SdkField<?> f : pojo.sdkFields()) {
      Object v = f.getValueOrDefault(pojo);
      if (v != null) {
        out.set(f.locationName(), value(v));
      }
    }
    return out;
  }

  private static JsonNode value(Object v) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (v instanceof SdkPojo p) {
      return json(p);
    }
    if (v instanceof Collection<?> c) {
      ArrayNode a = f.arrayNode();
      c.forEach(item -> a.add(value(item)));
      return a;
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = f.objectNode();
      m.forEach((k, item) -> o.set(k.toString(), value(item)));
      return o;
    }
    if (v instanceof Instant i) {
      return f.numberNode(i.toEpochMilli());
    }
    if (v instanceof Boolean b) {
      return f.booleanNode(b);
    }
    if (v instanceof Integer n) {
      return f.numberNode(n);
    }
    if (v instanceof Long n) {
      return f.numberNode(n);
    }
    if (v instanceof Double n) {
      return f.numberNode(n);
    }
    return f.textNode(v.toString());
  }
}
