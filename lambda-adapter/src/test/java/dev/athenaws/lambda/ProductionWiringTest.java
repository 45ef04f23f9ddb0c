package dev.athenaws.lambda;

import static dev.athenaws.lambda.Harness.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeManagementApi;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wiring Lambda uses ({@link Wiring#fromEnvironment}) finds its endpoints the SDK's standard
 * way: {@code AWS_ENDPOINT_URL_ATHENA} in a deployment, here its system-property twin {@code
 * aws.endpointUrlAthena} (the JVM cannot set environment variables). Real clock, real
 * url-connection clients, credentials from the standard system properties. With a sampled trace
 * header, every AWS call of the run reaches the X-Ray daemon (a local UDP socket here) as a
 * subsegment, unless {@code TRACING_DISABLED}.
 */
class ProductionWiringTest {
  private static final List<String> PROPERTIES =
      List.of("aws.endpointUrlAthena", "aws.accessKeyId", "aws.secretAccessKey");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
  private static final String PARENT = "53995c3f42cd8ad8";
  private static final String SAMPLED = "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1";

  private final FakeAthena athena = FakeAthena.start(Clock.systemUTC());
  private final FakeManagementApi api = FakeManagementApi.start();

  @AfterEach
  void close() {
    PROPERTIES.forEach(System::clearProperty);
    athena.close();
    api.close();
  }

  @Test
  void standardEndpointSettingsRedirectTheClients() {
    int status = runQuery(environment());

    assertThat(status).isEqualTo(200);
    assertThat(athena.calls(FakeAthena.START)).isEqualTo(1);
    assertThat(api.messages(Harness.CONNECTION))
        .last()
        .asString()
        .contains("\"type\":\"complete\"");
  }

  @Test
  void sampledInvocationSendsASubsegmentPerAwsCallToTheDaemon() throws IOException {
    try (DatagramSocket daemon = daemon()) {
      Map<String, String> env = sampled(daemon);

      assertThat(runQuery(env)).isEqualTo(200);

      List<JsonNode> docs = receiveUntilMarker(daemon);
      assertThat(docs)
          .extracting(d -> d.get("name").asText() + " " + d.get("aws").get("operation").asText())
          .contains(
              "Athena StartQueryExecution",
              "Athena GetQueryResults",
              "ApiGatewayManagementApi PostToConnection");
      assertThat(docs)
          .allSatisfy(
              d -> {
                assertThat(d.get("trace_id").asText()).isEqualTo(ROOT);
                assertThat(d.get("parent_id").asText()).isEqualTo(PARENT);
              });
      assertThat(docs).hasSize(athena.requests().size() + (int) api.posts(Harness.CONNECTION));
    }
  }

  @Test
  void tracingDisabledSendsNothingEvenWhenSampled() throws IOException {
    try (DatagramSocket daemon = daemon()) {
      Map<String, String> env = sampled(daemon);
      env.put("TRACING_DISABLED", "true");

      assertThat(runQuery(env)).isEqualTo(200);

      assertThat(receiveUntilMarker(daemon)).isEmpty();
    }
  }

  private Map<String, String> environment() {
    System.setProperty("aws.endpointUrlAthena", athena.endpoint().toString());
    System.setProperty("aws.accessKeyId", "AKIDFAKE");
    System.setProperty("aws.secretAccessKey", "fake-secret");
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "us-east-1");
    env.put("WEBSOCKET_ENDPOINT", api.endpoint().toString());
    env.put("QUERY_CATALOG", "classpath:catalogs/test-catalog.json");
    env.put("RESULT_FETCH", "api"); // FakeAthena's result objects are in no S3
    return env;
  }

  /** The environment of a sampled invocation whose X-Ray daemon is {@code daemon}. */
  private Map<String, String> sampled(DatagramSocket daemon) {
    Map<String, String> env = environment();
    env.put("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:" + daemon.getLocalPort());
    env.put("_X_AMZN_TRACE_ID", SAMPLED);
    return env;
  }

  private int runQuery(Map<String, String> env) {
    api.connect(Harness.CONNECTION);
    athena.nextQuery(Scripts.numbers(java.time.Duration.ZERO, 1, 2));
    try (Wiring wiring = Wiring.fromEnvironment(env)) {
      return new QueryRouteHandler(wiring)
          .handle(event("query.json"), ScriptedTime.plenty())
          .getStatusCode();
    }
  }

  private static DatagramSocket daemon() throws IOException {
    DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    socket.setSoTimeout(10_000); // a bound on a lost datagram, not a wait: they were sent already
    return socket;
  }

  /** The documents that arrived before a marker datagram sent now, after the handler returned. */
  private static List<JsonNode> receiveUntilMarker(DatagramSocket daemon) throws IOException {
    try (DatagramSocket s = new DatagramSocket()) {
      s.send(new DatagramPacket(new byte[] {'.'}, 1, daemon.getLocalSocketAddress()));
    }
    List<JsonNode> docs = new ArrayList<>();
    while (true) {
      DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
      daemon.receive(packet);
      String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
      if (text.equals(".")) {
        return docs;
      }
      docs.add(JSON.readTree(text.substring(text.indexOf('\n') + 1)));
    }
  }
}
