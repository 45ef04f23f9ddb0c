package dev.athenaws.local.gateway;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;

/**
 * The gateway's answer to a client that offers {@code permessage-deflate} (RFC 7692; browsers and
 * node's {@code ws} offer it by default).
 *
 * <p>API Gateway WebSocket APIs accept the offer: a client offering {@code permessage-deflate;
 * server_max_window_bits=12; client_max_window_bits=12} got {@code sec-websocket-extensions:
 * permessage-deflate;server_max_window_bits=12} in the handshake answer
 * (github.com/python-websockets/websockets/issues/1065, and that project's
 * docs/topics/compression.rst on API Gateway). So the gateway accepts it too (Jetty's extension, on
 * by default).
 *
 * <p>AWS documents its 32 KB frame and 128 KB message quotas without saying whether compressed or
 * inflated bytes count. The gateway counts the inflated ones, the message as the client sent it, so
 * that a client gets the same answer whether it compresses or not (and the 128 KB is what the route
 * handler receives). Jetty's extension inflates each frame into a buffer of {@code
 * min(maxFrameSize, @inflate_buffer_size)} bytes, 8 KiB by default, and without auto-fragmentation
 * closes with 1009 when a frame inflates to more: a compressed message of about 10 KB was refused.
 * Raising the buffer to the frame limit makes the frame limit apply to the inflated frame (one
 * difference remains: a frame that inflates to exactly 32 KiB is refused, as Jetty needs one byte
 * of room to see the end). The same goes for outgoing frames: each frame of at most 32 KiB that
 * {@link Connection#send} writes is deflated into a buffer of {@code @deflate_buffer_size}.
 *
 * <p>Thread-safety: stateless.
 */
final class Compression {
  static final String PERMESSAGE_DEFLATE = "permessage-deflate";

  private Compression() {}

  /** Sizes Jetty's deflate buffers to the frame limit when the client's offer was accepted. */
  static void configure(ServerUpgradeResponse response) {
    List<ExtensionConfig> extensions = new ArrayList<>();
    for (ExtensionConfig e : response.getExtensions()) {
      if (PERMESSAGE_DEFLATE.equals(e.getName())) {
        // Parameters starting with @ are Jetty's own: they are not sent to the client.
        e.setParameter("@inflate_buffer_size", Gateway.MAX_FRAME);
        e.setParameter("@deflate_buffer_size", Gateway.MAX_FRAME);
      }
      extensions.add(e);
    }
    response.setExtensions(extensions);
  }
}
