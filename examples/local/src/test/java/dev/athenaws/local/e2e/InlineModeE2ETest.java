package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Inline mode: the route handler starts, polls and pushes in its own invocation. */
class InlineModeE2ETest extends FlowScenarios {
  @Override
  String[] flags() {
    return new String[] {"--mode", "inline"};
  }

  @Test
  void aClientThatLeavesWhileTheQueryRunsGetsTheQueryStopped() throws Exception {
    String id;
    try (WsClient c = WsClient.connect(stack().webSocketUri())) {
      c.send("{\"action\":\"query\",\"query\":\"" + Stacks.SLOW + "\"}");
      JsonNode accepted = c.expect("accepted", FlowScenarios.WAIT);
      id = accepted.path("queryExecutionId").asText();
      assertThat(id).isNotBlank();
    }
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String state = state(id);
    while (!state.equals("CANCELLED") && System.nanoTime() < end) {
      Thread.sleep(100);
      state = state(id);
    }
    assertThat(state).isEqualTo("CANCELLED");
  }

  private String state(String id) throws Exception {
    byte[] body = ("{\"QueryExecutionId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    JsonNode r =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(stack().athena().handle("AmazonAthena.GetQueryExecution", body).body());
    return r.path("QueryExecution").path("Status").path("State").asText();
  }
}
