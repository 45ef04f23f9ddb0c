package dev.athenaws.lambda;

import static dev.athenaws.lambda.Harness.event;
import static dev.athenaws.lambda.Harness.message;
import static dev.athenaws.lambda.Harness.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.athenaws.testing.FakeAthena;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every refused client message: one {@code error} to that connection, status 400, no Athena call.
 */
class QueryRouteClientErrorsTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  private APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event) {
    return new QueryRouteHandler(h.wiring()).handle(event, ScriptedTime.plenty());
  }

  private void assertRefused(APIGatewayV2WebSocketEvent event, String expectedError) {
    APIGatewayV2WebSocketResponse response = handle(event);
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(h.messages()).containsExactly(read(expectedError));
    assertThat(h.athena.requests()).isEmpty();
    assertThat(h.sfn.executions()).isEmpty();
  }

  @Test
  void defaultRouteWithNonJsonBodyIsBadRequest() {
    assertRefused(
        event("default-not-json.json"),
        "{\"type\":\"error\",\"code\":\"BAD_REQUEST\",\"message\":\"Message is not valid JSON (at character 0).\"}");
  }

  @Test
  void unknownActionIsBadRequestWithTheRequestIdEchoed() {
    APIGatewayV2WebSocketResponse response =
        handle(message("{\"action\":\"drop\",\"requestId\":\"r9\"}"));
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(h.messages()).hasSize(1);
    assertThat(h.messages().get(0).path("code").asText()).isEqualTo("BAD_REQUEST");
    assertThat(h.messages().get(0).path("requestId").asText()).isEqualTo("r9");
    assertThat(h.athena.requests()).isEmpty();
  }

  @Test
  void unknownQueryIsUnknownQuery() {
    assertRefused(
        message("{\"action\":\"query\",\"requestId\":\"r3\",\"query\":\"nope\"}"),
        "{\"type\":\"error\",\"requestId\":\"r3\",\"code\":\"UNKNOWN_QUERY\","
            + "\"message\":\"Unknown query 'nope'\"}");
  }

  @Test
  void invalidParameterNamesTheField() {
    APIGatewayV2WebSocketResponse response =
        handle(
            message(
                "{\"action\":\"query\",\"requestId\":\"r4\",\"query\":\"by-region\","
                    + "\"parameters\":{\"region\":\"eu-west-1\",\"limit\":5000}}"));
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(h.messages()).hasSize(1);
    assertThat(h.messages().get(0).path("code").asText()).isEqualTo("INVALID_PARAMETER");
    assertThat(h.messages().get(0).path("field").asText()).isEqualTo("limit");
    assertThat(h.messages().get(0).path("message").asText()).contains("limit").contains("1000");
    assertThat(h.athena.requests()).isEmpty();
  }

  @Test
  void missingRequiredParameterIsInvalidParameter() {
    handle(message("{\"action\":\"query\",\"query\":\"by-region\"}"));
    assertThat(h.messages()).hasSize(1);
    assertThat(h.messages().get(0).path("code").asText()).isEqualTo("INVALID_PARAMETER");
    assertThat(h.messages().get(0).path("field").asText()).isEqualTo("region");
  }

  @Test
  void rawSqlIsRefusedUnlessEnabled() {
    assertRefused(
        message("{\"action\":\"query\",\"requestId\":\"r5\",\"sql\":\"SELECT 1\"}"),
        "{\"type\":\"error\",\"requestId\":\"r5\",\"code\":\"BAD_REQUEST\","
            + "\"message\":\"raw SQL is disabled\",\"field\":\"sql\"}");
  }

  @Test
  void rawSqlRunsWhenEnabled() {
    h.with("ALLOW_RAW_SQL", "true");
    APIGatewayV2WebSocketResponse response =
        handle(message("{\"action\":\"query\",\"requestId\":\"r5\",\"sql\":\"SELECT 1\"}"));
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(h.athena.requests(FakeAthena.START)).hasSize(1);
    assertThat(h.athena.requests(FakeAthena.START).get(0).body().path("QueryString").asText())
        .isEqualTo("SELECT 1");
    assertThat(h.types()).startsWith("accepted").endsWith("complete");
  }

  @Test
  void binaryFrameIsBadRequest() {
    APIGatewayV2WebSocketEvent e = message("eyJhY3Rpb24iOiJxdWVyeSJ9");
    e.setIsBase64Encoded(true);
    assertRefused(
        e,
        "{\"type\":\"error\",\"code\":\"BAD_REQUEST\","
            + "\"message\":\""
            + QueryRoute.BINARY_FRAME
            + "\"}");
  }

  @Test
  void aRefusalToAGoneConnectionStillAnswers400WithoutThrowing() {
    h.api.goneAfter(Harness.CONNECTION, 0);
    APIGatewayV2WebSocketResponse response = handle(event("default-not-json.json"));
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(h.api.messages(Harness.CONNECTION)).isEmpty();
  }

  @Test
  void anEventWithoutAConnectionIdIs500AndNeverThrows() {
    APIGatewayV2WebSocketEvent e = event("list-queries.json");
    e.getRequestContext().setConnectionId(null);
    assertThat(handle(e).getStatusCode()).isEqualTo(500);
    assertThat(h.api.calls()).isEmpty();
  }
}
