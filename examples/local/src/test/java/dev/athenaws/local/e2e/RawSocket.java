package dev.athenaws.local.e2e;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A bare WebSocket client that sends a text message as one frame of any size, as browsers do (the
 * JDK client splits large messages into frames of its own), and reads the server's close code.
 */
final class RawSocket {
  private RawSocket() {}

  /**
   * @return the status code of the server's close frame, or -1 if the server sent none
   */
  static int sendOneFrameAndReadClose(URI ws, String text) throws IOException {
    try (Socket s = new Socket(ws.getHost(), ws.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      String key =
          Base64.getEncoder().encodeToString("athena-ws-e2e-key".getBytes(StandardCharsets.UTF_8));
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
      skipHeaders(in);
      byte[] payload = text.getBytes(StandardCharsets.UTF_8);
      out.write(0x81); // FIN + text
      if (payload.length < 126) {
        out.write(0x80 | payload.length);
      } else if (payload.length < 65536) {
        out.write(0x80 | 126);
        out.write(payload.length >>> 8);
        out.write(payload.length & 0xff);
      } else {
        out.write(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
          out.write((int) ((long) payload.length >>> shift) & 0xff);
        }
      }
      byte[] mask = {1, 2, 3, 4};
      out.write(mask);
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
      out.write(payload);
      out.flush();
      DataInputStream frames = new DataInputStream(in);
      while (true) {
        int opcode = frames.readUnsignedByte() & 0x0f;
        int len = frames.readUnsignedByte() & 0x7f;
        long length =
            len == 126 ? frames.readUnsignedShort() : len == 127 ? frames.readLong() : len;
        byte[] body = new byte[(int) length];
        frames.readFully(body);
        if (opcode == 0x8) {
          return body.length >= 2 ? ((body[0] & 0xff) << 8) | (body[1] & 0xff) : -1;
        }
      }
    }
  }

  private static void skipHeaders(InputStream in) throws IOException {
    int state = 0;
    while (state < 4) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("handshake ended early");
      }
      state =
          (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
              ? state + 1
              : 0;
    }
  }
}
