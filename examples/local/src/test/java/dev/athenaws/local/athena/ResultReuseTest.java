package dev.athenaws.local.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.retry.VirtualTime;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryRuntimeStatistics;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

/**
 * The emulator honours result reuse as Athena does, and serves GetQueryRuntimeStatistics; through
 * the SDK client, on an injected clock (ages without sleeping).
 */
class ResultReuseTest {
  private static final String SQL = "SELECT range AS n FROM range(5) WHERE range >= ?";

  private final VirtualTime time = new VirtualTime();
  private final EmulatorClient client = open();

  private EmulatorClient open() {
    try {
      return new EmulatorClient(AthenaEmulator.builder().clock(time).build());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void close() {
    client.close();
  }

  private String start(Integer maxAgeMinutes, Consumer<StartQueryExecutionRequest.Builder> more) {
    return client
        .athena
        .startQueryExecution(
            b -> {
              b.queryString(SQL)
                  .executionParameters("2")
                  .queryExecutionContext(c -> c.database("default"));
              if (maxAgeMinutes != null) {
                b.resultReuseConfiguration(
                    r ->
                        r.resultReuseByAgeConfiguration(
                            a -> a.enabled(true).maxAgeInMinutes(maxAgeMinutes)));
              }
              more.accept(b);
            })
        .queryExecutionId();
  }

  private static boolean reused(QueryExecution q) {
    return q.statistics().resultReuseInformation().reusedPreviousResult();
  }

  @Test
  void theSameQueryWithinTheMaxAgeReusesThePreviousResultWithoutRunning() {
    String first = start(60, b -> {});
    QueryExecution ran = client.await(first);
    time.advance(Duration.ofMinutes(59));

    String second = start(60, b -> {});
    QueryExecution q = client.execution(second);

    assertThat(second).isNotEqualTo(first);
    assertThat(q.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
    assertThat(reused(q)).isTrue();
    assertThat(reused(ran)).isFalse();
    // Athena points to the previous result location.
    assertThat(q.resultConfiguration().outputLocation())
        .isEqualTo(ran.resultConfiguration().outputLocation())
        .endsWith(first + ".csv");
    assertThat(q.statistics().dataScannedInBytes()).isZero();
    assertThat(q.resultReuseConfiguration().resultReuseByAgeConfiguration().maxAgeInMinutes())
        .isEqualTo(60);
    assertThat(EmulatorClient.values(client.pages(second, null)))
        .isEqualTo(EmulatorClient.values(client.pages(first, null)));
  }

  @Test
  void anythingThatDiffersRunsTheQueryAgain() {
    String first = start(60, b -> {});
    client.await(first);

    String older = start(60, b -> {});
    time.advance(Duration.ofMinutes(61));
    String expired = start(60, b -> {});
    String otherValue = start(60, b -> b.executionParameters("3"));
    String otherDatabase =
        start(60, b -> b.queryExecutionContext(c -> c.database("default").catalog("other")));
    String otherOutput =
        start(60, b -> b.resultConfiguration(r -> r.outputLocation("s3://athena-ws-local/x/")));
    String notEnabled = start(null, b -> {});

    assertThat(reused(client.execution(older))).isTrue();
    for (String id : new String[] {expired, otherValue, otherDatabase, otherOutput, notEnabled}) {
      QueryExecution q = client.await(id);
      assertThat(reused(q)).as(id).isFalse();
      assertThat(q.resultConfiguration().outputLocation()).endsWith(id + ".csv");
    }
  }

  @Test
  void aMaxAgeBeyondSevenDaysIsRefused() {
    assertThatThrownBy(() -> start(10_081, b -> {}))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("maxAgeInMinutes");
  }

  @Test
  void runtimeStatisticsReportTheOutputRowsOnceFinished() {
    String id = start(null, b -> {});
    client.await(id);

    QueryRuntimeStatistics stats =
        client
            .athena
            .getQueryRuntimeStatistics(r -> r.queryExecutionId(id))
            .queryRuntimeStatistics();

    assertThat(stats.rows().outputRows()).isEqualTo(3);
    assertThat(stats.timeline().totalExecutionTimeInMillis()).isNotNull();
    assertThat(stats.outputStage()).isNull();
    assertThatThrownBy(
            () -> client.athena.getQueryRuntimeStatistics(r -> r.queryExecutionId("nope")))
        .isInstanceOf(InvalidRequestException.class);
  }
}
