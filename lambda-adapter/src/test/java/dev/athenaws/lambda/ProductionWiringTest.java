package dev.athenaws.lambda;

import static dev.athenaws.lambda.Harness.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeManagementApi;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wiring Lambda uses ({@link Wiring#fromEnvironment}) finds its endpoints the SDK's standard way:
 * {@code AWS_ENDPOINT_URL_ATHENA} in a deployment, here its system-property twin
 * {@code aws.endpointUrlAthena} (the JVM cannot set environment variables). Real clock, real
 * url-connection clients, credentials from the standard system properties.
 */
class ProductionWiringTest {
  private static final List<String> PROPERTIES =
      List.of("aws.endpointUrlAthena", "aws.accessKeyId", "aws.secretAccessKey");

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
    System.setProperty("aws.endpointUrlAthena", athena.endpoint().toString());
    System.setProperty("aws.accessKeyId", "AKIDFAKE");
    System.setProperty("aws.secretAccessKey", "fake-secret");
    api.connect(Harness.CONNECTION);
    athena.nextQuery(Scripts.numbers(java.time.Duration.ZERO, 1, 2));
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "us-east-1");
    env.put("WEBSOCKET_ENDPOINT", api.endpoint().toString());
    env.put("QUERY_CATALOG", "classpath:catalogs/test-catalog.json");

    Wiring wiring = Wiring.fromEnvironment(env);
    int status = new QueryRouteHandler(wiring)
        .handle(event("query.json"), ScriptedTime.plenty()).getStatusCode();

    assertThat(status).isEqualTo(200);
    assertThat(athena.calls(FakeAthena.START)).isEqualTo(1);
    assertThat(api.messages(Harness.CONNECTION)).last().asString().contains("\"type\":\"complete\"");
  }
}
