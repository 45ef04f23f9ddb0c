package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inline mode: the route handler starts, polls and pushes in its own invocation. */
class InlineModeE2ETest extends FlowScenarios {
  @Override
  String[] flags() {
    return new String[] {"--mode", "inline"};
  }

  @Test
  void aClientThatLeavesWhileTheQueryRunsLeavesItForAResumeOnANewConnection() throws Exception {
    JsonNode accepted;
    try (WsClient c = WsClient.connect(stack().webSocketUri())) {
      c.send("{\"action\":\"query\",\"query\":\"" + Stacks.SLOW + "\",\"requestId\":\"s\"}");
      accepted = c.expect("accepted", FlowScenarios.WAIT);
      c.drop();
    }
    String id = accepted.path("queryExecutionId").asText();
    // The run notices the drop at its next progress post, and leaves the query running.
    Thread.sleep(3_000);
    assertThat(state(id)).isEqualTo("RUNNING");

    try (WsClient c = WsClient.connect(stack().webSocketUri())) {
      c.send(
          "{\"action\":\"resume\",\"queryExecutionId\":\""
              + id
              + "\",\"resumeToken\":\""
              + accepted.path("resumeToken").asText()
              + "\"}");
      JsonNode ack = c.expect("accepted", FlowScenarios.WAIT);
      assertThat(ack.path("resumed").asBoolean()).isTrue();
      // Still running: progress as usual, on the new connection.
      JsonNode progress = c.expect("progress", FlowScenarios.WAIT);
      assertThat(progress.path("requestId").asText()).isEqualTo("s");
      assertThat(progress.path("state").asText()).isEqualTo("RUNNING");
      // Done with it: cancel with the token of the resumed delivery.
      c.send(
          "{\"action\":\"cancel\",\"queryExecutionId\":\""
              + id
              + "\",\"resumeToken\":\""
              + ack.path("resumeToken").asText()
              + "\"}");
      List<JsonNode> rest = c.untilDone(FlowScenarios.WAIT);
      assertThat(rest.get(rest.size() - 1).path("code").asText()).isEqualTo("QUERY_CANCELLED");
    }
    assertThat(state(id)).isEqualTo("CANCELLED");
  }

  private String state(String id) throws Exception {
    byte[] body = ("{\"QueryExecutionId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    JsonNode r =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(stack().athena().handle("AmazonAthena.GetQueryExecution", body).body());
    return r.path("QueryExecution").path("Status").path("State").asText();
  }
}
