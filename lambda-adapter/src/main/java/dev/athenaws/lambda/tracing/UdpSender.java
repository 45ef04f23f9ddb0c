package dev.athenaws.lambda.tracing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Sends segment documents to the X-Ray daemon: one UDP datagram each, the daemon header line {@code
 * {"format": "json", "version": 1}} then the document (X-Ray Developer Guide, "Sending trace data
 * to AWS X-Ray", "Sending segment documents to the X-Ray daemon"; the aws-xray-daemon README,
 * "Sending Segment Documents"; the X-Ray SDK for Java's {@code UDPEmitter} does the same). A
 * document is at most 64 kB ("AWS X-Ray segment documents"); as the SDK's emitter, a datagram over
 * 63 KiB is not sent. The socket is opened on the first send, so a function that is never sampled
 * opens none.
 *
 * <p>Thread-safety: thread-safe ({@link DatagramSocket#send} is).
 */
final class UdpSender implements SegmentSender, AutoCloseable {
  static final String HEADER = "{\"format\": \"json\", \"version\": 1}\n";

  /** The X-Ray SDK for Java's {@code UDPEmitter.UDP_PACKET_LIMIT}. */
  static final int MAX_DATAGRAM_BYTES = 63 * 1024;

  /** Where the daemon listens when {@code AWS_XRAY_DAEMON_ADDRESS} is unset, as the X-Ray SDKs. */
  static final String DEFAULT_ADDRESS = "127.0.0.1:2000";

  private final InetSocketAddress daemon;
  private DatagramSocket socket;

  UdpSender(InetSocketAddress daemon) {
    this.daemon = daemon;
  }

  InetSocketAddress daemon() {
    return daemon;
  }

  @Override
  public void send(String document) throws IOException {
    byte[] bytes = (HEADER + document).getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_DATAGRAM_BYTES) {
      throw new IOException("segment document of " + bytes.length + " bytes is over the UDP limit");
    }
    socket().send(new DatagramPacket(bytes, bytes.length, daemon));
  }

  private synchronized DatagramSocket socket() throws IOException {
    if (socket == null) {
      socket = new DatagramSocket();
    }
    return socket;
  }

  @Override
  public synchronized void close() {
    if (socket != null) {
      socket.close();
    }
  }

  /**
   * Reads the daemon address as the X-Ray SDK for Java's {@code DaemonConfiguration} does: {@code
   * host:port}, or {@code tcp:host:port udp:host:port} in either order (the UDP one is used).
   * Lambda sets {@code AWS_XRAY_DAEMON_ADDRESS} to {@code host:port} (Lambda Developer Guide,
   * "Defined runtime environment variables").
   *
   * @param value the variable's value
   * @return the UDP address
   * @throws IllegalArgumentException when the value is not of either form
   */
  static InetSocketAddress address(String value) {
    String[] parts = value.strip().split("\\s+");
    String udp;
    if (parts.length == 1) {
      udp = parts[0];
    } else if (parts.length == 2) {
      udp = null;
      for (String part : parts) {
        if (part.startsWith("udp:")) {
          udp = part.substring("udp:".length());
        } else if (!part.startsWith("tcp:")) {
          udp = null;
          break;
        }
      }
      if (udp == null) {
        throw new IllegalArgumentException("expected tcp:host:port udp:host:port");
      }
    } else {
      throw new IllegalArgumentException("expected host:port or tcp:host:port udp:host:port");
    }
    int colon = udp.lastIndexOf(':');
    if (colon <= 0 || udp.indexOf(':') != colon) {
      throw new IllegalArgumentException("expected host:port");
    }
    int port;
    try {
      port = Integer.parseInt(udp.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port is not a number");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port is out of range");
    }
    return new InetSocketAddress(udp.substring(0, colon), port);
  }
}
