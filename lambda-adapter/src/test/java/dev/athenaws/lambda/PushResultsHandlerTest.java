package dev.athenaws.lambda;

import static dev.athenaws.lambda.Harness.fixture;
import static dev.athenaws.lambda.Harness.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaQuery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PushResultsHandlerTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  private JsonNode push(JsonNode input, ScriptedTime context) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PushResultsHandler(h.wiring())
        .handle(
            new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)),
            out,
            context);
    return read(out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theStateAfterStartQueryExecutionSyncIsPushedWithoutAnotherStatusCall() throws Exception {
    h.athena.addQuery(Scripts.numbers(Duration.ZERO, 2, 3));

    JsonNode out = push(fixture("push-state.json"), ScriptedTime.plenty());

    assertThat(out)
        .isEqualTo(read("{\"done\":true,\"rowCount\":6,\"chunks\":1,\"outcome\":\"completed\"}"));
    assertThat(Streams.completeStream(h.messages(), "n")).isEqualTo(Streams.numbers(6));
    List<JsonNode> messages = h.messages();
    // Statistics come from the embedded QueryExecution: no GetQueryExecution was needed.
    assertThat(messages.get(messages.size() - 1))
        .isEqualTo(
            read(
                "{\"type\":\"complete\",\"requestId\":\"r1\",\"queryExecutionId\":\""
                    + Harness.FIRST_QUERY
                    + "\",\"rowCount\":6,\"chunks\":1,\"statistics\":{\"engineExecutionTimeMillis\":1500,"
                    + "\"dataScannedBytes\":2048,\"totalExecutionTimeMillis\":2000,\"queryQueueTimeMillis\":120,"
                    + "\"reusedPreviousResult\":false,\"resultPath\":\"api\"}}"));
    assertThat(h.athena.calls(FakeAthena.GET)).isZero();
    // First the query's end, as progress (the .sync wait posted none), then the rows.
    assertThat(messages.get(0))
        .isEqualTo(
            read(
                "{\"type\":\"progress\",\"requestId\":\"r1\",\"queryExecutionId\":\""
                    + Harness.FIRST_QUERY
                    + "\",\"state\":\"SUCCEEDED\",\"elapsedMillis\":2000,\"dataScannedBytes\":2048}"));
    assertThat(messages.get(1).path("columns"))
        .isEqualTo(read("[{\"name\":\"n\",\"type\":\"integer\"}]"));
  }

  @Test
  void anInputConnectionWithItsEndpointIsPostedThereWithoutWebSocketEndpoint() throws Exception {
    // What the starter now writes: the connection id and its endpoint, nothing to rebuild.
    h.without("WEBSOCKET_ENDPOINT").with("AWS_REGION", "eu-west-1");
    h.athena.addQuery(Scripts.numbers(Duration.ZERO, 1, 2));
    ObjectNode input = fixture("push-state.json");
    input.set(
        "connection",
        read(
            "{\"connectionId\":\""
                + Harness.CONNECTION
                + "\",\"endpoint\":\""
                + h.api.endpoint()
                + "/\"}"));

    JsonNode out = push(input, ScriptedTime.plenty());

    assertThat(out.path("outcome").asText()).isEqualTo("completed");
    assertThat(h.managementEndpoints).containsExactly(h.api.endpoint());
    assertThat(Streams.completeStream(h.messages(), "n")).isEqualTo(Streams.numbers(2));
  }

  @Test
  void aPushThatRunsOutOfTimeReturnsAContinuationAndTheNextInvocationResumesExactly()
      throws Exception {
    h.with("MAX_MESSAGE_BYTES", "1024");
    h.athena.addQuery(Scripts.numbers(Duration.ZERO, 5, 100));

    // Asked after pages 1 and 2: 60 s left, then 9 s (under the 10 s reserve): pause before page 3.
    JsonNode first = push(fixture("push-state.json"), ScriptedTime.remaining(60_000, 9_000));

    assertThat(first.path("done").asBoolean()).isFalse();
    assertThat(first.path("NextToken").asText())
        .isEqualTo("fake-token/" + Harness.FIRST_QUERY + "/2");
    assertThat(first.path("continuation").path("pageNumber").asInt()).isEqualTo(3);
    assertThat(first.path("continuation").path("rowsSoFar").asInt()).isEqualTo(200);
    assertThat(first.path("queryExecutionId").asText()).isEqualTo(Harness.FIRST_QUERY);
    assertThat(first.path("requestId").asText()).isEqualTo("r1");
    assertThat(first.path("queryName").asText()).isEqualTo("numbers");
    assertThat(first.path("connection").path("connectionId").asText())
        .isEqualTo(Harness.CONNECTION);
    int chunksAfterFirst = (int) h.types().stream().filter("rows"::equals).count();
    assertThat(first.path("continuation").path("nextSeq").asInt()).isEqualTo(chunksAfterFirst);
    assertThat(h.types()).doesNotContain("complete");

    // The Choice state feeds the output back; this time the budget runs out after page 4.
    JsonNode second = push(first, ScriptedTime.remaining(9_000));
    assertThat(second.path("done").asBoolean()).isFalse();
    assertThat(second.path("continuation").path("pageNumber").asInt()).isEqualTo(4);

    JsonNode third = push(second, ScriptedTime.plenty());
    assertThat(third.path("done").asBoolean()).isTrue();
    assertThat(third.path("rowCount").asInt()).isEqualTo(500);
    assertThat(Streams.completeStream(h.messages(), "n")).isEqualTo(Streams.numbers(500));
    // Only the first invocation announced the query's end; resumed ones go straight to rows.
    assertThat(h.types().stream().filter("progress"::equals)).hasSize(1);
    // The header row was skipped on page 1 only: every number arrived once.
  }

  @Test
  void theOriginalDesignsInputIsPushedFromPageOneWithoutReadingTheQueryAgain() throws Exception {
    // The input's embedded page is not used: results are read from page 1 (core takes no SDK page).
    h.athena.addQuery(
        FakeAthenaQuery.builder()
            .column("eventname", "varchar")
            .column("n", "bigint")
            .page(List.of("eventname", "n"), List.of("CreateTable", "42"), Arrays.asList("", null))
            .page(List.of("PutObject", "7"))
            .build());

    JsonNode out = push(fixture("push-original.json"), ScriptedTime.plenty());

    assertThat(out.path("done").asBoolean()).isTrue();
    assertThat(out.path("rowCount").asInt()).isEqualTo(3);
    List<JsonNode> results = new ArrayList<>();
    h.messages().stream()
        .filter(m -> m.path("type").asText().equals("rows"))
        .forEach(m -> m.path("results").forEach(results::add));
    assertThat(results)
        .containsExactly(
            read("{\"eventname\":\"CreateTable\",\"n\":42}"),
            read("{\"eventname\":\"\",\"n\":null}"),
            read("{\"eventname\":\"PutObject\",\"n\":7}"));
    assertThat(h.athena.requests(FakeAthena.RESULTS)).hasSize(2);
    assertThat(h.athena.requests(FakeAthena.RESULTS).get(0).body().has("NextToken")).isFalse();
    // The .sync output said SUCCEEDED: no GetQueryExecution.
    assertThat(h.athena.calls(FakeAthena.GET)).isZero();
  }

  @Test
  void theOriginalDesignsInputNeedsAStageOrAnEndpoint() {
    h.without("WEBSOCKET_ENDPOINT");
    assertThatThrownBy(() -> push(fixture("push-original.json"), ScriptedTime.plenty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WEBSOCKET_STAGE");
  }

  @Test
  void aCaughtAthenaFailureIsReportedAsQueryFailed() throws Exception {
    JsonNode out = push(fixture("push-caught.json"), ScriptedTime.plenty());

    assertThat(out.path("done").asBoolean()).isTrue();
    assertThat(out.path("errorCode").asText()).isEqualTo("QUERY_FAILED");
    assertThat(h.messages())
        .containsExactly(
            read(
                "{\"type\":\"error\",\"requestId\":\"r1\",\"queryExecutionId\":"
                    + "\"00000000-0000-4000-8000-000000000009\",\"code\":\"QUERY_FAILED\","
                    + "\"message\":\"TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.default.numbers' does "
                    + "not exist\",\"athenaErrorCategory\":2,\"athenaErrorType\":1301,\"retryable\":false}"));
  }

  @Test
  void anyOtherCaughtFailureIsInternalAndNeverQuotesTheCause() throws Exception {
    ObjectNode input = fixture("push-caught.json");
    ObjectNode error = (ObjectNode) input.get("error");
    error.put("Error", "Lambda.ServiceException");
    error.put("Cause", "arn:aws:lambda:us-east-1:123456789012:function:push failed");

    push(input, ScriptedTime.plenty());

    assertThat(h.messages())
        .containsExactly(
            read(
                "{\"type\":\"error\",\"requestId\":\"r1\","
                    + "\"code\":\"INTERNAL\",\"message\":\""
                    + QueryRouteHandler.INTERNAL_MESSAGE
                    + "\"}"));
  }

  @Test
  void aStartStateThatGaveUpOnABusyAthenaIsAthenaBusy() throws Exception {
    ObjectNode input = fixture("push-caught.json");
    ObjectNode error = (ObjectNode) input.get("error");
    error.put("Error", "Athena.TooManyRequestsException");
    error.put(
        "Cause", "You have exceeded the limit for the number of queries you can run concurrently.");

    push(input, ScriptedTime.plenty());

    assertThat(h.messages())
        .containsExactly(
            read(
                "{\"type\":\"error\",\"requestId\":\"r1\","
                    + "\"code\":\"ATHENA_BUSY\",\"message\":\"Too many queries are running; try again\","
                    + "\"retryable\":true}"));
  }

  @Test
  void aCauseThatMentionsAnAthenaFailureIsQueryFailed() throws Exception {
    ObjectNode input = fixture("push-caught.json");
    ((ObjectNode) input.get("error"))
        .put("Cause", "Athena query execution FAILED: see the console");
    push(input, ScriptedTime.plenty());
    assertThat(h.messages().get(0).path("code").asText()).isEqualTo("QUERY_FAILED");
    assertThat(h.messages().get(0).path("message").asText()).isEqualTo(StepFailure.QUERY_FAILED);
  }

  @Test
  void aGoneConnectionEndsThePushAtOnce() throws Exception {
    h.with("MAX_MESSAGE_BYTES", "1024");
    h.with("POSTS_IN_FLIGHT", "1");
    h.athena.addQuery(Scripts.numbers(Duration.ZERO, 3, 100));
    h.api.goneAfter(Harness.CONNECTION, 2);

    JsonNode out = push(fixture("push-state.json"), ScriptedTime.plenty());

    assertThat(out).isEqualTo(read("{\"done\":true,\"outcome\":\"connectionGone\"}"));
    assertThat(h.types()).containsExactly("progress", "rows");
    assertThat(h.api.posts(Harness.CONNECTION)).isEqualTo(3);
  }

  @Test
  void aGoneConnectionStopsAWindowOfPostsInFlight() throws Exception {
    h.with("MAX_MESSAGE_BYTES", "1024");
    h.with("POSTS_IN_FLIGHT", "4");
    h.athena.addQuery(Scripts.numbers(Duration.ZERO, 3, 100));
    h.api.goneAfter(Harness.CONNECTION, 2);

    JsonNode out = push(fixture("push-state.json"), ScriptedTime.plenty());

    assertThat(out).isEqualTo(read("{\"done\":true,\"outcome\":\"connectionGone\"}"));
    assertThat(h.types()).containsExactly("progress", "rows");
    // progress, the first window of four rows posts, and at most three more issued before the
    // Gone was seen: never the rest of the result, and no error.
    assertThat(h.api.posts(Harness.CONNECTION)).isBetween(5L, 8L);
  }

  @Test
  void ourShapeWithoutAnExecutionReadsTheStatusOnce() throws Exception {
    h.athena.addQuery(Scripts.numbers(Duration.ZERO, 1, 2));
    ObjectNode input = Harness.JSON.createObjectNode();
    input.set("connection", fixture("push-state.json").get("connection"));
    input.put("queryExecutionId", Harness.FIRST_QUERY);

    JsonNode out = push(input, ScriptedTime.plenty());

    assertThat(out.path("rowCount").asInt()).isEqualTo(2);
    assertThat(h.athena.calls(FakeAthena.GET)).isEqualTo(1);
    assertThat(h.messages().get(0).has("requestId")).isFalse();
  }

  @Test
  void aStateThatKeptOnlyTheQueryIdReadsTheStatusOnce() throws Exception {
    h.athena.addQuery(Scripts.numbers(Duration.ZERO, 1, 2));
    ObjectNode input = fixture("push-state.json");
    input.set(
        "StartAthenaQuery",
        read("{\"QueryExecution\":{\"QueryExecutionId\":\"" + Harness.FIRST_QUERY + "\"}}"));

    JsonNode out = push(input, ScriptedTime.plenty());

    assertThat(out.path("rowCount").asInt()).isEqualTo(2);
    assertThat(h.athena.calls(FakeAthena.GET)).isEqualTo(1);
  }

  @Test
  void aQueryThatFailedIsReportedFromItsStatus() throws Exception {
    h.athena.addQuery(
        FakeAthenaQuery.builder()
            .fails(1, 100, true, "Internal error", "INTERNAL_ERROR_QUERY_ENGINE")
            .build());
    ObjectNode input = Harness.JSON.createObjectNode();
    input.set("connection", fixture("push-state.json").get("connection"));
    input.put("queryExecutionId", Harness.FIRST_QUERY);

    JsonNode out = push(input, ScriptedTime.plenty());

    assertThat(out.path("errorCode").asText()).isEqualTo("QUERY_FAILED");
    assertThat(h.messages().get(0).path("athenaErrorCategory").asInt()).isEqualTo(1);
    assertThat(h.messages().get(0).path("retryable").asBoolean()).isTrue();
  }

  @Test
  void aRunningQueryPastItsTimeoutIsStoppedWithTimeout() throws Exception {
    h.with("QUERY_TIMEOUT_SECONDS", "2");
    h.athena.addQuery(FakeAthenaQuery.builder().running(Duration.ofMinutes(10)).build());
    ObjectNode input = Harness.JSON.createObjectNode();
    input.set("connection", fixture("push-state.json").get("connection"));
    input.put("queryExecutionId", Harness.FIRST_QUERY);

    JsonNode out = push(input, ScriptedTime.plenty());

    assertThat(out.path("errorCode").asText()).isEqualTo("TIMEOUT");
    assertThat(h.athena.state(Harness.FIRST_QUERY)).isEqualTo("CANCELLED");
    assertThat(h.types()).endsWith("error");
  }

  @Test
  void aRunningQueryThatOutlastsTheBudgetLoopsWithoutPublishing() throws Exception {
    h.athena.addQuery(Scripts.numbers(Duration.ofMinutes(5), 1, 2));
    ObjectNode input = Harness.JSON.createObjectNode();
    input.set("connection", fixture("push-state.json").get("connection"));
    input.put("queryExecutionId", Harness.FIRST_QUERY);

    JsonNode out = push(input, ScriptedTime.remaining(40_000));

    assertThat(out.path("done").asBoolean()).isFalse();
    assertThat(out.path("continuation").path("pageNumber").asInt()).isEqualTo(1);
    assertThat(out.has("NextToken")).isFalse();
    assertThat(h.athena.state(Harness.FIRST_QUERY)).isEqualTo("RUNNING");
    assertThat(h.types()).containsOnly("progress");

    JsonNode done = push(out, ScriptedTime.remaining(600_000));
    assertThat(done.path("done").asBoolean()).isTrue();
    assertThat(Streams.completeStream(h.messages(), "n")).isEqualTo(Streams.numbers(2));
  }

  @Test
  void inputThatIsNotJsonOrNamesNoQueryFailsTheTask() {
    assertThatThrownBy(
            () ->
                new PushResultsHandler(h.wiring())
                    .handle(
                        new ByteArrayInputStream("nope".getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(),
                        null))
        .isInstanceOf(IllegalArgumentException.class);
    ObjectNode input = Harness.JSON.createObjectNode();
    input.set("connection", fixture("push-state.json").get("connection"));
    assertThatThrownBy(() -> push(input, ScriptedTime.plenty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queryExecutionId");
  }
}
