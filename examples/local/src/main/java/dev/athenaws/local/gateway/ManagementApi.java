package dev.athenaws.local.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.local.faults.Faults;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway's management API for the gateway's connections, at {@code /{stage}/@connections/{id}}
 * (the id URL-encoded): {@code POST} sends the body to that client as one text message and answers
 * 200 once it is written; {@code GET} answers the connection's info; {@code DELETE} disconnects it
 * (204). Unknown or closed ids get 410 {@code GoneException}; a body over 128 KiB 413 {@code
 * PayloadTooLargeException}; a POST picked by the throttle 429 {@code LimitExceededException}; a
 * POST that the injected {@link Faults} fail 500 {@code InternalServerErrorException} (not sent). A
 * client that does not read a message within the send timeout is disconnected (then 410).
 *
 * <p>Thread-safety: thread-safe.
 */
final class ManagementApi extends Handler.Abstract {
  /** API Gateway's WebSocket message payload limit. */
  static final int MAX_PAYLOAD = 128 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(ManagementApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String prefix;
  private final ConnectionRegistry connections;
  private final Faults faults;
  private final Duration sendTimeout;

  ManagementApi(String stage, ConnectionRegistry connections, Faults faults, Duration sendTimeout) {
    this.prefix = "/" + stage + "/@connections/";
    this.connections = connections;
    this.faults = faults;
    this.sendTimeout = sendTimeout;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws IOException {
    // The raw path: an id may hold '/' (sent as %2F), which a decoded path would split.
    String path = request.getHttpURI().getPath();
    if (path == null || !path.startsWith(prefix)) {
      return false;
    }
    String id = percentDecode(path.substring(prefix.length()));
    Optional<Connection> connection = connections.find(id).filter(Connection::isOpen);
    LOG.debug(
        "{} @connections/{} ({})",
        request.getMethod(),
        id,
        connection.isPresent() ? "open" : "unknown or closed");
    switch (request.getMethod()) {
      case "POST" -> post(request, response, callback, id, connection);
      case "GET" -> {
        if (connection.isEmpty()) {
          gone(response, callback);
        } else {
          HttpReplies.json(response, callback, 200, info(connection.get()));
        }
      }
      case "DELETE" -> {
        if (connection.isEmpty()) {
          gone(response, callback);
        } else {
          connection.get().close();
          HttpReplies.empty(response, callback, 204);
        }
      }
      default ->
          HttpReplies.error(
              response, callback, 403, "ForbiddenException", "Missing Authentication Token");
    }
    return true;
  }

  private void post(
      Request request,
      Response response,
      Callback callback,
      String id,
      Optional<Connection> connection)
      throws IOException {
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = in.readNBytes(MAX_PAYLOAD + 1);
    }
    pause(faults.postLatencyMs());
    if (body.length > MAX_PAYLOAD) {
      HttpReplies.error(
          response, callback, 413, "PayloadTooLargeException", "Request entity too large");
      return;
    }
    if (faults.throttlePost()) {
      HttpReplies.error(response, callback, 429, "LimitExceededException", "Rate exceeded");
      return;
    }
    if (faults.failPost()) {
      HttpReplies.error(
          response, callback, 500, "InternalServerErrorException", "Internal server error");
      return;
    }
    if (connection.isEmpty()) {
      gone(response, callback);
      return;
    }
    if (!connection.get().send(new String(body, StandardCharsets.UTF_8), sendTimeout)) {
      LOG.info("connection {} could not be written to; it is gone", id);
      gone(response, callback);
      return;
    }
    HttpReplies.empty(response, callback, 200);
  }

  private static void gone(Response response, Callback callback) {
    HttpReplies.error(response, callback, 410, "GoneException", null);
  }

  private static String info(Connection c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("ConnectedAt", c.connectedAt().toString());
    n.putObject("Identity").put("SourceIp", c.sourceIp()).put("UserAgent", c.userAgent());
    n.put("LastActiveAt", c.lastActiveAt().toString());
    return n.toString();
  }

  /** Decodes %XX escapes (UTF-8); unlike URLDecoder, a '+' stays a '+'. */
  static String percentDecode(String s) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%'
          && i + 2 < s.length()
          && Character.digit(s.charAt(i + 1), 16) >= 0
          && Character.digit(s.charAt(i + 2), 16) >= 0) {
        out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void pause(int ms) {
    if (ms > 0) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
