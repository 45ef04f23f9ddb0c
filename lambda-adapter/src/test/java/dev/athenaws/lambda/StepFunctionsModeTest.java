package dev.athenaws.lambda;

import static dev.athenaws.lambda.Harness.event;
import static dev.athenaws.lambda.Harness.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.catalog.Statement;
import dev.athenaws.internal.query.RequestKey;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeStepFunctions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StepFunctionsModeTest {
  private final Harness h = new Harness().with("ATHENA_WS_MODE", "stepfunctions");

  @AfterEach
  void close() {
    h.close();
  }

  private APIGatewayV2WebSocketResponse query() {
    h.with("STATE_MACHINE_ARN", h.stateMachineArn);
    return new QueryRouteHandler(h.wiring()).handle(event("query.json"), ScriptedTime.plenty());
  }

  @Test
  void aQueryIsStartedHereThenHandedToTheStateMachineWithTheRenderedStatement() {
    assertThat(query().getStatusCode()).isEqualTo(200);

    // The route starts the query, so that accepted names it (and carries its resume token when
    // sessions are on); the state machine's .sync start joins it by the same ClientRequestToken.
    assertThat(h.messages()).hasSize(1);
    JsonNode accepted = h.messages().get(0);
    assertThat(accepted.path("type").asText()).isEqualTo("accepted");
    assertThat(accepted.path("requestId").asText()).isEqualTo("r1");
    assertThat(accepted.path("queryExecutionId").asText()).isNotEmpty();
    assertThat(h.sfn.executions()).hasSize(1);
    String sql = "SELECT n FROM numbers WHERE region = ? LIMIT ?";
    RequestKey key =
        RequestKey.of(
            Harness.CONNECTION, "r1", new Statement(sql, List.of("'eu-west-1'", "5"), "by-region"));
    assertThat(h.sfn.executions().get(0).name()).isEqualTo(key.executionName());
    JsonNode input = read(h.sfn.executions().get(0).input());
    assertThat(input)
        .isEqualTo(
            read(
                "{\"connection\":{\"connectionId\":\"L0SM9cOFvHcCIhw=\","
                    + "\"endpoint\":\""
                    + h.api.endpoint()
                    + "\"},\"requestId\":\"r1\","
                    + "\"query\":{\"name\":\"by-region\",\"sql\":\""
                    + sql
                    + "\","
                    + "\"executionParameters\":[\"'eu-west-1'\",\"5\"],"
                    + "\"resultReuseConfiguration\":"
                    + "{\"ResultReuseByAgeConfiguration\":{\"Enabled\":false}}},"
                    + "\"clientRequestToken\":\""
                    + key.clientRequestToken()
                    + "\"}"));
    assertThat(h.athena.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.operation()).isEqualTo(FakeAthena.START);
              assertThat(r.body().path("ClientRequestToken").asText())
                  .isEqualTo(key.clientRequestToken());
            });
  }

  @Test
  void aResentRequestFindsTheSameExecution() {
    query();
    query();
    assertThat(h.sfn.executions()).hasSize(1);
    assertThat(h.types()).containsExactly("accepted", "accepted");
  }

  @Test
  void aRepeatAfterTheExecutionEndedStartsAnotherThatAnswersAgain() {
    query();
    String name = h.sfn.executions().get(0).name();
    h.sfn.finish(name);

    assertThat(query().getStatusCode()).isEqualTo(200);

    // Before, the closed execution's ARN was taken as the answer: accepted, then nothing ever.
    assertThat(h.sfn.executions())
        .extracting(FakeStepFunctions.Execution::name)
        .containsExactly(name, name + "-1");
    // The same input, so the same ClientRequestToken: the state machine finds the same Athena
    // query and pushes its results again.
    assertThat(h.sfn.executions().get(1).input()).isEqualTo(h.sfn.executions().get(0).input());
    assertThat(h.types()).containsExactly("accepted", "accepted");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "500, Step Functions is unavailable; try again",
    "400, Step Functions is throttling; try again",
  })
  void aThrottlingOrFailingStepFunctionsIsAthenaBusyOnceAsABusyAthenaIs(
      int status, String message) {
    if (status == 500) {
      h.sfn.failNext(20);
    } else {
      h.sfn.throttleNext(20);
    }
    APIGatewayV2WebSocketResponse response = query();
    // The query was started here; the hand-off failed, so it is stopped and the client hears why.
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(h.types()).containsExactly("accepted", "error");
    JsonNode error = h.messages().get(1);
    assertThat(error.path("code").asText()).isEqualTo("ATHENA_BUSY");
    assertThat(error.path("message").asText()).isEqualTo(message);
    assertThat(error.path("retryable").asBoolean()).isTrue();
    assertThat(h.athena.calls(FakeAthena.STOP)).isEqualTo(1);
    assertThat(h.api.messages(Harness.CONNECTION).get(1)).doesNotContain("arn:");
    assertThat(h.sfn.executions()).isEmpty();
  }

  @Test
  void aMissingStateMachineIsInternalWithAGenericMessage() {
    h.with("STATE_MACHINE_ARN", FakeStepFunctions.ARN_PREFIX + "stateMachine:missing");
    APIGatewayV2WebSocketResponse response =
        new QueryRouteHandler(h.wiring()).handle(event("query.json"), ScriptedTime.plenty());
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(h.types()).containsExactly("accepted", "error");
    assertThat(h.messages().get(1).path("code").asText()).isEqualTo("INTERNAL");
    assertThat(h.messages().get(1).path("message").asText())
        .isEqualTo("The query could not be continued; please try again.");
    assertThat(h.athena.calls(FakeAthena.STOP)).isEqualTo(1);
  }

  @Test
  void clientErrorsAreRefusedBeforeTheStateMachine() {
    h.with("STATE_MACHINE_ARN", h.stateMachineArn);
    new QueryRouteHandler(h.wiring())
        .handle(
            Harness.message("{\"action\":\"query\",\"query\":\"nope\"}"), ScriptedTime.plenty());
    assertThat(h.sfn.executions()).isEmpty();
    assertThat(h.messages().get(0).path("code").asText()).isEqualTo("UNKNOWN_QUERY");
  }
}
