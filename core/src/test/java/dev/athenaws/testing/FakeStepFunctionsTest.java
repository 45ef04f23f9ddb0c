package dev.athenaws.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's own wire format, checked with a plain HTTP client (AWS JSON 1.0, as Step Functions).
 */
class FakeStepFunctionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeStepFunctions sfn = FakeStepFunctions.start();
  private final String arn = sfn.createStateMachine("m");

  @AfterEach
  void close() {
    sfn.close();
  }

  private HttpResponse<String> call(String target, String contentType, String body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(sfn.endpoint().resolve("/"))
            .header("X-Amz-Target", target)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> start(String name, String input) throws Exception {
    String body =
        JSON.createObjectNode()
            .put("stateMachineArn", arn)
            .put("name", name)
            .put("input", input)
            .toString();
    return call("AWSStepFunctions.StartExecution", "application/x-amz-json-1.0", body);
  }

  @Test
  void startAnswersArnAndEpochSecondsAndIsIdempotentByNameAndInput() throws Exception {
    HttpResponse<String> first = start("e1", "{\"a\":1}");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
    JsonNode body = JSON.readTree(first.body());
    assertThat(body.get("executionArn").asText())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:m:e1");
    assertThat(body.get("startDate").isNumber()).isTrue();
    assertThat(start("e1", "{\"a\":1}").body()).isEqualTo(first.body());
    assertThat(sfn.executions()).hasSize(1);
  }

  @Test
  void errorsCarryTheirTypeInTheBody() throws Exception {
    start("e1", "{}");
    HttpResponse<String> exists = start("e1", "{\"b\":2}");
    assertThat(exists.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(exists.body()).get("__type").asText())
        .isEqualTo("ExecutionAlreadyExists");
    sfn.throttleNext(1);
    sfn.failNext(1);
    assertThat(JSON.readTree(start("e2", "{}").body()).get("__type").asText())
        .isEqualTo("ThrottlingException");
    assertThat(start("e2", "{}").statusCode()).isEqualTo(500);
    HttpResponse<String> wrongType =
        call("AWSStepFunctions.StartExecution", "application/json", "{}");
    assertThat(JSON.readTree(wrongType.body()).get("__type").asText())
        .isEqualTo("UnknownOperationException");
    assertThat(sfn.calls())
        .containsExactly(
            "StartExecution e1 200",
            "StartExecution e1 400",
            "StartExecution e2 400",
            "StartExecution e2 500",
            "StartExecution - 400");
  }

  @Test
  void finishedExecutionRefusesEvenTheSameInput() throws Exception {
    start("e1", "{}");
    sfn.finish("e1");
    assertThat(start("e1", "{}").statusCode()).isEqualTo(400);
    assertThat(sfn.executions().get(0).open()).isFalse();
  }
}
