package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.testing.HostileMessages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The default mode: the route starts the Step Functions workflow, which pushes the results. */
class StepFunctionsModeE2ETest extends FlowScenarios {
  @Override
  String[] flags() {
    return new String[] {"--mode", "stepfunctions"};
  }

  @Test
  void everyHostileMessageGetsItsErrorCodeAndTheConnectionsKeepWorking() {
    try (WsClient c = WsClient.connect(stack().webSocketUri());
        WsClient bystander = WsClient.connect(stack().webSocketUri())) {
      int answered = 0;
      for (HostileMessages.Message m : HostileMessages.all()) {
        int bytes = m.text().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 128 * 1024) {
          continue; // over API Gateway's message limit: see
          // overLimitMessagesCloseOnlyThatConnection
        }
        if (m.binary()) {
          continue; // API Gateway disconnects binary frames: see
          // binaryFramesCloseOnlyThatConnection
        }
        c.send(m.text());
        JsonNode error = c.expect("error", FlowScenarios.WAIT);
        assertThat(error.path("code").asText()).as(m.name()).isEqualTo(m.code().name());
        assertThat(error.path("message").asText()).as(m.name()).isNotBlank();
        answered++;
      }
      assertThat(answered).isGreaterThanOrEqualTo(40);
      c.send("{\"action\":\"listQueries\"}");
      c.expect("catalog", FlowScenarios.WAIT);
      bystander.send("{\"action\":\"query\"}");
      bystander.expect("accepted", FlowScenarios.WAIT);
      Result.of(bystander.untilDone(FlowScenarios.WAIT));
    }
  }

  @Test
  void binaryFramesCloseOnlyThatConnection() throws Exception {
    try (WsClient binary = WsClient.connect(stack().webSocketUri());
        WsClient other = WsClient.connect(stack().webSocketUri())) {
      binary.sendBinary("{\"action\":\"query\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(binary.closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1003);
      other.send("{\"action\":\"listQueries\"}");
      other.expect("catalog", FlowScenarios.WAIT);
    }
  }

  @Test
  void overLimitMessagesCloseOnlyThatConnection() throws Exception {
    try (WsClient big = WsClient.connect(stack().webSocketUri());
        WsClient other = WsClient.connect(stack().webSocketUri())) {
      big.sendUnlessClosed("{\"action\":\"query\",\"x\":\"" + "x".repeat(140_000) + "\"}");
      assertThat(big.closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1009);
      // A frame over 32 KiB (a browser sends a message as one frame) closes too; under it does not.
      assertThat(
              RawSocket.sendOneFrameAndReadClose(
                  stack().webSocketUri(),
                  "{\"action\":\"query\",\"x\":\"" + "y".repeat(40_000) + "\"}"))
          .isEqualTo(1009);
      other.send("{\"action\":\"listQueries\"}");
      other.expect("catalog", FlowScenarios.WAIT);
    }
  }

  @Test
  void aClientThatLeavesMidStreamCostsNothingElse() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(new TeeStream(err, captured), true, StandardCharsets.UTF_8));
    try (WsClient leaver = WsClient.connect(stack().webSocketUri());
        WsClient stayer = WsClient.connect(stack().webSocketUri())) {
      leaver.send("{\"action\":\"query\",\"query\":\"events-between\"}");
      leaver.expect("accepted", FlowScenarios.WAIT);
      leaver.firstRows(FlowScenarios.WAIT);
      leaver.close();
      stayer.send("{\"action\":\"query\"}");
      stayer.expect("accepted", FlowScenarios.WAIT);
      Result r = Result.of(stayer.untilDone(FlowScenarios.WAIT));
      assertThat(r.complete().path("rowCount").asLong()).isEqualTo(r.rows().size());
      assertThat(stayer.received)
          .as("no stack trace reaches a client")
          .noneMatch(m -> m.toString().contains("\\tat ") || m.toString().contains("\tat "));
      // The leaver's push stops at its next post (410) instead of paging 100,000 rows.
      long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (stack().stepFunctions().running() > 0 && System.nanoTime() < end) {
        Thread.sleep(50);
      }
      assertThat(stack().stepFunctions().running()).isZero();
    } finally {
      System.setErr(err);
    }
    // A client leaving is a normal disconnect, however its socket ended (a close frame, a reset,
    // a broken pipe under a push): no stack trace in the log, whatever the lines say.
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).as("no stack trace in the log").doesNotContain("\tat ");
  }

  @Test
  void twentyClientsEachGetOnlyTheirOwnRows() {
    String[] names = {
      "CreateTable",
      "GetTable",
      "GetTables",
      "GetDatabase",
      "UpdateTable",
      "GetObject",
      "PutObject",
      "HeadObject",
      "AssumeRole",
      "Decrypt"
    };
    String[] regions = {"ap-northeast-1", "us-east-1"};
    List<WsClient> clients = new ArrayList<>();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        WsClient c = WsClient.connect(stack().webSocketUri());
        clients.add(c);
        String name = names[i % names.length];
        String region = regions[i / names.length];
        c.send(
            "{\"action\":\"query\",\"requestId\":\"c"
                + i
                + "\",\"query\":\"events-by-name\","
                + "\"parameters\":{\"eventName\":\""
                + name
                + "\",\"region\":\""
                + region
                + "\","
                + "\"startDate\":\"2021/08/01\",\"endDate\":\"2021/08/15\"}}");
        int n = i;
        done.add(
            CompletableFuture.runAsync(
                () -> {
                  c.expect("accepted", FlowScenarios.WAIT);
                  Result r = Result.of(c.untilDone(FlowScenarios.WAIT));
                  r.assertContiguous();
                  assertThat(r.rows())
                      .isNotEmpty()
                      .allSatisfy(
                          row -> {
                            assertThat(row.path("eventname").asText()).isEqualTo(name);
                            assertThat(row.path("region").asText()).isEqualTo(region);
                          });
                  assertThat(r.rowsMessages())
                      .allSatisfy(m -> assertThat(m.path("requestId").asText()).isEqualTo("c" + n));
                  assertThat(r.complete().path("rowCount").asLong()).isEqualTo(r.rows().size());
                }));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
    } finally {
      clients.forEach(WsClient::close);
    }
  }
}
