package dev.athenaws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Priming drives the real handlers over in-memory SDK clients: every step succeeds (a malformed
 * canned answer would show as an {@code error} message or a non-200 status), and nothing reaches
 * the container's configured endpoints, here the wire fakes.
 */
class PrimingTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  private static List<String> types(Priming.Report report) {
    return report.posted().stream().map(m -> Harness.read(m).path("type").asText()).toList();
  }

  private void assertTheFakesSawNothing() {
    assertThat(h.athena.requests()).isEmpty();
    assertThat(h.api.calls()).isEmpty();
    assertThat(h.sfn.callCount()).isZero();
  }

  @Test
  void inlineModeRunsTheQueryRouteAndThePushWithoutTheNetwork() {
    Priming.Report report = Priming.prime(h.env);

    assertThat(report.routeStatuses()).containsExactly(200, 200, 200);
    // listQueries; raw SQL and the catalog's default query, each started, polled, fetched and sent;
    // then the push task reads the status and sends the page.
    assertThat(types(report))
        .containsExactly(
            "catalog",
            "accepted",
            "progress",
            "rows",
            "complete",
            "accepted",
            "progress",
            "rows",
            "complete",
            "progress",
            "rows",
            "complete");
    assertThat(report.calls())
        .contains(
            "AmazonAthena.StartQueryExecution",
            "AmazonAthena.GetQueryExecution",
            "AmazonAthena.GetQueryResults");
    JsonNode rows = Harness.read(report.posted().get(3));
    assertThat(rows.path("results")).hasSize(2);
    assertThat(rows.path("results").get(0).path("big").asText()).isEqualTo("9007199254740993");
    assertThat(Harness.read(report.pushOutput()))
        .isEqualTo(
            Harness.read("{\"done\":true,\"rowCount\":2,\"chunks\":1,\"outcome\":\"completed\"}"));
    assertTheFakesSawNothing();
  }

  @Test
  void stepFunctionsModeStartsTheStateMachineInMemory() {
    h.with("ATHENA_WS_MODE", "stepfunctions").with("STATE_MACHINE_ARN", h.stateMachineArn);

    Priming.Report report = Priming.prime(h.env);

    assertThat(report.routeStatuses()).containsExactly(200, 200, 200);
    assertThat(types(report))
        .containsExactly("catalog", "accepted", "accepted", "progress", "rows", "complete");
    assertThat(report.calls().stream().filter(c -> c.equals("AWSStepFunctions.StartExecution")))
        .hasSize(2);
    assertTheFakesSawNothing();
  }

  @Test
  void whenIsReadFromAthenaWsPrime() {
    assertThat(Priming.when(Map.of())).isEqualTo(Priming.When.SNAPSTART);
    assertThat(Priming.when(Map.of("ATHENA_WS_PRIME", " "))).isEqualTo(Priming.When.SNAPSTART);
    assertThat(Priming.when(Map.of("ATHENA_WS_PRIME", "Init"))).isEqualTo(Priming.When.INIT);
    assertThat(Priming.when(Map.of("ATHENA_WS_PRIME", "off"))).isEqualTo(Priming.When.OFF);
    assertThatThrownBy(() -> Priming.when(Map.of("ATHENA_WS_PRIME", "always")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ATHENA_WS_PRIME is invalid: it must be snapstart, init or off");
  }

  @Test
  void anUnknownValueFailsTheInit() {
    assertThatThrownBy(() -> Priming.onInit(Map.of("ATHENA_WS_PRIME", "yes")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ATHENA_WS_PRIME");
  }

  @Test
  void aFailingPrimingNeverFailsTheSnapshotOrTheInit() {
    h.with("QUERY_CATALOG", "/nonexistent/catalog.json");
    assertThatThrownBy(() -> Priming.prime(h.env)).isInstanceOf(IllegalStateException.class);

    assertThatCode(() -> new Priming(h.env).beforeCheckpoint(null)).doesNotThrowAnyException();
    h.with("ATHENA_WS_PRIME", "init");
    assertThatCode(() -> Priming.onInit(h.env)).doesNotThrowAnyException();
    assertTheFakesSawNothing();
  }

  @Test
  void snapstartOnlyRegistersTheCheckpointHook() {
    h.with("ATHENA_WS_PRIME", "snapstart").with("INLINE_DEADLINE_SECONDS", "7");

    Priming.onInit(h.env);

    // Registered with org.crac's global context (a no-op context on this JVM); priming waits for
    // a checkpoint that never comes here.
    assertThat(Priming.registered()).isNotNull();
    assertThat(Priming.registered().env()).containsEntry("INLINE_DEADLINE_SECONDS", "7");
    assertTheFakesSawNothing();
  }
}
