package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.AthenaSettings;
import dev.athenaws.catalog.Statement;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.QueryFailedException;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaFault;
import dev.athenaws.testing.FakeAthenaRequest;
import dev.athenaws.testing.FixedRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The real SDK client against FakeAthena: what goes on the wire and how push-backs are retried. */
class QueryStarterWireTest {
  private static final String SQL = "SELECT * FROM sales WHERE name = ? AND day = ?";
  private static final List<String> PARAMS = List.of("'it''s'", "DATE '2021-08-01'");

  private final VirtualTime time = new VirtualTime();
  private final FakeAthena fake = FakeAthena.start(time);
  private static final Statement STATEMENT = new Statement(SQL, PARAMS, "sales");

  private final RequestKey key = RequestKey.of("conn-1", "req-1", STATEMENT);

  @AfterEach
  void close() {
    fake.close();
  }

  private QueryStarter starter(AthenaSettings settings) {
    return QueryStarter.builder(fake.client())
        .settings(settings)
        .sleeper(time)
        .random(new FixedRandom(0.5))
        .build();
  }

  private QueryStarter starter() {
    return starter(AthenaSettings.defaults());
  }

  @Test
  void sendsEverySettingAndTheToken() {
    AthenaSettings settings =
        AthenaSettings.builder()
            .workGroup("analytics")
            .catalog("AwsDataCatalog")
            .database("sales_db")
            .outputLocation("s3://my-results/athena/")
            .resultReuseMaxAge(Duration.ofMinutes(60))
            .build();

    String id = starter(settings).start(STATEMENT, key);

    assertThat(fake.requests(FakeAthena.START)).hasSize(1);
    JsonNode body = fake.requests(FakeAthena.START).get(0).body();
    assertThat(body.path("QueryString").asText()).isEqualTo(SQL);
    assertThat(body.path("ClientRequestToken").asText()).isEqualTo(key.hex());
    assertThat(body.path("WorkGroup").asText()).isEqualTo("analytics");
    assertThat(body.path("QueryExecutionContext").path("Catalog").asText())
        .isEqualTo("AwsDataCatalog");
    assertThat(body.path("QueryExecutionContext").path("Database").asText()).isEqualTo("sales_db");
    assertThat(body.path("ResultConfiguration").path("OutputLocation").asText())
        .isEqualTo("s3://my-results/athena/");
    JsonNode reuse = body.path("ResultReuseConfiguration").path("ResultReuseByAgeConfiguration");
    assertThat(reuse.path("Enabled").asBoolean()).isTrue();
    assertThat(reuse.path("MaxAgeInMinutes").asInt()).isEqualTo(60);
    assertThat(body.path("ExecutionParameters"))
        .extracting(JsonNode::asText)
        .containsExactly("'it''s'", "DATE '2021-08-01'");
    assertThat(fake.state(id)).isEqualTo("SUCCEEDED");
  }

  @Test
  void aNamedQuerysOwnReuseAgeWinsOverTheDeployments() {
    AthenaSettings settings =
        AthenaSettings.builder().resultReuseMaxAge(Duration.ofMinutes(60)).build();
    Statement ownAge = new Statement(SQL, PARAMS, "sales", Duration.ofMinutes(15));

    starter(settings).start(ownAge, key);
    starter().start(ownAge, RequestKey.of("conn-1", "req-2", ownAge));

    for (FakeAthenaRequest request : fake.requests(FakeAthena.START)) {
      JsonNode reuse =
          request.body().path("ResultReuseConfiguration").path("ResultReuseByAgeConfiguration");
      assertThat(reuse.path("Enabled").asBoolean()).isTrue();
      assertThat(reuse.path("MaxAgeInMinutes").asInt()).isEqualTo(15);
    }
    assertThat(fake.requests(FakeAthena.START)).hasSize(2);
  }

  @Test
  void leavesOutEmptyParametersAndUnsetOptions() {
    starter().start(Statement.rawSql("SELECT 1"), key);

    JsonNode body = fake.requests(FakeAthena.START).get(0).body();
    assertThat(body.has("ExecutionParameters")).isFalse();
    assertThat(body.has("ResultConfiguration")).isFalse();
    assertThat(body.has("ResultReuseConfiguration")).isFalse();
    assertThat(body.path("WorkGroup").asText()).isEqualTo("primary");
    assertThat(body.path("QueryExecutionContext").path("Catalog").asText())
        .isEqualTo("AwsDataCatalog");
    assertThat(body.path("QueryExecutionContext").path("Database").asText()).isEqualTo("default");
  }

  @Test
  void theSameTokenReturnsTheSameQueryAndAnotherKeyANewOne() {
    QueryStarter starter = starter();

    String first = starter.start(STATEMENT, key);
    String again = starter.start(STATEMENT, key);
    String other = starter.start(STATEMENT, RequestKey.of("conn-1", "req-2", STATEMENT));

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(fake.calls(FakeAthena.START)).isEqualTo(3);
  }

  @Test
  void throttlingIsRetriedWithTheSameTokenAndExactSleeps() {
    fake.failNext(FakeAthena.START, 1, FakeAthenaFault.throttling());
    fake.failNext(FakeAthena.START, 1, FakeAthenaFault.internal());
    fake.failNext(FakeAthena.START, 1, FakeAthenaFault.tooManyRequests());

    String id = starter().start(STATEMENT, key);

    assertThat(fake.calls(FakeAthena.START)).isEqualTo(4);
    assertThat(fake.requests(FakeAthena.START))
        .extracting(r -> r.body().path("ClientRequestToken").asText())
        .containsOnly(key.hex());
    // Backoff.THROTTLING: 200 ms doubling, jitter 0.5; nextDouble 0.5 takes off a quarter.
    assertThat(time.sleeps())
        .containsExactly(Duration.ofMillis(150), Duration.ofMillis(300), Duration.ofMillis(600));
    assertThat(fake.state(id)).isEqualTo("SUCCEEDED");
  }

  @Test
  void aStartWhoseAnswerWasLostIsNotRunTwice() {
    // The first start reaches Athena and creates the query; the client then sees a 500 for the
    // retry (as if the first answer was lost), and the third call must return the same query.
    QueryStarter starter = starter();
    String first = starter.start(STATEMENT, key);
    fake.failNext(FakeAthena.START, 1, FakeAthenaFault.internal());

    String retried = starter.start(STATEMENT, key);

    assertThat(retried).isEqualTo(first);
    assertThat(fake.requests(FakeAthena.START))
        .extracting(FakeAthenaRequest::body)
        .allSatisfy(b -> assertThat(b.path("ClientRequestToken").asText()).isEqualTo(key.hex()));
  }

  @Test
  void theConcurrentQueryLimitBacksOffLonger() {
    fake.failNext(FakeAthena.START, 3, FakeAthenaFault.concurrencyLimit());

    starter().start(STATEMENT, key);

    assertThat(fake.calls(FakeAthena.START)).isEqualTo(4);
    // AthenaRetry.CONCURRENCY_LIMIT: 1 s doubling, jitter 0.2; nextDouble 0.5 takes off 10%.
    assertThat(time.sleeps())
        .containsExactly(Duration.ofMillis(900), Duration.ofMillis(1800), Duration.ofMillis(3600));
  }

  @Test
  void throttlingThatOutlastsTheRetriesIsReportedAsBusy() {
    fake.failNext(FakeAthena.START, 5, FakeAthenaFault.throttling());
    QueryStarter starter = starter();

    assertThatThrownBy(() -> starter.start(STATEMENT, key))
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.ATHENA_BUSY);
              assertThat(e.getMessage()).isEqualTo("Athena is throttling; try again");
              assertThat(e.reason()).isEqualTo(ThrottledException.Reason.THROTTLED);
              assertThat(e.attempts()).isEqualTo(5);
              assertThat(e.operation()).isEqualTo("StartQueryExecution");
            });
    assertThat(fake.calls(FakeAthena.START)).isEqualTo(5);
    assertThat(time.sleeps()).hasSize(4);
  }

  @Test
  void theConcurrencyLimitHasItsOwnBound() {
    fake.failNext(FakeAthena.START, 8, FakeAthenaFault.concurrencyLimit());
    QueryStarter starter = starter();

    assertThatThrownBy(() -> starter.start(STATEMENT, key))
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ThrottledException.Reason.CONCURRENT_QUERY_LIMIT);
              assertThat(e.attempts()).isEqualTo(8);
            });
    assertThat(fake.calls(FakeAthena.START)).isEqualTo(8);
    assertThat(time.sleeps())
        .containsExactly(
            Duration.ofMillis(900),
            Duration.ofMillis(1800),
            Duration.ofMillis(3600),
            Duration.ofMillis(7200),
            Duration.ofMillis(14400),
            Duration.ofMillis(27000),
            Duration.ofMillis(27000));
  }

  @Test
  void anInvalidRequestFailsTheQueryAtOnceWithAUserSafeMessage() {
    fake.failNext(
        FakeAthena.START,
        1,
        FakeAthenaFault.invalidRequest(
            "MALFORMED_QUERY",
            "line 1:8: mismatched input 'FROM'. Results at s3://secret-bucket/path are unchanged"));
    QueryStarter starter = starter();

    assertThatThrownBy(() -> starter.start(Statement.rawSql("SELECT FROM"), key))
        .isInstanceOfSatisfying(
            QueryFailedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.QUERY_FAILED);
              assertThat(e.getMessage())
                  .startsWith("line 1:8: mismatched input 'FROM'.")
                  .doesNotContain("secret-bucket")
                  .doesNotContain("Request ID");
              assertThat(e.athenaErrorCode()).contains("MALFORMED_QUERY");
              assertThat(e.queryExecutionId()).isEmpty();
            });
    assertThat(fake.calls(FakeAthena.START)).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void otherServiceErrorsAreNotRetried() {
    fake.failNext(
        FakeAthena.START,
        1,
        new FakeAthenaFault(400, "AccessDeniedException", java.util.Map.of("Message", "denied")));
    QueryStarter starter = starter();

    assertThatThrownBy(() -> starter.start(STATEMENT, key))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
    assertThat(fake.calls(FakeAthena.START)).isEqualTo(1);
  }
}
