package dev.athenaws.local.sfn;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.local.gateway.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.GetQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.InternalServerException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.TooManyRequestsException;

/**
 * The one workflow the local Step Functions endpoint runs: the same states as the deployed push
 * state machine (examples/cdk {@code PushStateMachine}), in Java.
 *
 * <pre>
 * Already started? (query.queryExecutionId) --yes--> Push results
 *   no -> Start query (.sync: StartQueryExecution, then wait for a terminal state; retried on
 *         TooManyRequests/InternalServer) -> Lift query id -> Push results
 * Push results -> done == false? -> Push results again with its own output; else Done.
 * Any failure -> Report error (the push function with the state plus {"error":{"Error","Cause"}})
 *   -> Failed.
 * </pre>
 *
 * <p>Thread-safety: thread-safe; each {@link #run} works on its own state.
 */
final class PushWorkflow {
  private static final Logger LOG = LoggerFactory.getLogger(PushWorkflow.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int START_ATTEMPTS = 5;

  private final AthenaClient athena;
  private final RequestStreamHandler push;
  private final Settings settings;
  private final Clock clock;

  /**
   * @param workGroup the work group of started queries
   * @param queryTimeout the start state's TimeoutSeconds: the query is stopped after it
   * @param pushTimeout the push function's Lambda timeout
   * @param pollInterval how often the {@code .sync} wait looks at the query
   */
  record Settings(String workGroup, Duration queryTimeout, Duration pushTimeout, Duration pollInterval) {}

  PushWorkflow(AthenaClient athena, RequestStreamHandler push, Settings settings, Clock clock) {
    this.athena = athena;
    this.push = push;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * @return the execution's output
   * @throws WorkflowFailure when the execution ends FAILED
   * @throws InterruptedException when the emulator shuts down
   */
  String run(ObjectNode input) throws WorkflowFailure, InterruptedException {
    ObjectNode state = input.deepCopy();
    if (!state.path("query").hasNonNull("queryExecutionId")) {
      String id;
      try {
        id = startAndWait(state);
      } catch (WorkflowFailure f) {
        throw report(state, f);
      }
      // Lift query id: the input merged with {"queryExecutionId": ...} from the .sync result.
      state.putObject("started").put("queryExecutionId", id);
      state.put("queryExecutionId", id);
    }
    while (true) {
      JsonNode out;
      try {
        out = invokePush(state);
      } catch (WorkflowFailure f) {
        throw report(state, f);
      }
      if (!out.path("done").isBoolean() || out.path("done").asBoolean()) {
        return out.toString();
      }
      if (!out.isObject()) {
        throw report(state, new WorkflowFailure("States.Runtime", "push output is not an object"));
      }
      state = (ObjectNode) out;
    }
  }

  private String startAndWait(ObjectNode state) throws WorkflowFailure, InterruptedException {
    JsonNode query = state.path("query");
    StartQueryExecutionRequest.Builder start = StartQueryExecutionRequest.builder()
        .queryString(query.path("sql").asText(null))
        .workGroup(settings.workGroup());
    if (state.hasNonNull("clientRequestToken")) {
      start.clientRequestToken(state.path("clientRequestToken").asText());
    }
    List<String> parameters = new ArrayList<>();
    query.path("executionParameters").forEach(p -> parameters.add(p.asText()));
    if (!parameters.isEmpty()) {
      start.executionParameters(parameters);
    }
    String id = start(start.build());
    Instant deadline = clock.instant().plus(settings.queryTimeout());
    while (true) {
      GetQueryExecutionResponse r;
      try {
        r = athena.getQueryExecution(b -> b.queryExecutionId(id));
      } catch (TooManyRequestsException | InternalServerException e) {
        Thread.sleep(settings.pollInterval().toMillis());
        continue;
      } catch (AthenaException e) {
        throw new WorkflowFailure("Athena." + e.awsErrorDetails().errorCode(), e.getMessage());
      }
      QueryExecutionState s = r.queryExecution().status().state();
      if (s == QueryExecutionState.SUCCEEDED) {
        return id;
      }
      if (s == QueryExecutionState.FAILED || s == QueryExecutionState.CANCELLED) {
        // As Step Functions reports a failed .sync job: the job's description as the Cause.
        throw new WorkflowFailure("States.TaskFailed", causeOf(r));
      }
      if (clock.instant().isAfter(deadline)) {
        athena.stopQueryExecution(b -> b.queryExecutionId(id));
        throw new WorkflowFailure("States.Timeout", null);
      }
      Thread.sleep(settings.pollInterval().toMillis());
    }
  }

  private String start(StartQueryExecutionRequest request) throws WorkflowFailure, InterruptedException {
    long interval = 200;
    for (int attempt = 1; ; attempt++) {
      try {
        return athena.startQueryExecution(request).queryExecutionId();
      } catch (TooManyRequestsException | InternalServerException e) {
        if (attempt == START_ATTEMPTS) {
          throw new WorkflowFailure("Athena." + e.awsErrorDetails().errorCode(), e.getMessage());
        }
        Thread.sleep(interval);
        interval *= 2;
      } catch (AthenaException e) {
        throw new WorkflowFailure("Athena." + e.awsErrorDetails().errorCode(), e.getMessage());
      }
    }
  }

  private JsonNode invokePush(JsonNode state) throws WorkflowFailure {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      push.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(state)), out,
          new LocalContext("athena-ws-push-results", settings.pushTimeout(), clock));
      return JSON.readTree(out.toByteArray());
    } catch (IOException | RuntimeException e) {
      // Lambda's report of an unhandled exception: its type as the error, a JSON cause.
      ObjectNode cause = JSON.createObjectNode()
          .put("errorMessage", String.valueOf(e.getMessage()))
          .put("errorType", e.getClass().getName());
      throw new WorkflowFailure(e.getClass().getSimpleName(), cause.toString());
    }
  }

  /** The Catch: tells the client through the push function, then the execution fails. */
  private WorkflowFailure report(ObjectNode state, WorkflowFailure failure) {
    ObjectNode withError = state.deepCopy();
    ObjectNode error = withError.putObject("error").put("Error", failure.error);
    if (failure.cause != null) {
      error.put("Cause", failure.cause);
    }
    try {
      invokePush(withError);
    } catch (WorkflowFailure again) {
      LOG.warn("reporting a failure ({}) failed too: {}", failure.error, again.error);
    }
    return failure;
  }

  /** The failed job as Step Functions' Athena integration describes it: {"QueryExecution":{...}}. */
  private static String causeOf(GetQueryExecutionResponse r) {
    QueryExecution e = r.queryExecution();
    ObjectNode root = JSON.createObjectNode();
    ObjectNode qe = root.putObject("QueryExecution");
    qe.put("QueryExecutionId", e.queryExecutionId());
    ObjectNode status = qe.putObject("Status");
    status.put("State", e.status().stateAsString());
    if (e.status().stateChangeReason() != null) {
      status.put("StateChangeReason", e.status().stateChangeReason());
    }
    AthenaError error = e.status().athenaError();
    if (error != null) {
      ObjectNode a = status.putObject("AthenaError");
      if (error.errorCategory() != null) {
        a.put("ErrorCategory", error.errorCategory());
      }
      if (error.errorType() != null) {
        a.put("ErrorType", error.errorType());
      }
      if (error.retryable() != null) {
        a.put("Retryable", error.retryable());
      }
      if (error.errorMessage() != null) {
        a.put("ErrorMessage", error.errorMessage());
      }
    }
    return root.toString();
  }
}
