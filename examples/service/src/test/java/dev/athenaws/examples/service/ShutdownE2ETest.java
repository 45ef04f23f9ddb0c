package dev.athenaws.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.local.athena.AthenaEmulator;
import dev.athenaws.local.athena.EmulatorHttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * A clean shutdown with a query running: the app is closed (as on SIGTERM) while a query runs in
 * Athena; the client is told QUERY_CANCELLED before its connection closes, and the query is stopped
 * in Athena rather than left running. Its own app and emulator: this closes them.
 */
class ShutdownE2ETest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Runs for minutes in DuckDB unless stopped. */
  private static final String SLOW_CATALOG =
      "{\"defaultQuery\":\"slow\",\"queries\":[{\"name\":\"slow\",\"description\":\"counts for minutes\","
          + "\"sql\":\"SELECT count(*) AS n FROM range(100000000000) t(i) WHERE i % 7 = 3\"}]}";

  @Test
  void closingTheAppStopsARunningQueryInAthenaAndTellsItsClient(@TempDir Path dir)
      throws Exception {
    Path catalog = Files.writeString(dir.resolve("catalog.json"), SLOW_CATALOG);
    try (AthenaEmulator emulator = AthenaEmulator.builder().build();
        EmulatorHttpServer endpoint =
            EmulatorHttpServer.start(emulator, new InetSocketAddress("127.0.0.1", 0));
        AthenaClient athena = athena(endpoint.endpoint())) {
      ConfigurableApplicationContext app =
          new SpringApplicationBuilder(
                  ServiceApplication.class, ServiceE2ETest.LocalCredentials.class)
              .run(
                  "--server.port=0",
                  "--athena-ws.athena.endpoint=" + endpoint.endpoint(),
                  "--athena-ws.athena.region=us-east-1",
                  "--athena-ws.catalog=" + catalog,
                  "--athena-ws.queries.shutdown-grace=0s");
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      List<JsonNode> afterClose;
      try (ServiceClient client =
          ServiceClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws"))) {
        client.send("{\"action\":\"query\",\"requestId\":\"slow-1\"}");
        JsonNode accepted = client.next(WAIT);
        assertThat(accepted.path("type").asText()).isEqualTo("accepted");
        String queryId = accepted.path("queryExecutionId").asText();

        app.close();

        afterClose = client.untilDone(WAIT);
        assertThat(
                athena
                    .getQueryExecution(r -> r.queryExecutionId(queryId))
                    .queryExecution()
                    .status()
                    .state())
            .isEqualTo(QueryExecutionState.CANCELLED);
      }
      JsonNode error = afterClose.get(afterClose.size() - 1);
      assertThat(error.path("type").asText()).isEqualTo("error");
      // QUERY_CANCELLED wherever the interrupt lands: between two polls, or inside the SDK's
      // GetQueryExecution call (an SdkClientException caused by AbortedException).
      assertThat(error.path("code").asText()).as(error.toString()).isEqualTo("QUERY_CANCELLED");
      assertThat(error.path("requestId").asText()).isEqualTo("slow-1");
    }
  }

  private static AthenaClient athena(String endpoint) {
    return AthenaClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }
}
