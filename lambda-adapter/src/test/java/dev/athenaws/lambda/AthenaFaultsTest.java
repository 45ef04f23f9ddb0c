package dev.athenaws.lambda;

import static dev.athenaws.lambda.Harness.event;
import static dev.athenaws.lambda.Harness.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaFault;
import dev.athenaws.testing.FakeStepFunctions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handlers against Athena faults over the wire, in virtual time, with the deployment's figures:
 * the CDK app gives the inline route function 29 s and sets INLINE_DEADLINE_SECONDS to the
 * adapter's default, 20.
 */
class AthenaFaultsTest {
  /** The route function's timeout in the CDK app ({@code AthenaWsStack.QUERY_TIMEOUT_INLINE}). */
  static final int ROUTE_TIMEOUT_MILLIS = 29_000;

  /** What must be left of the invocation when the client has heard: time to post and return. */
  static final Duration MARGIN = Duration.ofSeconds(5);

  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  private void routeInvocation() {
    new QueryRouteHandler(h.wiring())
        .handle(event("query.json"), ScriptedTime.remaining(ROUTE_TIMEOUT_MILLIS));
  }

  @Test
  void atTheConcurrencyLimitWithoutAStateMachineTheClientHearsAthenaBusyBeforeTheLambdaTimeout() {
    Instant begin = h.time.instant();
    h.athena.failNext(FakeAthena.START, 1000, FakeAthenaFault.concurrencyLimit());

    routeInvocation();

    assertThat(h.messages())
        .containsExactly(
            read(
                "{\"type\":\"error\",\"requestId\":\"r1\","
                    + "\"code\":\"ATHENA_BUSY\",\"message\":\"Too many queries are running; try again\","
                    + "\"retryable\":true}"));
    assertThat(h.time.since(begin))
        .isLessThanOrEqualTo(Duration.ofSeconds(Config.DEFAULT_INLINE_DEADLINE_SECONDS))
        .isLessThan(Duration.ofMillis(ROUTE_TIMEOUT_MILLIS).minus(MARGIN));
    assertThat(h.athena.calls(FakeAthena.START)).isGreaterThan(1);
    assertThat(h.sfn.executions()).isEmpty();
  }

  @Test
  void atTheConcurrencyLimitTheStatementIsHandedToTheStateMachineToStart() {
    h.with("STATE_MACHINE_ARN", h.stateMachineArn);
    Instant begin = h.time.instant();
    h.athena.failNext(FakeAthena.START, 1000, FakeAthenaFault.concurrencyLimit());

    routeInvocation();

    assertThat(h.time.since(begin))
        .isLessThan(Duration.ofMillis(ROUTE_TIMEOUT_MILLIS).minus(MARGIN));
    List<FakeStepFunctions.Execution> executions = h.sfn.executions();
    assertThat(executions).hasSize(1);
    JsonNode input = read(executions.get(0).input());
    // No queryExecutionId: the state machine's "Already started?" choice sends it to its own
    // StartQueryExecution, which retries TooManyRequestsException.
    assertThat(input.path("query"))
        .isEqualTo(
            read(
                "{\"name\":\"by-region\","
                    + "\"sql\":\"SELECT n FROM numbers WHERE region = ? LIMIT ?\","
                    + "\"executionParameters\":[\"'eu-west-1'\",\"5\"],"
                    + "\"resultReuseConfiguration\":"
                    + "{\"ResultReuseByAgeConfiguration\":{\"Enabled\":false}}}"));
    String token =
        h.athena.requests(FakeAthena.START).get(0).body().path("ClientRequestToken").asText();
    assertThat(input.path("clientRequestToken").asText()).isEqualTo(token);
    assertThat(h.messages())
        .containsExactly(
            read(
                "{\"type\":\"accepted\",\"requestId\":\"r1\","
                    + "\"message\":\"Query accepted; results will follow on this connection.\"}"));
  }

  @Test
  void inlineAFivePageResultArrivesWholeThoughEveryThirdAthenaRequestIsDropped() {
    h.athena.nextQuery(Scripts.numbers(Duration.ofSeconds(2), 5, 4));
    h.athena.dropEvery(3);

    routeInvocation();

    assertThat(Streams.completeStream(h.messages(), "n")).isEqualTo(Streams.numbers(20));
    assertThat(h.athena.dropped()).contains(FakeAthena.START, FakeAthena.GET, FakeAthena.RESULTS);
    assertThat(h.types()).startsWith("accepted").doesNotContain("error");
  }

  @Test
  void thePushTaskPushesAFivePageResultWholeThoughEveryThirdAthenaRequestIsDropped()
      throws Exception {
    h.athena.addQuery(Scripts.numbers(Duration.ZERO, 5, 4));
    h.athena.dropEvery(3);
    JsonNode out = h.pushById(Harness.FIRST_QUERY);

    assertThat(out.path("rowCount").asInt()).isEqualTo(20);
    assertThat(Streams.completeStream(h.messages(), "n")).isEqualTo(Streams.numbers(20));
    assertThat(h.athena.dropped()).contains(FakeAthena.GET, FakeAthena.RESULTS);
  }
}
