package dev.athenaws.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A Jetty WebSocket client that sends every message (or every part of one) as one frame, as
 * browsers and node's {@code ws} do, and that may offer {@code permessage-deflate} as they do by
 * default.
 */
final class JettyClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocketClient client = new WebSocketClient();
  private final Session session;

  private JettyClient(URI uri, boolean compress) throws Exception {
    // One frame per send of up to 16 MiB (and no limit on what the client itself accepts). Jetty
    // splits a deflated send at 8 KiB of compressed bytes; the tests' messages deflate to far less.
    client.setAutoFragment(true);
    client.setMaxFrameSize(1 << 24);
    client.setMaxTextMessageSize(1 << 24);
    client.start();
    ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
    if (compress) {
      // What browsers and node's ws offer.
      request.addExtensions("permessage-deflate; client_max_window_bits");
    }
    session = client.connect(new Listener(), request).get(10, TimeUnit.SECONDS);
  }

  static JettyClient connect(URI uri, boolean compress) throws Exception {
    return new JettyClient(uri, compress);
  }

  /**
   * @return the extensions the server accepted in its handshake answer
   */
  List<String> negotiatedExtensions() {
    return session.getUpgradeResponse().getExtensions().stream().map(e -> e.getName()).toList();
  }

  /**
   * @return the handshake answer's Sec-WebSocket-Extensions header, or ""
   */
  String extensionsHeader() {
    String h = session.getUpgradeResponse().getHeader("Sec-WebSocket-Extensions");
    return h == null ? "" : h;
  }

  /**
   * Sends a message in the given number of frames (parts of about equal length); stops when the
   * server closes the connection part-way (its close status is then the answer).
   */
  void send(String text, int frames) throws Exception {
    int step = (text.length() + frames - 1) / frames;
    for (int from = 0; from < text.length() && session.isOpen(); from += step) {
      int to = Math.min(text.length(), from + step);
      Callback.Completable done = new Callback.Completable();
      session.sendPartialText(text.substring(from, to), to == text.length(), done);
      try {
        done.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof ClosedChannelException)) {
          throw e;
        }
      }
    }
  }

  /**
   * @return what the server answered a message: the error code of its next message, or the status
   *     of its close, as {@code "close <status>"}
   */
  String answer(Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      String m = messages.poll(50, TimeUnit.MILLISECONDS);
      if (m != null) {
        JsonNode n = JSON.readTree(m);
        return n.path("type").asText() + " " + n.path("code").asText();
      }
      if (closed.isDone()) {
        return "close " + closed.get();
      }
    }
    throw new AssertionError("no answer within " + timeout);
  }

  /**
   * @return the next message of a type, skipping others
   */
  JsonNode expect(String type, Duration timeout) {
    try {
      long end = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < end) {
        String m = messages.poll(50, TimeUnit.MILLISECONDS);
        if (m != null) {
          JsonNode n = JSON.readTree(m);
          if (type.equals(n.path("type").asText())) {
            return n;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("no " + type + " within " + timeout);
  }

  @Override
  public void close() {
    session.close();
    try {
      client.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the client did not stop", e);
    }
  }

  /** Public: Jetty requires listener classes to be. */
  public final class Listener implements Session.Listener.AutoDemanding {
    @Override
    public void onWebSocketText(String message) {
      messages.add(message);
    }

    @Override
    public void onWebSocketClose(int status, String reason, Callback callback) {
      closed.complete(status);
      callback.succeed();
    }

    /** A send after the server closed: the test reads the close status instead. */
    @Override
    public void onWebSocketError(Throwable cause) {
      if (!(cause instanceof ClosedChannelException)) {
        closed.completeExceptionally(cause);
      }
    }
  }
}
