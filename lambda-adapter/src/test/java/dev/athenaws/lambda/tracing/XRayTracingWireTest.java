package dev.athenaws.lambda.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.testing.FakeAthena;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * {@link XRayTracing#interceptor} as Lambda wires it, against a UDP socket standing in for the
 * X-Ray daemon: a real SDK call to the in-process Athena fake, and what arrives on the wire.
 */
class XRayTracingWireTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
  private static final String SAMPLED = "Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1";
  private static final String MARKER = "marker";

  private final FakeAthena athena = FakeAthena.start(Clock.systemUTC());
  private final DatagramSocket daemon = daemon();

  @AfterEach
  void close() {
    daemon.close();
    athena.close();
    System.clearProperty(XRayTracing.TRACE_HEADER_PROPERTY);
  }

  private static DatagramSocket daemon() {
    try {
      DatagramSocket socket =
          new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      socket.setSoTimeout(10_000); // a bound on a lost datagram, not a wait: sends arrive at once
      return socket;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String address() {
    return "127.0.0.1:" + daemon.getLocalPort();
  }

  private void callAthena(ExecutionInterceptor tracing) {
    try (AthenaClient client =
        new TracedClients(tracing).build(AthenaClient.builder(), athena.endpoint())) {
      client.startQueryExecution(r -> r.queryString("SELECT 1"));
    }
  }

  private String receive() throws IOException {
    DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
    daemon.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
  }

  /** Sends a datagram of our own: what arrives before it was sent before it. */
  private void sendMarker() throws IOException {
    try (DatagramSocket s = new DatagramSocket()) {
      byte[] b = MARKER.getBytes(StandardCharsets.UTF_8);
      s.send(new DatagramPacket(b, b.length, daemon.getLocalSocketAddress()));
    }
  }

  @Test
  void sampledCallArrivesAsHeaderLineAndSubsegmentDocument() throws IOException {
    callAthena(
        XRayTracing.interceptor(
            Map.of(
                XRayTracing.DAEMON_ADDRESS_VARIABLE,
                address(),
                XRayTracing.TRACE_HEADER_VARIABLE,
                SAMPLED)));

    String datagram = receive();
    int newline = datagram.indexOf('\n');
    assertThat(datagram.substring(0, newline)).isEqualTo("{\"format\": \"json\", \"version\": 1}");
    JsonNode doc = JSON.readTree(datagram.substring(newline + 1));
    assertThat(doc.get("type").asText()).isEqualTo("subsegment");
    assertThat(doc.get("trace_id").asText()).isEqualTo(ROOT);
    assertThat(doc.get("parent_id").asText()).isEqualTo("53995c3f42cd8ad8");
    assertThat(doc.get("id").asText()).matches("[0-9a-f]{16}");
    assertThat(doc.get("aws").get("operation").asText()).isEqualTo("StartQueryExecution");
    assertThat(doc.get("end_time").asDouble())
        .isGreaterThanOrEqualTo(doc.get("start_time").asDouble());
  }

  @Test
  void theRuntimesSystemPropertyComesFirstAndTheDaemonsUdpAddressIsUsed() throws IOException {
    System.setProperty(XRayTracing.TRACE_HEADER_PROPERTY, SAMPLED);
    callAthena(
        XRayTracing.interceptor(
            Map.of(
                XRayTracing.DAEMON_ADDRESS_VARIABLE,
                "tcp:127.0.0.1:1 udp:" + address(),
                XRayTracing.TRACE_HEADER_VARIABLE,
                "Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=0")));

    assertThat(receive()).contains("\"trace_id\":\"" + ROOT + "\"");
  }

  @Test
  void unsampledOrAbsentHeaderSendsNothing() throws IOException {
    callAthena(
        XRayTracing.interceptor(
            Map.of(
                XRayTracing.DAEMON_ADDRESS_VARIABLE,
                address(),
                XRayTracing.TRACE_HEADER_VARIABLE,
                "Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=0")));
    callAthena(XRayTracing.interceptor(Map.of(XRayTracing.DAEMON_ADDRESS_VARIABLE, address())));
    sendMarker();

    assertThat(receive()).isEqualTo(MARKER);
  }

  @Test
  void daemonAddressForms() {
    assertThat(UdpSender.address("169.254.79.129:2000"))
        .isEqualTo(new InetSocketAddress("169.254.79.129", 2000));
    assertThat(UdpSender.address("udp:127.0.0.2:2001 tcp:127.0.0.1:2000"))
        .isEqualTo(new InetSocketAddress("127.0.0.2", 2001));
    for (String bad :
        new String[] {
          "localhost",
          "127.0.0.1:x",
          "127.0.0.1:0",
          "a:1 b:2",
          "tcp:127.0.0.1:1 tcp:127.0.0.1:2",
          "1:2:3"
        }) {
      assertThatThrownBy(() -> UdpSender.address(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    // Unset or malformed: the X-Ray SDK's default, and the function keeps working.
    assertThat(XRayTracing.daemon(null)).isEqualTo(new InetSocketAddress("127.0.0.1", 2000));
    assertThat(XRayTracing.daemon("nonsense")).isEqualTo(new InetSocketAddress("127.0.0.1", 2000));
  }

  @Test
  void aDocumentTooLargeForOneDatagramIsRefused() {
    UdpSender sender = new UdpSender(new InetSocketAddress("127.0.0.1", daemon.getLocalPort()));
    try (sender) {
      assertThatThrownBy(() -> sender.send("x".repeat(UdpSender.MAX_DATAGRAM_BYTES)))
          .isInstanceOf(IOException.class);
    }
  }
}
