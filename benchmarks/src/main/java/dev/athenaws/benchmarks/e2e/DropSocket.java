package dev.athenaws.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The drop benchmark's WebSocket client (the JDK's): queues every message it receives, parsed, and
 * can drop its connection the way a lost network does: {@link #drop()} closes the TCP connection
 * with no close frame ({@link WebSocket#abort()}), so the server learns of it only when it next
 * posts.
 *
 * <p>Thread-safety: one reader thread; the listener runs on the HTTP client's threads.
 */
final class DropSocket implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
  private final WebSocket socket;

  private DropSocket(URI uri) {
    this.socket =
        HTTP.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(uri, new Listener())
            .join();
  }

  static DropSocket connect(URI uri) {
    return new DropSocket(uri);
  }

  void send(String message) {
    socket.sendText(message, true).join();
  }

  /**
   * @return the next message
   * @throws IllegalStateException when none arrives within {@code timeout}
   */
  JsonNode next(Duration timeout) throws InterruptedException {
    JsonNode m = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (m == null) {
      throw new IllegalStateException("no message within " + timeout);
    }
    return m;
  }

  /**
   * @return the next message of {@code type}; the ones before it are skipped
   */
  JsonNode expect(String type, Duration timeout) throws InterruptedException {
    while (true) {
      JsonNode m = next(timeout);
      if (m.path("type").asText().equals(type)) {
        return m;
      }
      if (m.path("type").asText().equals("error")) {
        throw new IllegalStateException("expected " + type + ", got " + m);
      }
    }
  }

  /** Drops the connection: the TCP connection closes, no close frame is sent. */
  void drop() {
    socket.abort();
  }

  @Override
  public void close() {
    socket.abort();
  }

  /** Queues each whole text message; the defaults request the next one. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        received.add(parse(text.toString()));
        text.setLength(0);
      }
      return WebSocket.Listener.super.onText(ws, data, last);
    }
  }

  private static JsonNode parse(String message) {
    try {
      return JSON.readTree(message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
