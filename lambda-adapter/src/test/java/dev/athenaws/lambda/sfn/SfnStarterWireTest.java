package dev.athenaws.lambda.sfn;

import static dev.athenaws.lambda.sfn.Fixtures.connection;
import static dev.athenaws.lambda.sfn.Fixtures.key;
import static dev.athenaws.lambda.sfn.Fixtures.named;
import static dev.athenaws.lambda.sfn.Fixtures.overridden;
import static dev.athenaws.lambda.sfn.Fixtures.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.catalog.NamedQuery;
import dev.athenaws.catalog.Statement;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.retry.RetryPolicy;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeStepFunctions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/** The real SDK client against {@link FakeStepFunctions}: marshalling, error mapping, retries. */
class SfnStarterWireTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeStepFunctions sfn = FakeStepFunctions.start();
  private final SfnClient client = sfn.client();
  private final String arn = sfn.createStateMachine("athena-ws");
  private final VirtualTime time = new VirtualTime();
  private final String name = key().executionName();

  @AfterEach
  void close() {
    client.close();
    sfn.close();
  }

  private StepFunctionsStarter starter(String stateMachineArn, int maxAttempts) {
    return StepFunctionsStarter.builder(client)
        .stateMachineArn(stateMachineArn)
        .retry(RetryPolicy.THROTTLING.withMaxAttempts(maxAttempts))
        .sleeper(time)
        .random(() -> 0L)
        .build();
  }

  private StepFunctionsStarter starter() {
    return starter(arn, 5);
  }

  @Test
  void namedQueryInputArrivesExactly() throws Exception {
    String executionArn = starter().start(connection(), "r-1", named(), key());
    assertThat(executionArn)
        .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:athena-ws:" + name);
    FakeStepFunctions.Execution e = sfn.executions().get(0);
    assertThat(e.name()).isEqualTo(name);
    assertThat(e.arn()).isEqualTo(executionArn);
    assertThat(JSON.readTree(e.input()))
        .isEqualTo(
            JSON.readTree(
                "{\"connection\":{"
                    + "\"connectionId\":\"L0SM9cOFvHcCIhw=\","
                    + "\"endpoint\":\"https://abcdef1234.execute-api.eu-west-1.amazonaws.com/dev\"},\"requestId\":\"r-1\",\"query\":{\"name\":\"top_sales\",\"parameters\":"
                    + "{\"all\":false,\"limit\":1000,\"min\":0.10,\"region\":\"EU\",\"since\":null}},"
                    + "\"clientRequestToken\":\""
                    + key().clientRequestToken()
                    + "\"}"));
    // Decimal text survives the trip: plain notation, scale kept.
    assertThat(e.input()).contains("\"limit\":1000,", "\"min\":0.10,");
  }

  @Test
  void statementInputWithOverrideArrivesExactly() throws Exception {
    starter().start(overridden(), null, statement(), key());
    JsonNode input = JSON.readTree(sfn.executions().get(0).input());
    assertThat(input)
        .isEqualTo(
            JSON.readTree(
                "{\"connection\":{"
                    + "\"connectionId\":\"L0SM9cOFvHcCIhw=\",\"endpoint\":\"https://ws.example.com/dev\"},"
                    + "\"query\":{\"sql\":\"SELECT * FROM sales WHERE region = ? AND n > ?\","
                    + "\"executionParameters\":[\"'EU'\",\"10\"],"
                    + "\"resultReuseConfiguration\":"
                    + "{\"ResultReuseByAgeConfiguration\":{\"Enabled\":false}}},"
                    + "\"clientRequestToken\":\""
                    + key().clientRequestToken()
                    + "\"}"));
    assertThat(input.has("requestId")).isFalse();
  }

  @Test
  void theDeploymentsReuseAgeTravelsForStatementsWithoutTheirOwn() throws Exception {
    StepFunctionsStarter starter =
        StepFunctionsStarter.builder(client)
            .stateMachineArn(arn)
            .resultReuseMaxAge(Duration.ofMinutes(30))
            .sleeper(time)
            .build();

    starter.start(overridden(), null, statement(), key());

    JsonNode byAge =
        JSON.readTree(sfn.executions().get(0).input())
            .at("/query/resultReuseConfiguration/ResultReuseByAgeConfiguration");
    assertThat(byAge).isEqualTo(JSON.readTree("{\"Enabled\":true,\"MaxAgeInMinutes\":30}"));
    assertThatThrownBy(
            () -> StepFunctionsStarter.builder(client).resultReuseMaxAge(Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("resultReuseMaxAge");
  }

  @Test
  void retriedStartKeepsItsNameAndStartsOnce() {
    sfn.throttleNext(2);
    String executionArn = starter().start(connection(), "r-1", named(), key());
    assertThat(sfn.calls())
        .containsExactly(
            "StartExecution " + name + " 400",
            "StartExecution " + name + " 400",
            "StartExecution " + name + " 200");
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(sfn.executions()).hasSize(1);
    assertThat(sfn.executions().get(0).arn()).isEqualTo(executionArn);
  }

  @Test
  void sameNameAndInputFindsTheRunningExecution() {
    String first = starter().start(connection(), "r-1", named(), key());
    String second = starter().start(connection(), "r-1", named(), key());
    assertThat(second).isEqualTo(first);
    assertThat(sfn.executions()).hasSize(1);
    assertThat(sfn.startCalls()).isEqualTo(2);
  }

  @Test
  void sameRequestAfterItsExecutionEndedIsAnsweredByAnotherExecution() {
    // The closed execution will not answer the client again: a new one, with the same input (and so
    // the same ClientRequestToken, which finds the same Athena query), sends the results again.
    String first = starter().start(connection(), "r-1", named(), key());
    sfn.finish(name);
    String second = starter().start(connection(), "r-1", named(), key());
    assertThat(second).isNotEqualTo(first).endsWith(":" + name + "-1");
    assertThat(sfn.executions())
        .extracting(FakeStepFunctions.Execution::name)
        .containsExactly(name, name + "-1");
    assertThat(sfn.executions().get(1).input()).isEqualTo(sfn.executions().get(0).input());
    assertThat(sfn.calls())
        .containsExactly(
            "StartExecution " + name + " 200",
            "StartExecution " + name + " 400",
            "DescribeExecution " + first + " 200",
            "StartExecution " + name + "-1 200");

    // While that one runs, a further repeat joins it; once it closed, the next one answers.
    assertThat(starter().start(connection(), "r-1", named(), key())).isEqualTo(second);
    sfn.finish(name + "-1");
    assertThat(starter().start(connection(), "r-1", named(), key())).endsWith(":" + name + "-2");
    assertThat(sfn.executions()).hasSize(3);
  }

  @Test
  void sameNameWithAnotherQueryIsBadRequest() {
    starter().start(connection(), "r-1", named(), key());
    QuerySpec other = new QuerySpec.Named("top_sales", Map.of("region", "US"));
    assertThatThrownBy(() -> starter().start(connection(), "r-1", other, key()))
        .isInstanceOfSatisfying(
            AthenaWsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
              assertThat(e).hasMessage("request id reused for a different query");
            });
    assertThat(sfn.executions()).hasSize(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void exhaustedRetriesAreThrottledAsForAthenaAfterExactlyMaxAttempts() {
    sfn.throttleNext(10);
    assertThatThrownBy(() -> starter(arn, 3).start(connection(), "r-1", named(), key()))
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.ATHENA_BUSY);
              assertThat(e.service()).isEqualTo(ThrottledException.Service.STEP_FUNCTIONS);
              assertThat(e.reason()).isEqualTo(ThrottledException.Reason.THROTTLED);
              assertThat(e.operation()).isEqualTo("StartExecution");
              assertThat(e.attempts()).isEqualTo(3);
              assertThat(e).hasMessage("Step Functions is throttling; try again");
            });
    assertThat(sfn.startCalls()).isEqualTo(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(sfn.executions()).isEmpty();
  }

  @Test
  void serverErrorsAreRetriedToo() {
    sfn.failNext(1);
    starter().start(connection(), "r-1", named(), key());
    assertThat(sfn.calls())
        .containsExactly("StartExecution " + name + " 500", "StartExecution " + name + " 200");
  }

  @Test
  void unknownStateMachineIsInternalWithoutRetry() {
    String missing = "arn:aws:states:us-east-1:123456789012:stateMachine:missing";
    assertThatThrownBy(() -> starter(missing, 5).start(connection(), "r-1", named(), key()))
        .isInstanceOfSatisfying(
            AthenaWsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
              assertThat(e)
                  .hasMessage(
                      "cannot start state machine " + missing + " (StateMachineDoesNotExist)")
                  .hasCauseInstanceOf(StateMachineDoesNotExistException.class);
            });
    assertThat(sfn.startCalls()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void tooLargeInputIsRejectedBeforeAnyCall() {
    // A statement's own limits (SQL up to 256 KiB of UTF-8, literals up to 1024 characters) let its
    // JSON exceed Step Functions' 256 KiB input limit.
    QuerySpec huge =
        new QuerySpec.Rendered(
            Statement.rawSql("SELECT '" + "x".repeat(NamedQuery.MAX_SQL_BYTES - 10) + "'"));
    assertThatThrownBy(() -> starter().start(connection(), "r-1", huge, key()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching("execution input is \\d+ bytes; Step Functions accepts at most 262144");
    assertThat(sfn.callCount()).isZero();
  }
}
