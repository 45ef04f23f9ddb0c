package dev.athenaws.lambda;

import static dev.athenaws.lambda.Harness.event;
import static dev.athenaws.lambda.Harness.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.catalog.Statement;
import dev.athenaws.internal.query.RequestKey;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaQuery;
import dev.athenaws.testing.FakeStepFunctions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The inline mode against the wire fakes in virtual time. The polls of a query land at 0.1, 0.3,
 * 0.7, 1.5, 3.1 s (jittered a little); with a 5 s deadline the last poll is at 5 s.
 */
class InlineModeTest {
  private final Harness h = new Harness().with("INLINE_DEADLINE_SECONDS", "5");

  @AfterEach
  void close() {
    h.close();
  }

  private int query() {
    APIGatewayV2WebSocketResponse response =
        new QueryRouteHandler(h.wiring()).handle(event("query.json"), ScriptedTime.plenty());
    return response.getStatusCode();
  }

  @Test
  void aShortQueryIsStartedPolledAndPushedInOneInvocation() {
    h.athena.nextQuery(Scripts.numbers(Duration.ofSeconds(1), 2, 3));

    assertThat(query()).isEqualTo(200);

    JsonNode start = h.athena.requests(FakeAthena.START).get(0).body();
    assertThat(start.path("QueryString").asText())
        .isEqualTo("SELECT n FROM numbers WHERE region = ? LIMIT ?");
    assertThat(start.path("ExecutionParameters")).isEqualTo(read("[\"'eu-west-1'\",\"5\"]"));
    assertThat(start.path("ClientRequestToken").asText())
        .isEqualTo(
            RequestKey.of(
                    Harness.CONNECTION,
                    "r1",
                    new Statement(
                        "SELECT n FROM numbers WHERE region = ? LIMIT ?",
                        List.of("'eu-west-1'", "5"),
                        "by-region"))
                .clientRequestToken());
    List<JsonNode> messages = h.messages();
    assertThat(messages.get(0))
        .isEqualTo(
            read(
                "{\"type\":\"accepted\",\"requestId\":\"r1\","
                    + "\"queryExecutionId\":\""
                    + Harness.FIRST_QUERY
                    + "\","
                    + "\"message\":\"Query accepted; results will follow on this connection.\"}"));
    assertThat(h.types()).filteredOn(t -> t.equals("progress")).isNotEmpty();
    assertThat(messages.get(1).path("state").asText()).isEqualTo("RUNNING");
    assertThat(Streams.completeStream(messages, "n")).isEqualTo(Streams.numbers(6));
    assertThat(messages.get(messages.size() - 2).path("queryExecutionId").asText())
        .isEqualTo(Harness.FIRST_QUERY);
    assertThat(h.sfn.executions()).isEmpty();
    assertThat(h.athena.calls(FakeAthena.STOP)).isZero();
  }

  @Test
  void aFailedQueryEndsWithQueryFailedAndAthenaDetails() {
    h.athena.nextQuery(
        FakeAthenaQuery.builder()
            .running(Duration.ofSeconds(1))
            .fails(
                2,
                1301,
                false,
                "TABLE_NOT_FOUND: line 1:15: Table 'default.numbers' does not exist",
                "TABLE_NOT_FOUND")
            .build());

    assertThat(query()).isEqualTo(200);

    List<JsonNode> messages = h.messages();
    assertThat(messages.get(messages.size() - 1))
        .isEqualTo(
            read(
                "{\"type\":\"error\",\"requestId\":\"r1\",\"queryExecutionId\":\""
                    + Harness.FIRST_QUERY
                    + "\","
                    + "\"code\":\"QUERY_FAILED\",\"message\":\"TABLE_NOT_FOUND: line 1:15: Table "
                    + "'default.numbers' does not exist\",\"athenaErrorCategory\":2,\"athenaErrorType\":1301,"
                    + "\"retryable\":false}"));
  }

  @Test
  void atTheDeadlineARunningQueryIsHandedToTheStateMachine() throws Exception {
    h.with("STATE_MACHINE_ARN", h.stateMachineArn);
    h.athena.nextQuery(Scripts.numbers(Duration.ofSeconds(60), 1, 3));

    assertThat(query()).isEqualTo(200);

    assertThat(h.athena.calls(FakeAthena.STOP)).isZero();
    assertThat(h.athena.state(Harness.FIRST_QUERY)).isEqualTo("RUNNING");
    assertThat(h.types()).containsOnly("accepted", "progress").startsWith("accepted");
    List<FakeStepFunctions.Execution> executions = h.sfn.executions();
    assertThat(executions).hasSize(1);
    JsonNode input = read(executions.get(0).input());
    assertThat(input.path("query"))
        .isEqualTo(
            read(
                "{\"name\":\"by-region\",\"queryExecutionId\":\""
                    + Harness.FIRST_QUERY
                    + "\",\"continuation\":{\"pageNumber\":1,\"nextSeq\":0,"
                    + "\"rowsSoFar\":0,\"chunksSoFar\":0}}"));
    assertThat(input.path("requestId").asText()).isEqualTo("r1");
    assertThat(input.path("connection").path("endpoint").asText())
        .isEqualTo(h.api.endpoint().toString());

    // The state machine's push task then waits for the query itself and pushes everything.
    JsonNode out = push(input.toString(), ScriptedTime.plenty());
    assertThat(out.path("done").asBoolean()).isTrue();
    assertThat(Streams.completeStream(h.messages(), "n")).isEqualTo(Streams.numbers(3));
  }

  @Test
  void atTheDeadlineAThrottlingStepFunctionsIsAthenaBusyOnceAndTheQueryIsStopped() {
    h.with("STATE_MACHINE_ARN", h.stateMachineArn);
    h.athena.nextQuery(Scripts.numbers(Duration.ofSeconds(60), 1, 3));
    h.sfn.throttleNext(20); // more than the starter's 5 attempts

    assertThat(query()).isEqualTo(200);

    // The same error as a busy Athena's: the client branches on one code and may try again.
    // Before, a throttled hand-off ended in INTERNAL "The query could not be continued".
    List<JsonNode> messages = h.messages();
    assertThat(messages.get(messages.size() - 1))
        .isEqualTo(
            read(
                "{\"type\":\"error\",\"requestId\":\"r1\",\"queryExecutionId\":\""
                    + Harness.FIRST_QUERY
                    + "\",\"code\":\"ATHENA_BUSY\",\"message\":\"Step Functions is throttling; try again\",\"retryable\":true}"));
    assertThat(h.types()).filteredOn("error"::equals).hasSize(1);
    assertThat(h.sfn.startCalls()).isEqualTo(5);
    assertThat(h.sfn.executions()).isEmpty();
    // Nobody would push its rows: the running query is stopped.
    assertThat(h.athena.calls(FakeAthena.STOP)).isEqualTo(1);
    assertThat(h.athena.state(Harness.FIRST_QUERY)).isEqualTo("CANCELLED");
  }

  @Test
  void aRepeatHandedOffAgainAfterTheFirstHandOffEndedGetsItsRows() throws Exception {
    h.with("STATE_MACHINE_ARN", h.stateMachineArn);
    h.athena.nextQuery(Scripts.numbers(Duration.ofSeconds(60), 1, 3));
    query();
    FakeStepFunctions.Execution first = h.sfn.executions().get(0);
    h.sfn.finish(first.name()); // it ended without answering (say, aborted by an operator)
    int before = h.messages().size();

    // The client repeats the request (same requestId): Athena's token finds the same query, which
    // still runs at the deadline, so it is handed off again with the same input. Before, the closed
    // execution's ARN was taken as the hand-off: accepted, progress, then nothing.
    query();

    List<FakeStepFunctions.Execution> executions = h.sfn.executions();
    assertThat(executions)
        .extracting(FakeStepFunctions.Execution::name)
        .containsExactly(first.name(), first.name() + "-1");
    push(executions.get(1).input(), ScriptedTime.plenty());
    List<JsonNode> again = h.messages().subList(before, h.messages().size());
    assertThat(Streams.completeStream(again, "n")).isEqualTo(Streams.numbers(3));
  }

  @Test
  void atTheDeadlineWithoutAStateMachineTheQueryIsStoppedWithTimeout() {
    h.athena.nextQuery(Scripts.numbers(Duration.ofSeconds(60), 1, 3));

    assertThat(query()).isEqualTo(200);

    assertThat(h.athena.calls(FakeAthena.STOP)).isEqualTo(1);
    assertThat(h.athena.state(Harness.FIRST_QUERY)).isEqualTo("CANCELLED");
    List<JsonNode> messages = h.messages();
    assertThat(messages.get(messages.size() - 1))
        .isEqualTo(
            read(
                "{\"type\":\"error\",\"requestId\":\"r1\",\"queryExecutionId\":\""
                    + Harness.FIRST_QUERY
                    + "\","
                    + "\"code\":\"TIMEOUT\",\"message\":\"The query did not finish within 5 s and was stopped.\"}"));
    assertThat(h.sfn.executions()).isEmpty();
  }

  @Test
  void theDeadlineDuringPagingHandsOffTheContinuationAndThePushFinishesWithoutLossOrRepeat()
      throws Exception {
    h.with("STATE_MACHINE_ARN", h.stateMachineArn);
    // Succeeds at 4.5 s, seen by the last poll at the 5 s deadline: page 1 is pushed, then the
    // deadline has passed.
    h.athena.nextQuery(Scripts.numbers(Duration.ofMillis(4500), 3, 4));

    assertThat(query()).isEqualTo(200);

    List<String> first = h.types();
    assertThat(first).endsWith("rows").doesNotContain("complete", "error");
    JsonNode input = read(h.sfn.executions().get(0).input());
    JsonNode continuation = input.path("query").path("continuation");
    assertThat(continuation.path("pageNumber").asInt()).isEqualTo(2);
    assertThat(continuation.path("rowsSoFar").asInt()).isEqualTo(4);
    assertThat(continuation.path("nextToken").asText())
        .isEqualTo("fake-token/" + Harness.FIRST_QUERY + "/1");

    JsonNode out = push(input.toString(), ScriptedTime.plenty());
    assertThat(out.path("done").asBoolean()).isTrue();
    assertThat(out.path("rowCount").asInt()).isEqualTo(12);
    assertThat(Streams.completeStream(h.messages(), "n")).isEqualTo(Streams.numbers(12));
  }

  @Test
  void theDeadlineDuringPagingWithoutAStateMachineEndsWithTimeout() {
    h.athena.nextQuery(Scripts.numbers(Duration.ofMillis(4500), 3, 4));

    query();

    List<JsonNode> messages = h.messages();
    JsonNode last = messages.get(messages.size() - 1);
    assertThat(last.path("code").asText()).isEqualTo("TIMEOUT");
    assertThat(last.path("message").asText())
        .isEqualTo("The results could not be sent within 5 s.");
    assertThat(h.types()).doesNotContain("complete");
  }

  @Test
  void aClientThatLeavesWhileTheQueryRunsLeavesItRunningForAResumeAndGetsNothingMore() {
    h.athena.nextQuery(Scripts.numbers(Duration.ofSeconds(3), 1, 3));
    h.api.goneAfter(Harness.CONNECTION, 1);

    assertThat(query()).isEqualTo(200);

    assertThat(h.types()).containsExactly("accepted");
    // Not stopped: a resume from another connection can still have its results.
    assertThat(h.athena.calls(FakeAthena.STOP)).isZero();
    assertThat(h.athena.state(Harness.FIRST_QUERY)).isEqualTo("SUCCEEDED");
    assertThat(h.athena.calls(FakeAthena.RESULTS)).isZero();
  }

  @Test
  void aShortLambdaTimeoutShortensTheDeadline() {
    java.time.Instant begin = h.time.instant();
    h.with("INLINE_DEADLINE_SECONDS", "20");
    h.athena.nextQuery(Scripts.numbers(Duration.ofSeconds(60), 1, 3));

    new QueryRouteHandler(h.wiring()).handle(event("query.json"), ScriptedTime.remaining(6_000));

    // 6 s left minus the 3 s hand-off margin: the query is given up after 3 s, not 20.
    List<JsonNode> messages = h.messages();
    assertThat(messages.get(messages.size() - 1).path("code").asText()).isEqualTo("TIMEOUT");
    assertThat(h.time.since(begin)).isLessThan(Duration.ofSeconds(4));
  }

  private JsonNode push(String input, ScriptedTime context) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PushResultsHandler(h.wiring())
        .handle(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, context);
    return read(out.toString(StandardCharsets.UTF_8));
  }
}
