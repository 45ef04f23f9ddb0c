package dev.athenaws.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code $connect} integration's {@code Sec-WebSocket-Protocol} response header becomes the
 * handshake's selected subprotocol, as API Gateway passes it on; without it none is selected.
 */
class GatewaySubprotocolTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private Gateway gateway;
  private GatewayServer running;

  @BeforeEach
  void start() throws Exception {
    // A $connect that selects "chat" when the test's query asks for it, as a handler would.
    Gateway.RouteHandler connect =
        (e, r) -> {
          APIGatewayV2WebSocketResponse ok = new APIGatewayV2WebSocketResponse();
          ok.setStatusCode(200);
          Map<String, String> query = e.getQueryStringParameters();
          if (query != null && query.containsKey("select")) {
            ok.setHeaders(Map.of("sec-websocket-protocol", query.get("select")));
          }
          return ok;
        };
    Gateway.RouteHandler ok =
        (e, r) -> {
          APIGatewayV2WebSocketResponse answer = new APIGatewayV2WebSocketResponse();
          answer.setStatusCode(200);
          return answer;
        };
    gateway =
        new Gateway(
            new Gateway.Settings(
                "test", "localhost", Duration.ofSeconds(29), Duration.ofSeconds(5)),
            new Gateway.Routes(connect, ok, Map.of("$default", ok)),
            Clock.systemUTC());
    running = GatewayServer.start(gateway);
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    running.server().stop();
  }

  @Test
  void theConnectAnswersHeaderIsTheSelectedSubprotocol() {
    WebSocket socket = connect("?select=chat", "superchat", "chat");
    assertThat(socket.getSubprotocol()).isEqualTo("chat");
    socket.abort();
  }

  @Test
  void withoutTheHeaderNoSubprotocolIsSelected() {
    WebSocket socket = connect("", "chat");
    assertThat(socket.getSubprotocol()).isEmpty();
    socket.abort();
  }

  private WebSocket connect(String query, String first, String... more) {
    return http.newWebSocketBuilder()
        .subprotocols(first, more)
        .buildAsync(
            URI.create("ws://127.0.0.1:" + running.port() + "/test" + query),
            new WebSocket.Listener() {})
        .join();
  }
}
