package dev.athenaws.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.RemainingTime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The Task work of the local stack: the Athena {@code .sync} integration, and Lambda functions
 * invoked in-process ({@link LocalFunction}s given a remaining time that counts down from the
 * function's timeout, as in Lambda).
 *
 * <p>A function that throws is reported as Lambda reports an unhandled exception to Step Functions:
 * the exception's fully qualified class name as the error (the Java runtime's {@code errorType},
 * e.g. {@code java.lang.RuntimeException}: "AWS Lambda function errors in Java", Lambda developer
 * guide), {@code {"errorMessage","errorType"}} as the cause.
 *
 * <p>Thread-safety: thread-safe when the handlers are.
 */
final class LocalTasks implements Interpreter.Tasks {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AthenaSyncTask athena;
  private final Map<String, LocalFunction> functions;
  private final Duration functionTimeout;
  private final Clock clock;

  LocalTasks(
      AthenaSyncTask athena,
      Map<String, LocalFunction> functions,
      Duration functionTimeout,
      Clock clock) {
    this.athena = athena;
    this.functions = Map.copyOf(functions);
    this.functionTimeout = functionTimeout;
    this.clock = clock;
  }

  @Override
  public JsonNode run(AslState.Task task, JsonNode input, Instant deadline, StopSignal stop)
      throws WorkflowFailure, StopSignal.Stopped, InterruptedException {
    if (task.resource() instanceof AslState.LambdaFunction f) {
      // Not interrupted by a stop: StopExecution does not end a Lambda invocation in progress.
      return invoke(f.arn(), input, deadline);
    }
    return athena.run(input, deadline, stop);
  }

  private JsonNode invoke(String arn, JsonNode input, Instant deadline) throws WorkflowFailure {
    LocalFunction handler = functions.get(arn);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonNode result;
    try {
      handler.invoke(
          new ByteArrayInputStream(JSON.writeValueAsBytes(input)),
          out,
          RemainingTime.until(clock.instant().plus(functionTimeout), clock));
      result = JSON.readTree(out.toByteArray());
    } catch (IOException | RuntimeException e) {
      ObjectNode cause =
          JSON.createObjectNode()
              .put("errorMessage", String.valueOf(e.getMessage()))
              .put("errorType", e.getClass().getName());
      throw new WorkflowFailure(e.getClass().getName(), cause.toString());
    }
    if (deadline != null && !clock.instant().isBefore(deadline)) {
      throw new WorkflowFailure("States.Timeout", null);
    }
    return result == null || result.isMissingNode() ? JSON.nullNode() : result;
  }
}
