package dev.athenaws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaQuery;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which messages share an Athena execution (ClientRequestToken): a retry of the same message (the
 * same event redelivered, or the client's requestId reused) does; a new, identical message does
 * not.
 */
class RequestIdentityTest {
  private static final String NO_REQUEST_ID =
      "{\"action\":\"query\",\"query\":\"by-region\",\"parameters\":{\"region\":\"eu-west-1\",\"limit\":5}}";

  private final Harness h = new Harness().with("INLINE_DEADLINE_SECONDS", "5");

  @AfterEach
  void close() {
    h.close();
  }

  /** Two queries whose data differ: the first execution sees n = 1, a second one n = 2. */
  private void twoExecutionsOfDifferentData() {
    for (String n : List.of("1", "2")) {
      h.athena.nextQuery(
          FakeAthenaQuery.builder()
              .running(Duration.ofMillis(200))
              .column("n", "integer")
              .page(List.of("n"), List.of(n))
              .build());
    }
  }

  private static APIGatewayV2WebSocketEvent message(String messageId, String requestId) {
    APIGatewayV2WebSocketEvent e = Harness.message(NO_REQUEST_ID);
    e.getRequestContext().setMessageId(messageId);
    e.getRequestContext().setRequestId(requestId);
    return e;
  }

  private void handle(APIGatewayV2WebSocketEvent event) {
    new QueryRouteHandler(h.wiring()).handle(event, ScriptedTime.plenty());
  }

  private List<String> tokens() {
    return h.athena.requests(FakeAthena.START).stream()
        .map(r -> r.body().path("ClientRequestToken").asText())
        .toList();
  }

  private List<String> rowValues() {
    return h.messages().stream()
        .filter(m -> m.path("type").asText().equals("rows"))
        .flatMap(m -> java.util.stream.StreamSupport.stream(m.path("results").spliterator(), false))
        .map(r -> r.path("n").asText())
        .toList();
  }

  @Test
  void identicalQueriesWithoutRequestIdAreTwoExecutionsWithFreshRows() {
    twoExecutionsOfDifferentData();

    handle(message("msg-1=", "req-1="));
    handle(message("msg-2=", "req-2="));

    assertThat(tokens()).hasSize(2).doesNotHaveDuplicates();
    assertThat(rowValues()).containsExactly("1", "2");
  }

  @Test
  void identicalQueriesInEventsWithoutGatewayIdsAreStillTwoExecutions() {
    twoExecutionsOfDifferentData();

    handle(message(null, null));
    handle(message(null, null));

    assertThat(tokens()).hasSize(2).doesNotHaveDuplicates();
    assertThat(rowValues()).containsExactly("1", "2");
  }

  @Test
  void aRedeliveredEventJoinsItsExecutionAndGetsItsRowsAgain() {
    twoExecutionsOfDifferentData();

    handle(message("msg-1=", "req-1="));
    handle(message("msg-1=", "req-1="));

    assertThat(tokens()).hasSize(2).containsOnly(tokens().get(0));
    assertThat(h.athena.requests(FakeAthena.START)).hasSize(2);
    List<JsonNode> accepted =
        h.messages().stream().filter(m -> m.path("type").asText().equals("accepted")).toList();
    assertThat(accepted)
        .extracting(m -> m.path("queryExecutionId").asText())
        .containsOnly(Harness.FIRST_QUERY);
    assertThat(rowValues()).containsExactly("1", "1");
  }
}
