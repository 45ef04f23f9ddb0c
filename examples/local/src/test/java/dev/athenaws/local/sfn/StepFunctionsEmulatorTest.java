package dev.athenaws.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.lambda.workflow.PushWorkflowDefinition;
import dev.athenaws.local.athena.EmulatorResponse;
import dev.athenaws.retry.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * The Step Functions endpoint's API: validation, idempotent start by name, DescribeExecution, and
 * the deployed definition's push loop over a push function that pauses twice. Inputs carry a
 * running query, so Athena is not called.
 */
class StepFunctionsEmulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:push";
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:push";

  /** The deployed workflow (its push loop and its Catch are what these tests run). */
  private static final String DEFINITION =
      PushWorkflowDefinition.inAws(
              FUNCTION, "primary", "default", Optional.empty(), Duration.ofMinutes(1))
          .toJson();

  private final List<JsonNode> pushInputs = new CopyOnWriteArrayList<>();
  private final AthenaClient unused =
      AthenaClient.builder()
          .region(Region.US_EAST_1)
          .endpointOverride(URI.create("http://127.0.0.1:9"))
          .credentialsProvider(AnonymousCredentialsProvider.create())
          .build();
  private final StepFunctionsEmulator sfn =
      new StepFunctionsEmulator(
          ARN,
          DEFINITION,
          unused,
          Map.of(
              FUNCTION,
              (in, out, context) -> {
                JsonNode state = JSON.readTree(in);
                pushInputs.add(state);
                int round = state.path("round").asInt(0);
                String answer =
                    round < 2
                        ? "{\"done\":false,\"round\":"
                            + (round + 1)
                            + ",\"query\":{\"queryExecutionId\":\"q\"}}"
                        : "{\"done\":true,\"rows\":3}";
                out.write(answer.getBytes(StandardCharsets.UTF_8));
              }),
          new WorkflowSettings(Duration.ofSeconds(60), Duration.ofMillis(10)),
          Clock.systemUTC(),
          Sleeper.system());

  @AfterEach
  void close() {
    sfn.close();
    unused.close();
  }

  @Test
  void runsThePushLoopUntilDone() throws Exception {
    JsonNode started = ok(start("e1", "{\"query\":{\"queryExecutionId\":\"q\"}}"));
    String arn = started.path("executionArn").asText();
    assertThat(arn).isEqualTo("arn:aws:states:us-east-1:000000000000:execution:push:e1");
    JsonNode d = awaitEnd(arn);
    assertThat(d.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(JSON.readTree(d.path("output").asText()).path("rows").asInt()).isEqualTo(3);
    assertThat(pushInputs).hasSize(3);
    assertThat(pushInputs.get(1).path("round").asInt()).isEqualTo(1);
  }

  @Test
  void startIsIdempotentByNameAndInput() throws Exception {
    String input = "{\"query\":{\"queryExecutionId\":\"q\"}}";
    String arn = ok(start("same", input)).path("executionArn").asText();
    awaitEnd(arn);
    // Ended: the same name is taken (the starter then finds it with DescribeExecution).
    assertThat(type(start("same", input))).isEqualTo("ExecutionAlreadyExists");
    assertThat(type(start("same", "{\"query\":{\"queryExecutionId\":\"other\"}}")))
        .isEqualTo("ExecutionAlreadyExists");
  }

  @Test
  void badRequestsGetStepFunctionsErrors() throws Exception {
    assertThat(
            type(
                sfn.handle(
                    "AWSStepFunctions.StartExecution",
                    bytes(
                        "{\"stateMachineArn\":\"arn:aws:states:us-east-1:1:stateMachine:other\"}"))))
        .isEqualTo("StateMachineDoesNotExist");
    assertThat(type(start("bad name!", "{}"))).isEqualTo("InvalidName");
    assertThat(type(start("x", "not json"))).isEqualTo("InvalidExecutionInput");
    assertThat(type(start("y", "[1]"))).isEqualTo("InvalidExecutionInput");
    assertThat(type(start("z", "{\"a\":\"" + "x".repeat(262_144) + "\"}")))
        .isEqualTo("InvalidExecutionInput");
    assertThat(type(sfn.handle("AWSStepFunctions.StartExecution", bytes("{"))))
        .isEqualTo("SerializationException");
    assertThat(type(sfn.handle("AWSStepFunctions.ListExecutions", bytes("{}"))))
        .isEqualTo("UnknownOperationException");
    assertThat(
            type(
                sfn.handle(
                    "AWSStepFunctions.DescribeExecution", bytes("{\"executionArn\":\"nope\"}"))))
        .isEqualTo("InvalidArn");
  }

  @Test
  void aPushThatThrowsIsReportedThenTheExecutionFails() throws Exception {
    StepFunctionsEmulator failing =
        new StepFunctionsEmulator(
            ARN,
            DEFINITION,
            unused,
            Map.of(
                FUNCTION,
                (in, out, context) -> {
                  JsonNode state = JSON.readTree(in);
                  pushInputs.add(state);
                  if (!state.has("error")) {
                    throw new IllegalArgumentException("push input names no queryExecutionId");
                  }
                  out.write("{\"done\":true}".getBytes(StandardCharsets.UTF_8));
                }),
            new WorkflowSettings(Duration.ofSeconds(60), Duration.ofMillis(10)),
            Clock.systemUTC(),
            Sleeper.system());
    try {
      EmulatorResponse r =
          failing.handle(
              "AWSStepFunctions.StartExecution",
              bytes(
                  JSON.createObjectNode()
                      .put("stateMachineArn", ARN)
                      .put("name", "f")
                      .put("input", "{\"query\":{\"queryExecutionId\":\"q\"}}")
                      .toString()));
      String arn = ok(r).path("executionArn").asText();
      JsonNode d = awaitEnd(failing, arn);
      assertThat(d.path("status").asText()).isEqualTo("FAILED");
      // The Java runtime's errorType: the fully qualified class name.
      assertThat(d.path("error").asText()).isEqualTo(IllegalArgumentException.class.getName());
      assertThat(pushInputs).hasSize(2);
      assertThat(pushInputs.get(1).path("error").path("Error").asText())
          .isEqualTo(IllegalArgumentException.class.getName());
      assertThat(
              JSON.readTree(pushInputs.get(1).path("error").path("Cause").asText())
                  .path("errorType")
                  .asText())
          .isEqualTo(IllegalArgumentException.class.getName());
    } finally {
      failing.close();
    }
  }

  private EmulatorResponse start(String name, String input) {
    return sfn.handle(
        "AWSStepFunctions.StartExecution",
        bytes(
            JSON.createObjectNode()
                .put("stateMachineArn", ARN)
                .put("name", name)
                .put("input", input)
                .toString()));
  }

  private JsonNode awaitEnd(String arn) throws Exception {
    return awaitEnd(sfn, arn);
  }

  static JsonNode awaitEnd(StepFunctionsEmulator sfn, String arn) throws Exception {
    for (int i = 0; i < 500; i++) {
      JsonNode d =
          ok(
              sfn.handle(
                  "AWSStepFunctions.DescribeExecution",
                  bytes("{\"executionArn\":\"" + arn + "\"}")));
      if (!d.path("status").asText().equals("RUNNING")) {
        return d;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("execution did not end: " + arn);
  }

  static JsonNode ok(EmulatorResponse r) throws IOException {
    assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo(StepFunctionsEmulator.CONTENT_TYPE);
    return JSON.readTree(r.body());
  }

  static String type(EmulatorResponse r) throws IOException {
    assertThat(r.status()).isEqualTo(400);
    return JSON.readTree(r.body()).path("__type").asText();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
