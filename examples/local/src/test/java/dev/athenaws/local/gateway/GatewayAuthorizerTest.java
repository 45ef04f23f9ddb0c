package dev.athenaws.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code $connect} authorizer hook with a test authorizer that decides on the {@code token}
 * query parameter: refusals fail the handshake with API Gateway's status and never reach {@code
 * $connect}; an Allow's context reaches every later event as {@code requestContext.authorizer}.
 */
class GatewayAuthorizerTest {
  private final BlockingQueue<APIGatewayV2WebSocketEvent> events = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> arns = new LinkedBlockingQueue<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private Gateway gateway;
  private GatewayServer running;

  @BeforeEach
  void start() throws Exception {
    Gateway.RouteHandler record =
        (e, r) -> {
          events.add(e);
          APIGatewayV2WebSocketResponse ok = new APIGatewayV2WebSocketResponse();
          ok.setStatusCode(200);
          return ok;
        };
    ConnectAuthorizer authorizer =
        (request, methodArn) -> {
          arns.add(methodArn);
          Map<String, String> query = request.getQueryStringParameters();
          String token = query == null ? null : query.get("token");
          if (token == null) {
            return new ConnectAuthorizer.Unauthorized();
          }
          return switch (token) {
            case "alice" ->
                new ConnectAuthorizer.Allow(
                    "alice", Map.of("account", "111111111111", "groups", "ops", "level", 7));
            case "boom" -> throw new IllegalStateException("authorizer bug");
            default -> new ConnectAuthorizer.Deny();
          };
        };
    gateway =
        new Gateway(
            new Gateway.Settings(
                "test", "localhost", Duration.ofSeconds(29), Duration.ofSeconds(5)),
            new Gateway.Routes(record, record, Map.of("echo", record)).withAuthorizer(authorizer),
            Clock.systemUTC());
    running = GatewayServer.start(gateway);
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    running.server().stop();
  }

  @Test
  void aDenyRefusesTheHandshakeWith403AndConnectNeverRuns() throws Exception {
    assertThat(refusal("?token=mallory")).isEqualTo(403);
    assertThat(arns.poll(5, TimeUnit.SECONDS))
        .isEqualTo(
            "arn:aws:execute-api:us-east-1:000000000000:" + Events.API_ID + "/test/$connect");
    assertThat(events).isEmpty();
    assertThat(gateway.openConnections()).isZero();
  }

  @Test
  void noIdentityIs401AndAFailingAuthorizer500() throws Exception {
    assertThat(refusal("")).isEqualTo(401);
    assertThat(refusal("?token=boom")).isEqualTo(500);
    assertThat(events).isEmpty();
    assertThat(gateway.openConnections()).isZero();
  }

  @Test
  void anAllowsContextReachesConnectAndEveryLaterRoute() throws Exception {
    WebSocket socket = connect("?token=alice");
    APIGatewayV2WebSocketEvent connect = events.poll(5, TimeUnit.SECONDS);
    Map<String, Object> expected =
        Map.of("principalId", "alice", "account", "111111111111", "groups", "ops", "level", "7");
    assertThat(connect.getRequestContext().getRouteKey()).isEqualTo("$connect");
    assertThat(connect.getRequestContext().getAuthorizer()).isEqualTo(expected);

    socket.sendText("{\"action\":\"echo\"}", true).join();
    APIGatewayV2WebSocketEvent message = events.poll(5, TimeUnit.SECONDS);
    assertThat(message.getRequestContext().getRouteKey()).isEqualTo("echo");
    assertThat(message.getRequestContext().getAuthorizer()).isEqualTo(expected);

    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    APIGatewayV2WebSocketEvent disconnect = events.poll(5, TimeUnit.SECONDS);
    assertThat(disconnect.getRequestContext().getRouteKey()).isEqualTo("$disconnect");
    assertThat(disconnect.getRequestContext().getAuthorizer()).isEqualTo(expected);
  }

  @Test
  void anAllowRefusesContextValuesApiGatewayCannotCarry() {
    assertThatThrownBy(
            () -> new ConnectAuthorizer.Allow("a", Map.of("groups", java.util.List.of())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConnectAuthorizer.Allow("a", Map.of("principalId", "b")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private int refusal(String query) {
    Throwable thrown = null;
    try {
      connect(query);
    } catch (CompletionException e) {
      thrown = e.getCause();
    }
    assertThat(thrown).isInstanceOf(WebSocketHandshakeException.class);
    return ((WebSocketHandshakeException) thrown).getResponse().statusCode();
  }

  private WebSocket connect(String query) {
    return http.newWebSocketBuilder()
        .buildAsync(
            URI.create("ws://127.0.0.1:" + running.port() + "/test" + query),
            new WebSocket.Listener() {})
        .join();
  }
}
