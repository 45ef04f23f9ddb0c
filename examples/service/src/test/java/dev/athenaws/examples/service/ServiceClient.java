package dev.athenaws.examples.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * A real WebSocket client of the service for the tests: Spring's {@link StandardWebSocketClient}
 * (over Tomcat's JSR-356 client) that queues every message it receives, parsed.
 */
final class ServiceClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The end of a request: nothing follows these for it. */
  private static final Set<String> FINAL = Set.of("complete", "error", "catalog");

  private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
  private final WebSocketSession session;

  private ServiceClient(URI uri) throws Exception {
    WebSocketContainer container = ContainerProvider.getWebSocketContainer();
    // The service sends rows messages of up to 96 KiB; the client's default buffer is 8 KiB.
    container.setDefaultMaxTextMessageBufferSize(256 * 1024);
    TextWebSocketHandler handler =
        new TextWebSocketHandler() {
          @Override
          protected void handleTextMessage(WebSocketSession s, TextMessage message)
              throws Exception {
            received.add(JSON.readTree(message.getPayload()));
          }
        };
    session =
        new StandardWebSocketClient(container)
            .execute(handler, uri.toString())
            .get(10, TimeUnit.SECONDS);
  }

  static ServiceClient connect(URI uri) throws Exception {
    return new ServiceClient(uri);
  }

  void send(String text) throws Exception {
    session.sendMessage(new TextMessage(text));
  }

  boolean isOpen() {
    return session.isOpen();
  }

  /** The next message. */
  JsonNode next(Duration wait) throws InterruptedException {
    JsonNode m = received.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    if (m == null) {
      throw new AssertionError("no message within " + wait);
    }
    return m;
  }

  /** The messages up to and including the next complete, error or catalog message. */
  List<JsonNode> untilDone(Duration wait) throws InterruptedException {
    List<JsonNode> messages = new ArrayList<>();
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      JsonNode m = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (m == null) {
        throw new AssertionError("no final message within " + wait + "; got " + messages);
      }
      messages.add(m);
      if (FINAL.contains(m.path("type").asText())) {
        return messages;
      }
    }
  }

  @Override
  public void close() throws Exception {
    session.close(CloseStatus.NORMAL);
  }
}
