package dev.athenaws.local.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.BatchGetQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.StatementType;

class LifecycleTest {
  /** About a second of DuckDB work on this machine: long enough to be seen RUNNING. */
  private static final String SLOW =
      "SELECT count(*) AS n FROM range(12000) a, range(12000) b WHERE (a.range + b.range) % 7 = 3";

  /** Minutes of DuckDB work: only a stop ends it within the test. */
  private static final String ENDLESS =
      "SELECT count(*) FROM range(1000000) a, range(1000000) b WHERE (a.range * b.range) % 7 = 3";

  private static EmulatorClient client;

  @BeforeAll
  static void start() throws Exception {
    client =
        new EmulatorClient(AthenaEmulator.builder().queueDelay(Duration.ofMillis(300)).build());
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void queuedThenRunningThenSucceededWithStatistics() {
    String id = client.start(SLOW);
    Set<QueryExecutionState> seen = EnumSet.noneOf(QueryExecutionState.class);
    QueryExecution q;
    do {
      q = client.execution(id);
      seen.add(q.status().state());
      EmulatorClient.pause(20);
    } while (q.status().state() == QueryExecutionState.QUEUED
        || q.status().state() == QueryExecutionState.RUNNING);
    assertThat(seen)
        .contains(
            QueryExecutionState.QUEUED, QueryExecutionState.RUNNING, QueryExecutionState.SUCCEEDED);
    assertThat(q.queryExecutionId()).isEqualTo(id);
    assertThat(q.query()).isEqualTo(SLOW);
    assertThat(q.statementType()).isEqualTo(StatementType.DML);
    assertThat(q.substatementType()).isEqualTo("SELECT");
    assertThat(q.queryExecutionContext().database()).isEqualTo("default");
    assertThat(q.workGroup()).isEqualTo("primary");
    assertThat(q.resultConfiguration().outputLocation())
        .isEqualTo("s3://athena-ws-local/results/" + id + ".csv");
    assertThat(q.status().completionDateTime()).isAfterOrEqualTo(q.status().submissionDateTime());
    assertThat(q.status().athenaError()).isNull();
    assertThat(q.statistics().queryQueueTimeInMillis()).isGreaterThanOrEqualTo(250);
    assertThat(q.statistics().engineExecutionTimeInMillis()).isPositive();
    assertThat(q.statistics().totalExecutionTimeInMillis())
        .isGreaterThanOrEqualTo(
            q.statistics().engineExecutionTimeInMillis()
                + q.statistics().queryQueueTimeInMillis()
                - 1);
    assertThat(q.statistics().dataScannedInBytes()).isPositive();
    assertThat(q.statistics().resultReuseInformation().reusedPreviousResult()).isFalse();
  }

  @Test
  void stopEndsALongQueryQuickly() {
    String id = client.start(ENDLESS);
    while (client.execution(id).status().state() != QueryExecutionState.RUNNING) {
      EmulatorClient.pause(10);
    }
    EmulatorClient.pause(200);
    long start = System.nanoTime();
    client.athena.stopQueryExecution(b -> b.queryExecutionId(id));
    QueryExecution q = client.await(id);
    assertThat(q.status().state()).isEqualTo(QueryExecutionState.CANCELLED);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    // Stopping a finished query is a no-op, as in Athena.
    client.athena.stopQueryExecution(b -> b.queryExecutionId(id));
    assertThat(client.execution(id).status().state()).isEqualTo(QueryExecutionState.CANCELLED);
    assertThatThrownBy(() -> client.athena.getQueryResults(b -> b.queryExecutionId(id)))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void stopWhileQueuedCancelsBeforeItRuns() {
    String id = client.start("SELECT 1");
    client.athena.stopQueryExecution(b -> b.queryExecutionId(id));
    assertThat(client.await(id).status().state()).isEqualTo(QueryExecutionState.CANCELLED);
  }

  @Test
  void resultsOfAnUnfinishedQueryAreRefusedWithItsState() {
    String id = client.start("SELECT 1");
    assertThatThrownBy(() -> client.athena.getQueryResults(b -> b.queryExecutionId(id)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Query has not yet finished. Current state: QUEUED");
    client.await(id);
  }

  @Test
  void sameClientRequestTokenSameExecution() {
    String token = "token-0123456789abcdef0123456789abcdef";
    String first =
        client
            .athena
            .startQueryExecution(b -> b.queryString("SELECT 1").clientRequestToken(token))
            .queryExecutionId();
    String second =
        client
            .athena
            .startQueryExecution(b -> b.queryString("SELECT 1").clientRequestToken(token))
            .queryExecutionId();
    String other =
        client
            .athena
            .startQueryExecution(
                b -> b.queryString("SELECT 1").clientRequestToken(token.replace('0', '1')))
            .queryExecutionId();
    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void aTokenReusedWithOtherParametersIsRefused() {
    String token = "token-fedcba9876543210fedcba9876543210";
    String first =
        client
            .athena
            .startQueryExecution(b -> b.queryString("SELECT 1").clientRequestToken(token))
            .queryExecutionId();
    // "An error is returned if a parameter, such as QueryString, has changed."
    assertThatThrownBy(
            () ->
                client.athena.startQueryExecution(
                    b -> b.queryString("SELECT 2").clientRequestToken(token)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("ClientRequestToken");
    assertThatThrownBy(
            () ->
                client.athena.startQueryExecution(
                    b ->
                        b.queryString("SELECT 1")
                            .clientRequestToken(token)
                            .queryExecutionContext(c -> c.database("other"))))
        .isInstanceOf(InvalidRequestException.class);
    client.await(first);
  }

  @Test
  void batchGetReportsKnownAndUnknownIds() {
    String id = client.start("SELECT 1");
    BatchGetQueryExecutionResponse r =
        client.athena.batchGetQueryExecution(b -> b.queryExecutionIds(id, "nope"));
    assertThat(r.queryExecutions())
        .extracting(QueryExecution::queryExecutionId)
        .containsExactly(id);
    assertThat(r.unprocessedQueryExecutionIds())
        .singleElement()
        .satisfies(u -> assertThat(u.queryExecutionId()).isEqualTo("nope"));
  }

  @Test
  void unknownIdIsAnInvalidRequest() {
    assertThatThrownBy(() -> client.execution("00000000-0000-0000-0000-000000000000"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("was not found")
        .satisfies(
            e ->
                assertThat(((InvalidRequestException) e).athenaErrorCode())
                    .isEqualTo("INVALID_INPUT"));
    assertThatThrownBy(() -> client.athena.stopQueryExecution(b -> b.queryExecutionId("nope")))
        .isInstanceOf(InvalidRequestException.class);
  }
}
