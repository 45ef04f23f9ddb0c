package dev.athenaws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.RemainingTime;
import dev.athenaws.Resumption;
import dev.athenaws.PublishResult;
import dev.athenaws.internal.publish.PublishTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The Lambda handler of the state machine's push task: posts a finished query's results to the
 * client's connection ({@code rows} messages, then {@code complete}), or an {@code error}.
 *
 * <p>Input: {@code {"connection":{...},"requestId","queryName","queryExecutionId","NextToken",
 * "continuation":{...}}}, the execution's own state after {@code StartQueryExecution.sync}, or the
 * original design's {@code {"apiId","connectionId","StartAthenaQuery":{...},
 * "GetAthenaQueryResult":{"ResultSet":{...},"NextToken"}}} (that page is pushed first). A Catch
 * output ({@code {"Error","Cause"}} under a key such as {@code error}) makes it post an {@code error}
 * instead. Output: {@code {"done":false,"NextToken","continuation",...}} when the invocation's
 * remaining time fell below {@code PUSH_TIME_RESERVE_MILLIS} (feed it back as the next input), else
 * {@code {"done":true,"rowCount","chunks",...}}. See docs/deployment.md.
 *
 * <p>Thread-safety: thread-safe. Construction throws {@link IllegalStateException} naming the
 * environment variable at fault when the configuration is invalid. {@link #handleRequest} throws
 * {@link IllegalArgumentException} for an input that is not JSON or names no connection or query
 * (a state machine definition error: Step Functions then sees the task fail), and
 * {@link IOException} when the streams fail; failures the client can be told about are posted and
 * end with {@code done: true}.
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
    PublishTarget target = new PublishTarget(push.connection(), push.requestId(), push.queryExecutionId());
    Resumption.Builder resumption = Resumption.builder(target);
    if (push.failure() != null) {
      StepFailure.Classified failure = StepFailure.classify(push.failure(), target.connection().connectionId());
      if (target.queryExecutionId() == null && failure.queryExecutionId() != null) {
        resumption = Resumption.builder(target.withQueryExecutionId(failure.queryExecutionId()));
      }
      resumption.failure(failure.failure());
    }
    PublishResult result = wiring.ws.resume(resumption
        .queryName(push.queryName())
        .from(push.from())
        .execution(push.execution())
        .firstPage(push.firstPage())
        .timeBudget(remaining, wiring.config.pushTimeReserve())
        .build());
    PushOutput out = result instanceof PublishResult.Paused p
        ? PushOutput.paused(push, p.next())
        : PushOutput.ended(result);
    JSON.writeValue(output, out.json());
  }
}
