package dev.athenaws.lambda;

import static dev.athenaws.lambda.Harness.fixture;
import static dev.athenaws.lambda.Harness.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.testing.FakeAthena;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A push input whose continuation cannot be resumed exactly is refused (the task fails with
 * MalformedContinuationException) instead of guessed: guessing restarted {@code seq} at 0 for a
 * bare NextToken and skipped a data row as the header when {@code pageNumber} was missing.
 */
class PushContinuationTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  private JsonNode push(JsonNode input) throws Exception {
    return h.push(input);
  }

  /** Ours: the connection, the query id, and what is given of the position. */
  private ObjectNode input(String nextToken, String continuation) {
    ObjectNode input = Harness.JSON.createObjectNode();
    input.set("connection", fixture("push-state.json").get("connection"));
    input.put("requestId", "r1");
    input.put("queryExecutionId", Harness.FIRST_QUERY);
    if (nextToken != null) {
      input.put("NextToken", nextToken);
    }
    if (continuation != null) {
      input.set("continuation", read(continuation));
    }
    return input;
  }

  @Test
  void aBareNextTokenIsRefusedRatherThanRestartingSeq() {
    h.athena.addQuery(Scripts.numbers(Duration.ZERO, 3, 2));

    assertThatThrownBy(() -> push(input("fake-token/" + Harness.FIRST_QUERY + "/1", null)))
        .isInstanceOf(MalformedContinuationException.class)
        .hasMessageContaining("NextToken");
    assertThat(h.messages()).isEmpty();
    assertThat(h.athena.calls(FakeAthena.RESULTS)).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"nextSeq\":1,\"rowsSoFar\":2,\"chunksSoFar\":1}",
        "{\"pageNumber\":2,\"rowsSoFar\":2,\"chunksSoFar\":1}",
        "{\"pageNumber\":2,\"nextSeq\":1,\"chunksSoFar\":1}",
        "{\"pageNumber\":2,\"nextSeq\":1,\"rowsSoFar\":2}",
        "{\"pageNumber\":\"2\",\"nextSeq\":1,\"rowsSoFar\":2,\"chunksSoFar\":1}",
        "{\"pageNumber\":2.5,\"nextSeq\":1,\"rowsSoFar\":2,\"chunksSoFar\":1}",
        "{\"pageNumber\":0,\"nextSeq\":1,\"rowsSoFar\":2,\"chunksSoFar\":1}",
        "{\"pageNumber\":2,\"nextSeq\":-1,\"rowsSoFar\":2,\"chunksSoFar\":1}",
        "{\"pageNumber\":2,\"nextSeq\":1,\"rowsSoFar\":2,\"chunksSoFar\":1}",
        "{\"pageNumber\":1,\"nextSeq\":0,\"rowsSoFar\":0,\"chunksSoFar\":0,\"nextToken\":\"t\"}",
        "\"page 2\""
      })
  void anIncompleteOrInconsistentContinuationIsRefused(String continuation) {
    h.athena.addQuery(Scripts.numbers(Duration.ZERO, 3, 2));

    assertThatThrownBy(() -> push(input(null, continuation)))
        .isInstanceOf(MalformedContinuationException.class);
    assertThat(h.messages()).isEmpty();
  }

  @Test
  void aCompleteContinuationResumesExactly() throws Exception {
    // Pages of 2 rows (page 1 has the header too); pages 1 and 2 went out as seq 0 and 1.
    h.athena.addQuery(Scripts.numbers(Duration.ZERO, 3, 2));

    JsonNode out =
        push(
            input(
                "fake-token/" + Harness.FIRST_QUERY + "/2",
                "{\"pageNumber\":3,\"nextSeq\":2,\"rowsSoFar\":4,\"chunksSoFar\":2}"));

    assertThat(out.path("rowCount").asInt()).isEqualTo(6);
    JsonNode rows = h.messages().get(0);
    assertThat(rows.path("seq").asInt()).isEqualTo(2);
    assertThat(rows.path("results")).isEqualTo(read("[{\"n\":4},{\"n\":5}]"));
  }

  @Test
  void theCatchOfThatFailureTellsTheClientClearly() throws Exception {
    ObjectNode input = input("fake-token/" + Harness.FIRST_QUERY + "/1", null);
    input.set(
        "error",
        read(
            "{\"Error\":\"dev.athenaws.lambda.MalformedContinuationException\","
                + "\"Cause\":\"{\\\"errorMessage\\\":\\\"push input has a NextToken but no continuation\\\"}\"}"));

    JsonNode out = push(input);

    assertThat(out.path("errorCode").asText()).isEqualTo("INTERNAL");
    assertThat(h.messages())
        .containsExactly(
            read(
                "{\"type\":\"error\",\"requestId\":\"r1\","
                    + "\"queryExecutionId\":\""
                    + Harness.FIRST_QUERY
                    + "\",\"code\":\"INTERNAL\","
                    + "\"message\":\""
                    + StepFailure.NOT_CONTINUED
                    + "\"}"));
  }
}
