package dev.athenaws.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.local.athena.AthenaEmulator;
import dev.athenaws.local.athena.EmulatorHttpServer;
import dev.athenaws.local.data.CloudTrailData;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The whole service end to end: the Spring Boot app on a random port, a real WebSocket client, and
 * the local stack's Athena emulator (DuckDB with the sample CloudTrail table) on a free port as its
 * Athena endpoint, set through the service's own properties.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceE2ETest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** The same rows as the default query (core's CloudTrail example catalog), read from DuckDB. */
  private static final String SOURCE_ROWS =
      "SELECT *, useridentity.arn AS identity_arn FROM \"default\"."
          + CloudTrailData.TABLE
          + " WHERE eventname = 'CreateTable' AND region = 'ap-northeast-1'"
          + " AND \"date\" BETWEEN '2021/08/01' AND '2021/09/01'";

  private static AthenaEmulator athena;
  private static EmulatorHttpServer athenaEndpoint;

  @LocalServerPort private int port;

  @BeforeAll
  static void startAthena() throws Exception {
    athena =
        AthenaEmulator.builder()
            .sampleData(CloudTrailData.DEFAULT_EVENTS, CloudTrailData.DEFAULT_SEED)
            .build();
    athenaEndpoint = EmulatorHttpServer.start(athena, new InetSocketAddress("127.0.0.1", 0));
  }

  @AfterAll
  static void stopAthena() {
    athenaEndpoint.close();
    athena.close();
  }

  @DynamicPropertySource
  static void athenaProperties(DynamicPropertyRegistry registry) {
    registry.add("athena-ws.athena.endpoint", () -> athenaEndpoint.endpoint());
    registry.add("athena-ws.athena.region", () -> "us-east-1");
  }

  /** The emulator checks no signature; any key will do, and none is read from the machine. */
  @TestConfiguration
  static class LocalCredentials {
    @Bean
    @Primary
    AwsCredentialsProvider localCredentials() {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
  }

  @Test
  void theDefaultQueryDeliversEverySourceRowOnceInContiguousChunks() throws Exception {
    List<JsonNode> messages;
    try (ServiceClient client = ServiceClient.connect(uri())) {
      client.send("{\"action\":\"query\",\"requestId\":\"e2e-1\"}");
      messages = client.untilDone(WAIT);
    }

    assertThat(messages)
        .allSatisfy(m -> assertThat(m.path("requestId").asText()).isEqualTo("e2e-1"));
    assertThat(messages.get(0).path("type").asText()).isEqualTo("accepted");
    JsonNode complete = messages.get(messages.size() - 1);
    assertThat(complete.path("type").asText()).as(complete.toString()).isEqualTo("complete");
    List<JsonNode> chunks =
        messages.stream().filter(m -> m.path("type").asText().equals("rows")).toList();
    assertThat(messages.subList(1, messages.size() - 1))
        .extracting(m -> m.path("type").asText())
        .allMatch(type -> type.equals("progress") || type.equals("rows"));
    List<JsonNode> rows = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      JsonNode chunk = chunks.get(i);
      assertThat(chunk.path("seq").asInt()).as("seq of chunk " + i).isEqualTo(i);
      assertThat(chunk.has("columns")).as("columns only in chunk 0").isEqualTo(i == 0);
      assertThat(chunk.path("queryExecutionId").asText())
          .isEqualTo(complete.path("queryExecutionId").asText());
      chunk.path("results").forEach(rows::add);
    }
    assertThat(complete.path("chunks").asInt()).isEqualTo(chunks.size());
    assertThat(complete.path("rowCount").asLong()).isEqualTo(rows.size());

    Map<String, Map<String, String>> source = sourceRows();
    assertThat(source).isNotEmpty();
    assertThat(rows).hasSize(source.size());
    Map<String, JsonNode> received = new HashMap<>();
    for (JsonNode row : rows) {
      assertThat(received.put(row.path("eventid").asText(), row)).as("a row twice").isNull();
    }
    assertThat(received.keySet()).isEqualTo(source.keySet());
    source.forEach(
        (eventId, expected) -> {
          JsonNode row = received.get(eventId);
          expected.forEach(
              (column, value) -> {
                if (column.equals("identity_arn")) {
                  // A row column without a type hint is Athena's own text, {type=..., arn=...,
                  // ...}.
                  assertThat(row.path("useridentity").asText())
                      .as(eventId)
                      .contains("arn=" + value + ",");
                } else {
                  JsonNode actual = row.path(column);
                  assertThat(actual.isNull() ? null : actual.asText())
                      .as(eventId + " " + column)
                      .isEqualTo(value);
                }
              });
        });
  }

  @Test
  void aFrameThatIsNotJsonGetsBadRequestAndTheConnectionStaysUsable() throws Exception {
    try (ServiceClient client = ServiceClient.connect(uri())) {
      client.send("this is not JSON");
      List<JsonNode> refused = client.untilDone(WAIT);
      assertThat(refused).hasSize(1);
      assertThat(refused.get(0).path("type").asText()).isEqualTo("error");
      assertThat(refused.get(0).path("code").asText()).isEqualTo("BAD_REQUEST");

      client.send("{\"action\":\"listQueries\",\"requestId\":\"after\"}");
      JsonNode catalog = client.untilDone(WAIT).get(0);
      assertThat(catalog.path("type").asText()).isEqualTo("catalog");
      assertThat(catalog.path("requestId").asText()).isEqualTo("after");
      assertThat(catalog.path("queries").findValuesAsText("name")).contains("create-table-events");
      assertThat(client.isOpen()).isTrue();
    }
  }

  private URI uri() {
    return URI.create("ws://127.0.0.1:" + port + "/ws");
  }

  /** Every source row of the default query by event id: its text columns and useridentity.arn. */
  private static Map<String, Map<String, String>> sourceRows() throws Exception {
    Map<String, Map<String, String>> rows = new HashMap<>();
    try (Connection db = athena.openConnection();
        Statement statement = db.createStatement();
        ResultSet rs = statement.executeQuery(SOURCE_ROWS)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, String> row = new HashMap<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          if (meta.getColumnType(c) == Types.VARCHAR) {
            row.put(meta.getColumnLabel(c), rs.getString(c));
          }
        }
        rows.put(row.get("eventid"), row);
      }
    }
    return rows;
  }
}
