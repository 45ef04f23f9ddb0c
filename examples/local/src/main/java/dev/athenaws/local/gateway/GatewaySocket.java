package dev.athenaws.local.gateway;

import java.nio.ByteBuffer;
import java.util.Base64;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one client's WebSocket: registers the connection when it opens, hands every
 * message to the route invoker (never runs a handler on the socket's I/O thread), and runs {@code
 * $disconnect} when it closes.
 *
 * <p>Public only because Jetty requires listener classes to be; not an API.
 *
 * <p>Thread-safety: Jetty calls one method at a time per socket.
 */
public final class GatewaySocket implements Session.Listener.AutoDemanding {
  private static final Logger LOG = LoggerFactory.getLogger(GatewaySocket.class);
  private final Gateway gateway;
  private final Connection.Identity identity;
  private Connection connection;

  GatewaySocket(Gateway gateway, Connection.Identity identity) {
    this.gateway = gateway;
    this.identity = identity;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    connection = new Connection(identity, session);
    gateway.opened(connection);
  }

  @Override
  public void onWebSocketText(String message) {
    gateway.received(connection, message, false);
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    callback.succeed();
    gateway.received(connection, Base64.getEncoder().encodeToString(bytes), true);
  }

  @Override
  public void onWebSocketClose(int status, String reason) {
    if (connection != null) {
      gateway.closed(connection, status);
    }
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    // Expected client behaviour (an abrupt close, an oversized message): a line, not a stack trace.
    if (cause instanceof MessageTooLargeException) {
      LOG.info("connection {} closed: message over the size limit", identity.id());
    } else {
      LOG.info("connection {} error: {}", identity.id(), cause.toString());
    }
  }
}
