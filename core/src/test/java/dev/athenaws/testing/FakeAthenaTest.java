package dev.athenaws.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.retry.VirtualTime;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.ThrottleReason;
import software.amazon.awssdk.services.athena.model.TooManyRequestsException;

/** The fake speaks Athena's wire format: the real SDK client reads its answers and errors. */
class FakeAthenaTest {
  private final VirtualTime time = new VirtualTime();
  private final FakeAthena fake = FakeAthena.start(time);
  private final AthenaClient client = fake.client();

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void theTimelineFollowsTheClock() {
    String id =
        fake.addQuery(
            FakeAthenaQuery.builder()
                .queued(Duration.ofSeconds(2))
                .running(Duration.ofSeconds(3))
                .build());

    assertThat(state(id)).isEqualTo(QueryExecutionState.QUEUED);
    time.advance(Duration.ofSeconds(2));
    assertThat(state(id)).isEqualTo(QueryExecutionState.RUNNING);
    time.advance(Duration.ofSeconds(3));
    GetQueryExecutionResponse done = client.getQueryExecution(r -> r.queryExecutionId(id));
    assertThat(done.queryExecution().status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
    assertThat(done.queryExecution().status().completionDateTime())
        .isEqualTo(done.queryExecution().status().submissionDateTime().plusSeconds(5));
    assertThat(done.queryExecution().statistics().queryQueueTimeInMillis()).isEqualTo(2000L);
  }

  @Test
  void nullAndEmptyStringStayApartOnTheWire() {
    String id =
        fake.addQuery(
            FakeAthenaQuery.builder()
                .column("v", "varchar")
                .page(
                    java.util.List.of("v"),
                    java.util.Arrays.asList((Object) null),
                    java.util.List.of(""))
                .build());

    GetQueryResultsResponse page = client.getQueryResults(r -> r.queryExecutionId(id));

    assertThat(page.resultSet().rows().get(1).data().get(0).varCharValue()).isNull();
    assertThat(page.resultSet().rows().get(2).data().get(0).varCharValue()).isEmpty();
    assertThat(page.resultSet().resultSetMetadata().columnInfo().get(0).type())
        .isEqualTo("varchar");
  }

  @Test
  void errorsCarryTheirAthenaMembers() {
    fake.failNext(FakeAthena.GET, 1, FakeAthenaFault.concurrencyLimit());
    fake.failNext(FakeAthena.GET, 1, FakeAthenaFault.invalidRequest("MALFORMED_QUERY", "bad"));

    assertThatThrownBy(() -> client.getQueryExecution(r -> r.queryExecutionId("x")))
        .isInstanceOfSatisfying(
            TooManyRequestsException.class,
            e -> assertThat(e.reason()).isEqualTo(ThrottleReason.CONCURRENT_QUERY_LIMIT_EXCEEDED));
    assertThatThrownBy(() -> client.getQueryExecution(r -> r.queryExecutionId("x")))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.athenaErrorCode()).isEqualTo("MALFORMED_QUERY"));
    assertThat(fake.calls(FakeAthena.GET)).isEqualTo(2);
  }

  @Test
  void latencyIsAppliedPerOperation() {
    String id = fake.addQuery(FakeAthenaQuery.succeeded());
    fake.latency(
        op -> op.equals(FakeAthena.RESULTS) ? Duration.ofMillis(150) : Duration.ZERO, time);

    client.getQueryExecution(r -> r.queryExecutionId(id));
    client.getQueryResults(r -> r.queryExecutionId(id));
    client.getQueryResults(r -> r.queryExecutionId(id));

    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(150), Duration.ofMillis(150));
  }

  private QueryExecutionState state(String id) {
    return client.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution().status().state();
  }
}
