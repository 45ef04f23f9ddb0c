package dev.athenaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.notify.Connection;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaFault;
import dev.athenaws.testing.FakeAthenaQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known totals: one GetQueryRuntimeStatistics after SUCCEEDED, its {@code Rows.OutputRows} as
 * {@code totalRows} in the {@code progress} before the first rows, in the inline run and in a
 * resumption (the push task); a failed call only means no total.
 */
class KnownTotalsTest {
  private static final String QUERY =
      "{\"action\":\"query\",\"query\":\"by-a\",\"parameters\":{\"a\":\"x\"},\"requestId\":\"r1\"}";

  private final FrontDoorWire wire = new FrontDoorWire();
  private final FakeAthena athena = wire.athena;
  private final Connection client = wire.client;
  private final List<AthenaWs> built = new ArrayList<>();

  @AfterEach
  void close() {
    built.forEach(AthenaWs::close);
    wire.close();
  }

  private AthenaWs ws(AthenaSettings settings) {
    AthenaWs ws =
        AthenaWs.builder()
            .athenaClient(athena.client())
            .notifier(wire.notifier)
            .catalog(AthenaWsTest.CATALOG)
            .settings(settings)
            .clock(wire.time)
            .sleeper(wire.time)
            .build();
    built.add(ws);
    return ws;
  }

  /** The one SUCCEEDED progress; asserts it comes before the first rows. */
  private JsonNode succeededProgress() {
    List<JsonNode> messages = wire.received();
    List<Integer> at = new ArrayList<>();
    int firstRows = -1;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      if (m.path("type").asText().equals("progress")
          && m.path("state").asText().equals("SUCCEEDED")) {
        at.add(i);
      }
      if (firstRows < 0 && m.path("type").asText().equals("rows")) {
        firstRows = i;
      }
    }
    assertThat(at).hasSize(1);
    assertThat(at.get(0)).isLessThan(firstRows);
    return messages.get(at.get(0));
  }

  private static FakeAthenaQuery.Builder numbers() {
    return FakeAthenaQuery.numberedSelect(2, 3).running(Duration.ofSeconds(2));
  }

  @Test
  void theInlineRunSaysTheTotalBeforeTheFirstRowsWithOneCall() {
    athena.nextQuery(numbers().outputRows(6).build());

    Outcome outcome = ws(AthenaSettings.defaults()).handle(client, QUERY);

    assertThat(outcome).isEqualTo(new Outcome.Ran(new PublishResult.Completed(6, 1)));
    assertThat(succeededProgress().path("totalRows").asLong()).isEqualTo(6);
    assertThat(athena.calls(FakeAthena.RUNTIME_STATISTICS)).isEqualTo(1);
    // Start, polls, pages, one runtime statistics call: nothing else was added.
    assertThat(athena.requests().stream().map(r -> r.operation()).distinct())
        .containsExactlyInAnyOrder(
            FakeAthena.START, FakeAthena.GET, FakeAthena.RESULTS, FakeAthena.RUNTIME_STATISTICS);
  }

  @Test
  void aResumptionOfAFinishedQuerySaysTheTotalInItsAnnouncement() {
    String id = athena.addQuery(FakeAthenaQuery.numberedSelect(1, 4).outputRows(4).build());

    PublishResult result =
        ws(AthenaSettings.defaults())
            .resume(Resumption.builder(client).requestId("r1").queryExecutionId(id).build());

    assertThat(result).isEqualTo(new PublishResult.Completed(4, 1));
    assertThat(succeededProgress().path("totalRows").asLong()).isEqualTo(4);
    assertThat(athena.calls(FakeAthena.RUNTIME_STATISTICS)).isEqualTo(1);
  }

  static Stream<FakeAthenaFault> failures() {
    return Stream.of(
        new FakeAthenaFault(
            400,
            "AccessDeniedException",
            Map.of("Message", "not authorized to perform: athena:GetQueryRuntimeStatistics")),
        FakeAthenaFault.throttling(),
        FakeAthenaFault.internal(),
        FakeAthenaFault.invalidRequest("INVALID_INPUT", "not supported"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void aFailedCallIsNotRetriedAndTheQueryCompletesWithoutATotal(FakeAthenaFault fault) {
    athena.nextQuery(numbers().outputRows(6).build());
    athena.failNext(FakeAthena.RUNTIME_STATISTICS, 1, fault);

    Outcome outcome = ws(AthenaSettings.defaults()).handle(client, QUERY);

    assertThat(outcome).isEqualTo(new Outcome.Ran(new PublishResult.Completed(6, 1)));
    assertThat(succeededProgress().has("totalRows")).isFalse();
    assertThat(athena.calls(FakeAthena.RUNTIME_STATISTICS)).isEqualTo(1);
  }

  @Test
  void rowStatisticsNotYetReportedMeanNoTotal() {
    athena.nextQuery(numbers().build());

    ws(AthenaSettings.defaults()).handle(client, QUERY);

    assertThat(succeededProgress().has("totalRows")).isFalse();
    assertThat(athena.calls(FakeAthena.RUNTIME_STATISTICS)).isEqualTo(1);
  }

  @Test
  void theSettingTurnsTheCallOff() {
    athena.nextQuery(numbers().outputRows(6).build());

    Outcome outcome =
        ws(AthenaSettings.builder().withoutRuntimeStatistics().build()).handle(client, QUERY);

    assertThat(outcome).isEqualTo(new Outcome.Ran(new PublishResult.Completed(6, 1)));
    assertThat(succeededProgress().has("totalRows")).isFalse();
    assertThat(athena.calls(FakeAthena.RUNTIME_STATISTICS)).isZero();
  }

  @Test
  void aStatementWithoutAQueryOutputIsNotAsked() {
    athena.nextQuery(
        FakeAthenaQuery.builder()
            .statement("DDL", "SHOW_TABLES")
            .column("tab_name", "string")
            .page(List.of("t1"))
            .outputRows(1)
            .build());

    ws(AthenaSettings.defaults()).handle(client, QUERY);

    assertThat(succeededProgress().has("totalRows")).isFalse();
    assertThat(athena.calls(FakeAthena.RUNTIME_STATISTICS)).isZero();
  }
}
