package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.local.LocalStack;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * Faults while the route handler itself waits for the query (inline mode), where the client sees
 * {@code progress} with the query's id: a query FAILED mid-run, StopQueryExecution from outside
 * while it runs, and a throttling storm while it is polled.
 */
class InlineFaultsE2ETest {
  static LocalStack stack;
  static AthenaClient athena;

  @BeforeAll
  static void start() throws Exception {
    stack = Stacks.start("--mode", "inline", "--events", "20000");
    athena = FaultsE2ETest.athenaClient(stack.httpUri());
  }

  @AfterAll
  static void stop() {
    athena.close();
    stack.close();
  }

  @AfterEach
  void clearFaults() {
    stack.faults().clear();
  }

  @Test
  void aQueryThatFailsMidRunIsQueryFailedAfterItsProgress() {
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      c.send("{\"action\":\"query\",\"query\":\"" + Stacks.FAILS_MID_RUN + "\"}");
      List<JsonNode> all = c.untilDone(FlowScenarios.WAIT);
      JsonNode last = all.get(all.size() - 1);
      assertThat(all)
          .anyMatch(
              m ->
                  m.path("type").asText().equals("progress")
                      && m.path("state").asText().equals("RUNNING"));
      assertThat(last.path("code").asText()).isEqualTo("QUERY_FAILED");
      assertThat(last.path("message").asText()).contains(Stacks.MID_RUN_FAILURE);
    }
  }

  @Test
  void stopQueryExecutionWhileItRunsEndsInQueryCancelled() {
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      c.send("{\"action\":\"query\",\"query\":\"" + Stacks.SLOW + "\"}");
      JsonNode running =
          c.until(
                  m ->
                      m.path("type").asText().equals("progress")
                          && m.path("state").asText().equals("RUNNING"),
                  FlowScenarios.WAIT)
              .get(0);
      String id =
          c.received.stream()
              .filter(m -> m.hasNonNull("queryExecutionId"))
              .findFirst()
              .orElse(running)
              .path("queryExecutionId")
              .asText();
      long start = System.nanoTime();
      athena.stopQueryExecution(b -> b.queryExecutionId(id));
      List<JsonNode> rest = c.untilDone(FlowScenarios.WAIT);
      JsonNode last = rest.get(rest.size() - 1);
      assertThat(last.path("type").asText()).isEqualTo("error");
      assertThat(last.path("code").asText()).isEqualTo("QUERY_CANCELLED");
      assertThat(rest).noneMatch(m -> m.path("type").asText().equals("rows"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
      // The connection keeps working.
      c.send("{\"action\":\"query\"}");
      Result.of(c.untilDone(FlowScenarios.WAIT));
    }
  }

  @Test
  void aShortStormWhilePollingIsWaitedOut() {
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      c.send(FaultsE2ETest.TEN_DAYS);
      c.expect("accepted", FlowScenarios.WAIT);
      stack.faults().throttleAthenaFor(Duration.ofMillis(150));
      Outcome o = Outcome.of(c.untilDone(FlowScenarios.WAIT));
      assertThat(o.completed()).as("final message " + o.last()).isTrue();
      assertThat(o.assertNothingTwice("eventid")).isPositive();
    }
  }
}
