package dev.athenaws.local.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A client that sends one message and then never reads (a stalled browser tab, a dead network
 * path): its socket's receive buffer is a few KiB, so the server's writes block once the kernel's
 * buffers are full.
 */
final class StalledClient implements AutoCloseable {
  private final Socket socket;

  private StalledClient(Socket socket) {
    this.socket = socket;
  }

  /** Connects with a small receive window, completes the handshake and sends {@code text}. */
  static StalledClient connectAndSend(URI ws, String text) throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096); // before connect: fixes the advertised window
    s.connect(new InetSocketAddress(ws.getHost(), ws.getPort()), 10_000);
    OutputStream out = s.getOutputStream();
    String key =
        Base64.getEncoder().encodeToString("athena-ws-stalled".getBytes(StandardCharsets.UTF_8));
    out.write(
        ("GET "
                + ws.getPath()
                + " HTTP/1.1\r\nHost: "
                + ws.getHost()
                + ":"
                + ws.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    InputStream in = s.getInputStream();
    int state = 0;
    while (state < 4) { // the handshake answer, then nothing more is read
      int c = in.read();
      if (c < 0) {
        throw new IOException("handshake ended early");
      }
      state =
          (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
              ? state + 1
              : 0;
    }
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    if (payload.length >= 126) {
      throw new IllegalArgumentException("keep the message under 126 bytes");
    }
    out.write(0x81);
    out.write(0x80 | payload.length);
    byte[] mask = {5, 6, 7, 8};
    out.write(mask);
    for (int i = 0; i < payload.length; i++) {
      out.write(payload[i] ^ mask[i % 4]);
    }
    out.flush();
    return new StalledClient(s);
  }

  /**
   * Reads (and drops) everything the server had buffered, until it closes the connection.
   *
   * @return true when the server closed or reset it before {@code timeoutMillis} passed
   */
  boolean closedByServerWithin(int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    byte[] buf = new byte[64 * 1024];
    long end = System.nanoTime() + timeoutMillis * 1_000_000L;
    try {
      while (System.nanoTime() < end) {
        if (socket.getInputStream().read(buf) < 0) {
          return true;
        }
      }
      return false;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (java.net.SocketException e) {
      return true; // reset by the server
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
