package dev.athenaws.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.athenaws.RemainingTime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway alone, with test handlers: events, refusals, API Gateway's own answers, @connections.
 */
class GatewayTest {
  private final BlockingQueue<APIGatewayV2WebSocketEvent> events = new LinkedBlockingQueue<>();
  private final BlockingQueue<RemainingTime> remaining = new LinkedBlockingQueue<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private Server server;
  private Gateway gateway;
  private int port;

  @BeforeEach
  void start() throws Exception {
    Gateway.RouteHandler connect =
        (e, c) -> {
          events.add(e);
          APIGatewayV2WebSocketResponse answer =
              status("evil.example".equals(e.getHeaders().get("Origin")) ? 403 : 200);
          // ?select=P: answer as a handler that selects subprotocol P does.
          Map<String, String> query = e.getQueryStringParameters();
          if (query != null && query.containsKey("select")) {
            answer.setHeaders(Map.of("sec-websocket-protocol", query.get("select")));
          }
          return answer;
        };
    Gateway.RouteHandler record =
        (e, r) -> {
          events.add(e);
          remaining.add(r);
          if (e.getBody().contains("boom")) {
            throw new IllegalStateException("handler bug");
          }
          return status(200);
        };
    gateway =
        new Gateway(
            new Gateway.Settings(
                "test", "localhost", Duration.ofSeconds(29), Duration.ofSeconds(5)),
            new Gateway.Routes(connect, record, Map.of("echo", record)),
            Clock.systemUTC());
    GatewayServer running = GatewayServer.start(gateway);
    server = running.server();
    port = running.port();
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    server.stop();
  }

  @Test
  void handlersGetApiGatewayShapedEvents() throws Exception {
    Client c = connect(Map.of("Origin", "https://app.example"));
    APIGatewayV2WebSocketEvent connectEvent = events.poll(5, TimeUnit.SECONDS);
    var rc = connectEvent.getRequestContext();
    assertThat(rc.getRouteKey()).isEqualTo("$connect");
    assertThat(rc.getEventType()).isEqualTo("CONNECT");
    assertThat(rc.getStage()).isEqualTo("test");
    assertThat(rc.getApiId()).isEqualTo(Events.API_ID);
    assertThat(rc.getConnectionId()).hasSize(16).endsWith("=");
    assertThat(rc.getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
    assertThat(rc.getConnectedAt()).isPositive();
    assertThat(connectEvent.getHeaders()).containsEntry("Origin", "https://app.example");

    c.socket.sendText("{\"action\":\"echo\",\"n\":1}", true).join();
    APIGatewayV2WebSocketEvent message = events.poll(5, TimeUnit.SECONDS);
    assertThat(message.getRequestContext().getRouteKey()).isEqualTo("echo");
    assertThat(message.getRequestContext().getEventType()).isEqualTo("MESSAGE");
    assertThat(message.getRequestContext().getConnectionId()).isEqualTo(rc.getConnectionId());
    assertThat(message.getRequestContext().getMessageId()).isNotBlank();
    assertThat(message.getBody()).isEqualTo("{\"action\":\"echo\",\"n\":1}");

    c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    APIGatewayV2WebSocketEvent disconnect = events.poll(5, TimeUnit.SECONDS);
    assertThat(disconnect.getRequestContext().getRouteKey()).isEqualTo("$disconnect");
    assertThat(disconnect.getRequestContext().getEventType()).isEqualTo("DISCONNECT");
  }

  @Test
  void routesAreGivenARemainingTimeCountingDownFromTheRouteTimeout() throws Exception {
    Client c = connect(Map.of());
    c.socket.sendText("{\"action\":\"echo\"}", true).join();
    RemainingTime r = remaining.poll(5, TimeUnit.SECONDS);
    assertThat(r).isNotNull();
    // this gateway's route timeout (Settings above) is 29 s
    assertThat(r.remaining())
        .isPositive()
        .isLessThanOrEqualTo(Duration.ofSeconds(29))
        .isGreaterThan(Duration.ofSeconds(20));
  }

  @Test
  void aConnectHandlerRefusalRefusesTheUpgrade() {
    assertThatThrownBy(() -> connect(Map.of("Origin", "evil.example")))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            java.net.http.WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    assertThat(gateway.openConnections()).isZero();
  }

  @Test
  void noRouteAndAFailingHandlerGetApiGatewaysAnswers() throws Exception {
    Client c = connect(Map.of());
    c.socket.sendText("{\"action\":\"other\"}", true).join(); // no $default route here
    assertThat(c.messages.poll(5, TimeUnit.SECONDS)).contains("\"message\":\"Forbidden\"");
    c.socket.sendText("{\"action\":\"echo\",\"boom\":true}", true).join();
    assertThat(c.messages.poll(5, TimeUnit.SECONDS))
        .contains("\"message\":\"Internal server error\"")
        .contains("\"connectionId\"");
  }

  @Test
  void theManagementApiPostsGetsAndDeletes() throws Exception {
    Client c = connect(Map.of());
    String id = events.poll(5, TimeUnit.SECONDS).getRequestContext().getConnectionId();
    String path = connectionPath(id);

    assertThat(send("POST", path, "{\"hi\":1}").statusCode()).isEqualTo(200);
    assertThat(c.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"hi\":1}");
    HttpResponse<String> info = send("GET", path, null);
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat(info.body()).contains("\"ConnectedAt\"", "\"SourceIp\":\"127.0.0.1\"");
    HttpResponse<String> tooLarge = send("POST", path, "x".repeat(128 * 1024 + 1));
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("PayloadTooLargeException");
    String big = "y".repeat(100_000); // over one 32 KiB frame: sent as several
    assertThat(send("POST", path, big).statusCode()).isEqualTo(200);
    assertThat(c.messages.poll(5, TimeUnit.SECONDS)).isEqualTo(big);

    assertThat(send("DELETE", path, null).statusCode()).isEqualTo(204);
    assertThat(c.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
    HttpResponse<String> gone = send("POST", path, "{}");
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(gone.headers().firstValue("x-amzn-ErrorType")).hasValue("GoneException");
    assertThat(send("GET", path.replace(id.substring(0, 3), "zzz"), null).statusCode())
        .isEqualTo(410);
  }

  @Test
  void concurrentPostsToOneConnectionArriveWholeNeverInterleaved() throws Exception {
    // athena-ws posts up to N rows messages of a query at once; each message of several frames
    // must reach the client whole (the connection sends one message at a time).
    Client c = connect(Map.of());
    String id = events.poll(5, TimeUnit.SECONDS).getRequestContext().getConnectionId();
    String path = connectionPath(id);
    List<String> bodies = new java.util.ArrayList<>();
    for (char ch = 'a'; ch < 'e'; ch++) {
      bodies.add(String.valueOf(ch).repeat(100_000)); // four frames each
    }

    List<CompletableFuture<Integer>> posts =
        bodies.stream()
            .map(
                b ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          try {
                            return send("POST", path, b).statusCode();
                          } catch (Exception e) {
                            throw new CompletionException(e);
                          }
                        }))
            .toList();

    for (CompletableFuture<Integer> p : posts) {
      assertThat(p.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    }
    List<String> received = new java.util.ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      received.add(c.messages.poll(5, TimeUnit.SECONDS));
    }
    assertThat(received).containsExactlyInAnyOrderElementsOf(bodies);
  }

  private String connectionPath(String id) {
    return "http://127.0.0.1:"
        + port
        + "/test/@connections/"
        + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
  }

  private HttpResponse<String> send(String method, String uri, String body) throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    return http.send(
        HttpRequest.newBuilder(URI.create(uri)).method(method, publisher).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Client connect(Map<String, String> headers) {
    Client client = new Client();
    WebSocket.Builder b = http.newWebSocketBuilder();
    headers.forEach(b::header);
    client.socket = b.buildAsync(URI.create("ws://127.0.0.1:" + port + "/test"), client).join();
    return client;
  }

  @Test
  void theConnectAnswersSubprotocolHeaderIsTheSelectedSubprotocol() {
    // API Gateway passes the $connect integration's Sec-WebSocket-Protocol to the client.
    WebSocket socket = offering("?select=chat", "superchat", "chat");
    assertThat(socket.getSubprotocol()).isEqualTo("chat");
    socket.abort();
  }

  @Test
  void withoutTheHeaderNoSubprotocolIsSelected() {
    WebSocket socket = offering("", "chat");
    assertThat(socket.getSubprotocol()).isEmpty();
    socket.abort();
  }

  private WebSocket offering(String query, String first, String... more) {
    return http.newWebSocketBuilder()
        .subprotocols(first, more)
        .buildAsync(
            URI.create("ws://127.0.0.1:" + port + "/test" + query), new WebSocket.Listener() {})
        .join();
  }

  private static APIGatewayV2WebSocketResponse status(int code) {
    APIGatewayV2WebSocketResponse r = new APIGatewayV2WebSocketResponse();
    r.setStatusCode(code);
    return r;
  }

  private static final class Client implements WebSocket.Listener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      closed.complete(status);
      return null;
    }
  }
}
