package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.local.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The end-to-end scenarios every orchestration mode must pass: a real WebSocket client against the
 * local stack, the real handlers, the Athena emulator on DuckDB and the sample data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FlowScenarios {
  static final Duration WAIT = Duration.ofSeconds(90);
  private LocalStack stack;

  /**
   * @return the flags of the stack this class runs against (port and catalog are added)
   */
  abstract String[] flags();

  @BeforeAll
  void startStack() throws Exception {
    stack = Stacks.start(flags());
  }

  @AfterAll
  void stopStack() {
    stack.close();
  }

  LocalStack stack() {
    return stack;
  }

  @Test
  void theDefaultQueryReturnsTheOriginalQuerysRows() {
    try (WsClient c = WsClient.connect(stack().webSocketUri())) {
      c.send("{\"action\":\"query\"}");
      JsonNode accepted = c.expect("accepted", WAIT);
      assertThat(accepted.path("message").asText()).isNotBlank();
      Result r = Result.of(c.untilDone(WAIT));
      assertThat(r.rows()).isNotEmpty();
      for (JsonNode row : r.rows()) {
        assertThat(row.path("eventname").asText()).isEqualTo("CreateTable");
        assertThat(row.path("region").asText()).isEqualTo("ap-northeast-1");
        assertThat(row.path("date").asText()).isBetween("2021/08/01", "2021/09/01");
      }
      assertThat(r.complete().path("rowCount").asLong()).isEqualTo(r.rows().size());
      assertThat(r.columns())
          .extracting(col -> col.path("name").asText())
          .contains("eventname", "useridentity", "region", "date");
    }
  }

  @Test
  void aNamedQuerysResultIsReusedAndTheTotalComesBeforeTheRows() {
    try (WsClient c = WsClient.connect(stack().webSocketUri())) {
      List<JsonNode> first = run(c, "reuse-1");
      List<JsonNode> second = run(c, "reuse-2");

      for (List<JsonNode> messages : List.of(first, second)) {
        Result r = Result.of(messages);
        assertThat(r.rows()).hasSize(7);
        int succeeded = indexOf(messages, "progress");
        assertThat(messages.get(succeeded).path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(succeeded).isLessThan(indexOf(messages, "rows"));
        assertThat(messages.get(succeeded).path("totalRows").asLong()).isEqualTo(7);
      }
      JsonNode ran = Result.of(first).complete().path("statistics");
      JsonNode reused = Result.of(second).complete().path("statistics");
      assertThat(ran.path("reusedPreviousResult").asBoolean()).isFalse();
      assertThat(reused.path("reusedPreviousResult").asBoolean()).isTrue();
      assertThat(Result.of(second).rows()).isEqualTo(Result.of(first).rows());
    }
  }

  private static List<JsonNode> run(WsClient c, String requestId) {
    c.send(
        "{\"action\":\"query\",\"requestId\":\""
            + requestId
            + "\",\"query\":\""
            + Stacks.REUSED
            + "\"}");
    return c.untilDone(WAIT);
  }

  /** The last message of the type before the first rows (progress), or the first (rows). */
  private static int indexOf(List<JsonNode> messages, String type) {
    int firstRows = -1;
    int lastProgress = -1;
    for (int i = 0; i < messages.size(); i++) {
      String t = messages.get(i).path("type").asText();
      if (t.equals("rows") && firstRows < 0) {
        firstRows = i;
      }
      if (t.equals("progress") && firstRows < 0) {
        lastProgress = i;
      }
    }
    return type.equals("rows") ? firstRows : lastProgress;
  }

  @Test
  void aNamedQueryBindsItsParameters() {
    try (WsClient c = WsClient.connect(stack().webSocketUri())) {
      c.send(
          "{\"action\":\"query\",\"requestId\":\"p1\",\"query\":\"events-by-name\","
              + "\"parameters\":{\"eventName\":\"DeleteTable\",\"region\":\"us-east-1\","
              + "\"startDate\":\"2021/07/01\",\"endDate\":\"2021/09/30\"}}");
      assertThat(c.expect("accepted", WAIT).path("requestId").asText()).isEqualTo("p1");
      Result r = Result.of(c.untilDone(WAIT));
      assertThat(r.rows())
          .isNotEmpty()
          .allSatisfy(
              row -> {
                assertThat(row.path("eventname").asText()).isEqualTo("DeleteTable");
                assertThat(row.path("region").asText()).isEqualTo("us-east-1");
              });
      assertThat(r.complete().path("requestId").asText()).isEqualTo("p1");
      assertThat(r.complete().path("rowCount").asLong()).isEqualTo(r.rows().size());
    }
  }

  @Test
  void listQueriesDescribesTheCatalog() {
    try (WsClient c = WsClient.connect(stack().webSocketUri())) {
      c.send("{\"action\":\"listQueries\"}");
      JsonNode catalog = c.expect("catalog", WAIT);
      List<String> names = new ArrayList<>();
      catalog.path("queries").forEach(q -> names.add(q.path("name").asText()));
      assertThat(names)
          .contains("create-table-events", "events-by-name", "events-between", Stacks.BROKEN);
    }
  }

  @Test
  void aSqlErrorIsQueryFailed() {
    try (WsClient c = WsClient.connect(stack().webSocketUri())) {
      c.send("{\"action\":\"query\",\"requestId\":\"bad\",\"query\":\"" + Stacks.BROKEN + "\"}");
      List<JsonNode> all = c.untilDone(WAIT);
      JsonNode last = all.get(all.size() - 1);
      assertThat(last.path("type").asText()).isEqualTo("error");
      assertThat(last.path("code").asText()).isEqualTo("QUERY_FAILED");
      assertThat(last.path("requestId").asText()).isEqualTo("bad");
      assertThat(last.path("message").asText()).isNotBlank().doesNotContain("Exception");
    }
  }

  @Test
  void aLargeResultArrivesWholeAndInOrder() {
    try (WsClient c = WsClient.connect(stack().webSocketUri())) {
      c.send(
          "{\"action\":\"query\",\"query\":\"events-between\","
              + "\"parameters\":{\"startDate\":\"2021/08/01\",\"endDate\":\"2021/08/10\"}}");
      c.expect("accepted", WAIT);
      Result r = Result.of(c.untilDone(WAIT));
      r.assertContiguous();
      Set<String> ids = new HashSet<>();
      String previous = "";
      for (JsonNode row : r.rows()) {
        assertThat(ids.add(row.path("eventid").asText())).as("row delivered once").isTrue();
        String time = row.path("eventtime").asText();
        assertThat(time).isGreaterThanOrEqualTo(previous);
        previous = time;
      }
      assertThat(r.rows().size()).isGreaterThan(5_000); // several GetQueryResults pages
      assertThat(r.complete().path("rowCount").asLong()).isEqualTo(r.rows().size());
      assertThat(r.complete().path("chunks").asInt()).isEqualTo(r.chunks());
    }
  }
}
