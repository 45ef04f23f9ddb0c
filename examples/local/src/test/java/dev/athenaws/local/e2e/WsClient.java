package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client for end-to-end tests (the JDK's {@link WebSocket}): records every message
 * it receives, in order, and waits for the ones a test expects.
 */
final class WsClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
  final List<JsonNode> received = new ArrayList<>();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private WsClient(URI uri, List<String> subprotocols) {
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (!subprotocols.isEmpty()) {
      builder.subprotocols(
          subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(new String[0]));
    }
    this.socket = builder.buildAsync(uri, new Listener()).join();
  }

  static WsClient connect(URI uri) {
    return new WsClient(uri, List.of());
  }

  /** Connects offering {@code subprotocols} in {@code Sec-WebSocket-Protocol}, in this order. */
  static WsClient connect(URI uri, String... subprotocols) {
    return new WsClient(uri, List.of(subprotocols));
  }

  /**
   * @return the subprotocol the server selected, empty for none
   */
  String subprotocol() {
    return socket.getSubprotocol();
  }

  /**
   * Sends a message the server may refuse by closing the connection part-way.
   *
   * @return false when the server closed the connection before the whole message was sent
   */
  boolean sendUnlessClosed(String text) {
    try {
      send(text);
      return true;
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof IOException) { // the server dropped the connection
        return false;
      }
      throw e;
    }
  }

  /** Sends one text message in frames of at most 32 KiB, as API Gateway requires of clients. */
  void send(String text) {
    int from = 0;
    do {
      int to = Math.min(text.length(), from + 8 * 1024); // 8 Ki chars: at most 32 KiB of UTF-8
      if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
        to--;
      }
      socket.sendText(text.substring(from, to), to == text.length()).join();
      from = to;
    } while (from < text.length());
  }

  void sendBinary(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  /**
   * @return the next message, failing the test after the timeout
   */
  JsonNode next(Duration timeout) {
    try {
      JsonNode m = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(m).as("a message within " + timeout + "; had " + received.size()).isNotNull();
      received.add(m);
      return m;
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @return the next message of a type, failing on any other message first
   */
  JsonNode expect(String type, Duration timeout) {
    JsonNode m = next(timeout);
    assertThat(m.path("type").asText()).as("message " + m).isEqualTo(type);
    return m;
  }

  /**
   * @return the first {@code rows} message, after any {@code progress} messages
   */
  JsonNode firstRows(Duration timeout) {
    JsonNode m = next(timeout);
    while (m.path("type").asText().equals("progress")) {
      m = next(timeout);
    }
    assertThat(m.path("type").asText()).as("message " + m).isEqualTo("rows");
    return m;
  }

  /**
   * @return every message up to and including the first that matches {@code last}
   */
  List<JsonNode> until(Predicate<JsonNode> last, Duration timeout) {
    List<JsonNode> out = new ArrayList<>();
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode m = next(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
      out.add(m);
      if (last.test(m)) {
        return out;
      }
    }
  }

  /**
   * @return the messages of one query: everything up to its complete or error
   */
  List<JsonNode> untilDone(Duration timeout) {
    return until(
        m -> m.path("type").asText().equals("complete") || m.path("type").asText().equals("error"),
        timeout);
  }

  /**
   * @return whether no message arrives within {@code quiet}
   */
  boolean silentFor(Duration quiet) throws InterruptedException {
    JsonNode m = inbox.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
    if (m != null) {
      received.add(m);
    }
    return m == null;
  }

  /**
   * Loses the connection as a network failure does: the TCP connection is closed with no close
   * frame (the JDK client's abort).
   */
  void drop() {
    socket.abort();
  }

  boolean isOpen() {
    return !socket.isInputClosed() && !closed.isDone();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          inbox.add(JSON.readTree(text.toString()));
        } catch (IOException e) {
          throw new UncheckedIOException("server sent non-JSON: " + text, e);
        }
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      closed.complete(status);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.complete(-1);
    }
  }
}
