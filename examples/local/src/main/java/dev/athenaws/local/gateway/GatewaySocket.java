package dev.athenaws.local.gateway;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
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
    connection = new Connection(identity, session, gateway.clock());
    gateway.opened(connection);
  }

  @Override
  public void onWebSocketText(String message) {
    gateway.received(connection, message);
  }

  /** As API Gateway: binary frames are not supported; the client is disconnected with 1003. */
  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    callback.succeed();
    LOG.info("connection {} sent a binary frame: closing with 1003", identity.id());
    connection.close(StatusCode.BAD_DATA, "Binary frames are not supported");
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
    } else if (isPeerGone(cause)) {
      // The client closed its socket without a close frame (a tab closed, a network lost): a normal
      // disconnect, found when a write or read fails (Jetty's EofException "Broken pipe", a reset).
      LOG.info("connection {} disconnected by the client", identity.id());
    } else {
      LOG.info(
          "connection {} closed on an error: {}", identity.id(), cause.getClass().getSimpleName());
    }
  }

  /**
   * @return whether the error is the transport ending under the socket, not a protocol error
   */
  static boolean isPeerGone(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
