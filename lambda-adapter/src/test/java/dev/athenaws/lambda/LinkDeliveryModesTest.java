package dev.athenaws.lambda;

import static dev.athenaws.lambda.Harness.event;
import static dev.athenaws.lambda.Harness.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.Continuation;
import dev.athenaws.internal.protocol.Delivery;
import dev.athenaws.testing.FakeAthenaQuery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client's {@code "delivery":"link"} through both run modes of the Lambda adapter. */
class LinkDeliveryModesTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  private static APIGatewayV2WebSocketEvent askingForALink() {
    APIGatewayV2WebSocketEvent e = event("query.json");
    ObjectNode body = (ObjectNode) read(e.getBody());
    e.setBody(body.put("delivery", "link").toString());
    return e;
  }

  @Test
  void inlineModeSendsTheLinkWithTheConfiguredLifetime() {
    h.athena.nextQuery(FakeAthenaQuery.numberedSelect(1, 3).build());
    h.with("DOWNLOAD_LINKS_ENABLED", "true").with("DOWNLOAD_LINK_TTL_SECONDS", "60");

    new QueryRouteHandler(h.wiring()).handle(askingForALink(), ScriptedTime.plenty());

    assertThat(h.types()).startsWith("accepted").endsWith("download", "complete");
    assertThat(h.types()).doesNotContain("rows");
    assertThat(h.links.calls()).hasSize(1);
    assertThat(h.links.calls().get(0).validFor()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void inlineModeWithLinksOffSendsRows() {
    h.athena.nextQuery(FakeAthenaQuery.numberedSelect(1, 3).build());

    new QueryRouteHandler(h.wiring()).handle(askingForALink(), ScriptedTime.plenty());

    assertThat(h.types()).endsWith("rows", "complete").doesNotContain("download");
    assertThat(h.links.calls()).isEmpty();
  }

  @Test
  void stepFunctionsModeCarriesTheAskToThePushTask() throws IOException {
    h.with("ATHENA_WS_MODE", "stepfunctions").with("STATE_MACHINE_ARN", h.stateMachineArn);
    h.with("DOWNLOAD_LINKS_ENABLED", "true");

    new QueryRouteHandler(h.wiring()).handle(askingForALink(), ScriptedTime.plenty());

    ObjectNode state = (ObjectNode) read(h.sfn.executions().get(0).input());
    assertThat(state.path("delivery").asText()).isEqualTo("link");
    // The state machine's state at the push task: the input with the started query's id lifted.
    state.put("queryExecutionId", h.athena.addQuery(FakeAthenaQuery.numberedSelect(1, 3).build()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PushResultsHandler(h.wiring())
        .handle(
            new ByteArrayInputStream(state.toString().getBytes(StandardCharsets.UTF_8)),
            out,
            ScriptedTime.plenty());

    assertThat(h.types()).endsWith("download", "complete").doesNotContain("rows");
    assertThat(read(out.toString(StandardCharsets.UTF_8)).path("outcome").asText())
        .isEqualTo("completed");
  }

  @Test
  void aRowsRequestsExecutionInputHasNoDeliveryField() {
    h.with("ATHENA_WS_MODE", "stepfunctions").with("STATE_MACHINE_ARN", h.stateMachineArn);

    new QueryRouteHandler(h.wiring()).handle(event("query.json"), ScriptedTime.plenty());

    assertThat(read(h.sfn.executions().get(0).input()).has("delivery")).isFalse();
  }

  @Test
  void aPausedPushKeepsTheAskForItsNextRound() {
    Config config = Config.from(h.env);
    JsonNode in =
        read(
            "{\"connection\":{\"connectionId\":\"c1\"},\"queryExecutionId\":\"q1\","
                + "\"delivery\":\"link\"}");
    PushInput first = PushInput.of(config, in);
    assertThat(first.delivery()).isEqualTo(Delivery.LINK);

    PushOutput paused = PushOutput.paused(first, Continuation.start());

    assertThat(PushInput.of(config, paused.json()).delivery()).isEqualTo(Delivery.LINK);
    PushInput rows =
        PushInput.of(
            config,
            read("{\"connection\":{\"connectionId\":\"c1\"}," + "\"queryExecutionId\":\"q1\"}"));
    assertThat(rows.delivery()).isEqualTo(Delivery.ROWS);
    assertThat(PushOutput.paused(rows, Continuation.start()).json().has("delivery")).isFalse();
  }
}
