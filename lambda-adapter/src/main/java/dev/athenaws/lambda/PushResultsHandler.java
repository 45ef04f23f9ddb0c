package dev.athenaws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.RemainingTime;
import dev.athenaws.Resumption;
import dev.athenaws.internal.query.QueryError;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.ResultLocation;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.internal.session.ThrottledCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;

/**
 * The Lambda handler of the state machine's push task: posts a finished query's results to the
 * client's connection ({@code rows} messages, then {@code complete}), or an {@code error}.
 *
 * <p>Input: {@code {"connection":{...},"requestId","queryName","queryExecutionId","NextToken",
 * "continuation":{...}}}, the execution's own state after {@code StartQueryExecution.sync}, or the
 * original design's {@code {"apiId","connectionId","StartAthenaQuery":{...},
 * "GetAthenaQueryResult":{...}}} (results are read from page 1, not from that page). A Catch output
 * ({@code {"Error","Cause"}} under a key such as {@code error}) makes it post an {@code error}
 * instead. Output: {@code {"done":false,"NextToken","continuation",...}} when the invocation's
 * remaining time fell below {@code PUSH_TIME_RESERVE_MILLIS} (feed it back as the next input), else
 * {@code {"done":true,"rowCount","chunks",...}}. See docs/deployment.md.
 *
 * <p>Thread-safety: thread-safe. Construction throws {@link IllegalStateException} naming the
 * environment variable at fault when the configuration is invalid. {@link #handleRequest} throws
 * {@link IllegalArgumentException} for an input that is not JSON or names no connection or query (a
 * state machine definition error: Step Functions then sees the task fail), and {@link IOException}
 * when the streams fail; failures the client can be told about are posted and end with {@code done:
 * true}.
 */
public final class PushResultsHandler implements RequestStreamHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Wiring wiring;

  /**
   * Used by Lambda: the container's wiring, built from the environment once.
   *
   * @throws IllegalStateException when an environment variable is invalid
   */
  public PushResultsHandler() {
    this(Container.wiring());
  }

  PushResultsHandler(Wiring wiring) {
    this.wiring = Objects.requireNonNull(wiring, "wiring");
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    java.util.Map<String, String> before = RequestLog.enter(context);
    try {
      handle(input, output, Responses.remaining(context));
    } finally {
      RequestLog.exit(before);
    }
  }

  /**
   * Runs one push invocation with a remaining-time source instead of a Lambda {@code Context}: for
   * hosts outside the Lambda runtime (a local state machine, tests). Throws as {@link
   * #handleRequest}.
   *
   * @param input the task input, not null
   * @param output receives the task output, not null
   * @param remaining the invocation's remaining time, not null ({@code RemainingTime.unlimited()})
   * @throws IOException when the streams fail
   */
  public void handle(InputStream input, OutputStream output, RemainingTime remaining)
      throws IOException {
    JsonNode in;
    try {
      in = JSON.readTree(input);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("push input is not JSON", e);
    }
    PushInput push = PushInput.of(wiring.config, in);
    Resumption.Builder resumption =
        Resumption.builder(push.connection())
            .requestId(push.requestId())
            .queryExecutionId(push.queryExecutionId())
            .delivery(push.delivery());
    if (push.executionArn() != null && wiring.stepFunctions != null) {
      // A client's cancel stops this execution; the run then ends without another message.
      resumption.stopSignal(
          new ThrottledCheck(
              () -> wiring.stepFunctions.aborted(push.executionArn()), wiring.clock));
    }
    if (push.failure() != null) {
      StepFailure.Classified failure = StepFailure.classify(push.failure(), push.connection().id());
      if (push.queryExecutionId() == null && failure.queryExecutionId() != null) {
        resumption.queryExecutionId(failure.queryExecutionId());
      }
      resumption.failure(failure.failure());
    } else if (push.execution() != null) {
      known(resumption, push.execution());
    }
    PublishResult result =
        wiring.ws.resume(
            resumption
                .queryName(push.queryName())
                .from(push.from())
                .timeBudget(remaining, wiring.config.pushTimeReserve())
                .build());
    PushOutput out =
        result instanceof PublishResult.Paused p
            ? PushOutput.paused(push, p.next())
            : PushOutput.ended(result);
    JSON.writeValue(output, out.json());
  }

  /**
   * What a {@code .sync} task's output already tells, converted from the SDK's model at this edge:
   * a finished query needs no {@code GetQueryExecution}; a running one is read again by core.
   */
  private static void known(Resumption.Builder resumption, QueryExecution execution) {
    QueryExecutionStatus status = execution.status();
    QueryExecutionState state = status == null ? null : status.state();
    if (state == QueryExecutionState.SUCCEEDED) {
      resumption
          .succeeded(StatementKind.of(execution), QueryStats.of(execution))
          .resultLocation(ResultLocation.outputLocation(execution))
          .resultEncryption(ResultLocation.encryptionOption(execution));
    } else if (state == QueryExecutionState.FAILED) {
      resumption.failure(
          new Resumption.Failure.AthenaFailed(
              QueryError.of(status.athenaError(), status.stateChangeReason())));
    } else if (state == QueryExecutionState.CANCELLED) {
      resumption.failure(new Resumption.Failure.Cancelled());
    }
  }
}
