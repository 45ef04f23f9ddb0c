package dev.athenaws.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The idle timeout and maximum connection duration on a real server, with short limits. Traffic is
 * sent every 100 ms against idle timeouts of 1.5 s, so a loaded machine has a wide margin.
 */
class GatewayLimitsTest {
  private static final Duration TICK = Duration.ofMillis(100);
  private static final Duration LONG = Duration.ofHours(1);

  private final BlockingQueue<APIGatewayV2WebSocketEvent> events = new LinkedBlockingQueue<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private Server server;
  private Gateway gateway;
  private int port;

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    server.stop();
  }

  @Test
  void anIdleConnectionIsClosedWith1001GetsDisconnectAndIsGoneAfterwards() throws Exception {
    start(new ConnectionLimits(Duration.ofMillis(300), LONG));
    long started = System.nanoTime();
    Client c = connect();
    String id = connectedId();

    Closed closed = c.closed.get(10, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(ms(300));
    assertThat(closed).isEqualTo(new Closed(1001, "Going away"));
    assertDisconnected(id);
  }

  @Test
  void clientMessagesKeepTheConnectionOpenPastTheIdleTimeout() throws Exception {
    start(new ConnectionLimits(ms(1500), LONG));
    Client c = connect();
    connectedId();

    long end = System.nanoTime() + ms(3500).toNanos(); // over two idle timeouts
    while (System.nanoTime() < end) {
      c.socket.sendText("{\"n\":1}", true).join();
      Thread.sleep(TICK.toMillis());
    }
    assertThat(c.closed).isNotDone();
    assertThat(gateway.openConnections()).isOne();

    assertThat(c.closed.get(10, TimeUnit.SECONDS).code()).isEqualTo(1001); // quiet now
  }

  @Test
  void messagesPostedToTheClientKeepTheConnectionOpenToo() throws Exception {
    start(new ConnectionLimits(ms(1500), LONG));
    Client c = connect();
    String id = connectedId();

    long end = System.nanoTime() + ms(3500).toNanos();
    while (System.nanoTime() < end) {
      assertThat(post(id).statusCode()).isEqualTo(200);
      Thread.sleep(TICK.toMillis());
    }
    assertThat(c.closed).isNotDone();
    assertThat(c.messages).isNotEmpty();
  }

  @Test
  void pingFramesDoNotKeepAConnectionOpen() throws Exception {
    start(new ConnectionLimits(ms(500), LONG));
    Client c = connect();
    String id = connectedId();

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!c.closed.isDone() && System.nanoTime() < deadline) {
      c.socket.sendPing(ByteBuffer.wrap(new byte[] {1}));
      Thread.sleep(TICK.toMillis());
    }
    assertThat(c.closed.get(1, TimeUnit.SECONDS)).isEqualTo(new Closed(1001, "Going away"));
    assertThat(c.pongs).isNotEmpty(); // the pings were answered, just not counted
    assertDisconnected(id);
  }

  @Test
  void theMaximumDurationClosesAConnectionThatKeepsSending() throws Exception {
    start(new ConnectionLimits(ms(1500), ms(1000)));
    long started = System.nanoTime();
    Client c = connect();
    String id = connectedId();

    long deadline = started + Duration.ofSeconds(10).toNanos();
    while (!c.closed.isDone() && System.nanoTime() < deadline) {
      c.socket.sendText("{\"n\":1}", true);
      Thread.sleep(TICK.toMillis());
    }
    assertThat(c.closed.get(1, TimeUnit.SECONDS)).isEqualTo(new Closed(1001, "Going away"));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(ms(1000));
    assertDisconnected(id);
  }

  private void assertDisconnected(String id) throws Exception {
    APIGatewayV2WebSocketEvent e;
    do {
      e = events.poll(10, TimeUnit.SECONDS);
      assertThat(e).as("a $disconnect event for " + id).isNotNull();
    } while (!"$disconnect".equals(e.getRequestContext().getRouteKey()));
    assertThat(e.getRequestContext().getConnectionId()).isEqualTo(id);
    HttpResponse<String> gone = post(id);
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(gone.headers().firstValue("x-amzn-ErrorType")).hasValue("GoneException");
    assertThat(gateway.openConnections()).isZero();
  }

  private void start(ConnectionLimits limits) throws Exception {
    Gateway.RouteHandler record =
        (e, r) -> {
          events.add(e);
          return null;
        };
    gateway =
        new Gateway(
            new Gateway.Settings(
                "test", "localhost", Duration.ofSeconds(29), Duration.ofSeconds(5), limits),
            new Gateway.Routes(record, record, Map.of("$default", record)),
            Clock.systemUTC());
    GatewayServer running = GatewayServer.start(gateway);
    server = running.server();
    port = running.port();
  }

  private String connectedId() throws InterruptedException {
    APIGatewayV2WebSocketEvent e = events.poll(5, TimeUnit.SECONDS);
    assertThat(e.getRequestContext().getRouteKey()).isEqualTo("$connect");
    return e.getRequestContext().getConnectionId();
  }

  private HttpResponse<String> post(String id) throws Exception {
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + port
                + "/test/@connections/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Client connect() {
    Client client = new Client();
    client.socket =
        http.newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/test"), client)
            .join();
    return client;
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  private record Closed(int code, String reason) {}

  private static final class Client implements WebSocket.Listener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    final CompletableFuture<Closed> closed = new CompletableFuture<>();
    WebSocket socket;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      messages.add(data.toString());
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
      pongs.add(message);
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      closed.complete(new Closed(status, reason));
      return null;
    }
  }
}
