package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.local.LocalOptions;
import dev.athenaws.local.LocalStack;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SmokeE2ETest {
  static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start(LocalOptions.parse("--port", "0", "--events", "100000"));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void defaultQuery() {
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      c.send("{\"action\":\"query\"}");
      List<JsonNode> all = c.untilDone(Duration.ofSeconds(60));
      all.forEach(m -> System.out.println(m.toString().substring(0, Math.min(300, m.toString().length()))));
      assertThat(all.get(all.size() - 1).path("type").asText()).isEqualTo("complete");
    }
  }
}
