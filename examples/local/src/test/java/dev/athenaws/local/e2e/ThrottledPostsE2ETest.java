package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.local.LocalStack;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 30% of the management API's POSTs answered 429: the notifier's retries lose and repeat nothing.
 */
class ThrottledPostsE2ETest {
  static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    // One post at a time keeps the seeded throttling decisions on the same posts run after run:
    // with several posts in flight they land on different messages, and one message may then be
    // throttled past its retries (an error, correctly, but not what this test checks).
    stack =
        Stacks.start("--post-throttle-rate", "0.3", "--events", "20000", "--posts-in-flight", "1");
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void everyRowArrivesOnceAndInOrder() {
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      c.send("{\"action\":\"query\",\"query\":\"events-between\"}");
      c.expect("accepted", FlowScenarios.WAIT);
      Result r = Result.of(c.untilDone(FlowScenarios.WAIT));
      r.assertContiguous();
      Set<String> ids = new HashSet<>();
      for (JsonNode row : r.rows()) {
        assertThat(ids.add(row.path("eventid").asText())).as("row delivered once").isTrue();
      }
      assertThat(r.rows()).hasSize(20_000);
      assertThat(r.chunks()).isGreaterThan(20);
      assertThat(r.complete().path("rowCount").asLong()).isEqualTo(20_000);
    }
  }
}
