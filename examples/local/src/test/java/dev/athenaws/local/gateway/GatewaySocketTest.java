package dev.athenaws.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.websocket.api.exceptions.ProtocolException;
import org.junit.jupiter.api.Test;

/** A client that goes away is a normal disconnect: one line, no exception text, no stack trace. */
class GatewaySocketTest {
  private static final Gateway.RouteHandler NONE = (e, c) -> null;

  @Test
  void aPeerThatClosedItsSocketIsLoggedAsADisconnect() {
    for (Throwable gone :
        new Throwable[] {
          new EofException("Broken pipe"),
          new ClosedChannelException(),
          new IOException("Connection reset by peer"),
          new RuntimeException(new EofException("Broken pipe"))
        }) {
      assertThat(GatewaySocket.isPeerGone(gone)).as(gone.toString()).isTrue();
      String log = logOf(gone);
      assertThat(log)
          .as(gone.toString())
          .contains("conn-1")
          .contains("disconnected")
          .doesNotContain("Exception")
          .doesNotContain("Broken pipe")
          .doesNotContain("\tat ");
      assertThat(log.strip().lines()).hasSize(1);
    }
  }

  @Test
  void aProtocolErrorIsNotMistakenForADisconnect() {
    ProtocolException bad = new ProtocolException("RSV1 not allowed");
    assertThat(GatewaySocket.isPeerGone(bad)).isFalse();
    assertThat(logOf(bad)).doesNotContain("disconnected").doesNotContain("\tat ");
  }

  private static String logOf(Throwable error) {
    Gateway gateway =
        new Gateway(
            new Gateway.Settings(
                "test", "localhost", Duration.ofSeconds(29), Duration.ofSeconds(5)),
            new Gateway.Routes(NONE, NONE, Map.of()),
            Clock.systemUTC());
    GatewaySocket socket =
        new GatewaySocket(
            gateway, new Connection.Identity("conn-1", Instant.EPOCH, "127.0.0.1", null));
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      socket.onWebSocketError(error);
    } finally {
      System.setErr(err);
      gateway.close();
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
