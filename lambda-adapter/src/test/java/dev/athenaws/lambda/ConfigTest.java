package dev.athenaws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.AthenaSettings;
import dev.athenaws.AthenaWs;
import dev.athenaws.internal.protocol.ChunkPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {
  private final Map<String, String> env = new HashMap<>(Map.of("AWS_REGION", "eu-west-1"));
  private Harness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void defaults() {
    Config c = Config.from(env);
    assertThat(c.mode()).isEqualTo(Config.Mode.INLINE);
    assertThat(c.stateMachineArn()).isNull();
    assertThat(c.queryCatalog())
        .isEqualTo("classpath:dev/athenaws/catalog/cloudtrail-example.json");
    assertThat(c.athena()).isEqualTo(AthenaSettings.defaults());
    assertThat(c.websocketEndpoint()).isNull();
    assertThat(c.websocketStage()).isNull();
    assertThat(c.region()).isEqualTo("eu-west-1");
    assertThat(c.inlineDeadline()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.queryTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.pushTimeReserve()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.chunkPolicy()).isEqualTo(ChunkPolicy.defaults());
    assertThat(c.strictValues()).isFalse();
    assertThat(c.allowRawSql()).isFalse();
    assertThat(c.allowedOrigins()).isEmpty();
    assertThat(c.originAllowed(null)).isTrue();
    assertThat(c.tracing()).isTrue();
    assertThat(c.downloadLinks())
        .isEqualTo(new LinkConfig(false, Duration.ofMinutes(15), null, null));
    assertThat(c.postsInFlight()).isEqualTo(AthenaWs.Builder.DEFAULT_POSTS_IN_FLIGHT);
  }

  @Test
  void everyVariableIsRead() {
    env.put("ATHENA_WS_MODE", "StepFunctions");
    env.put("STATE_MACHINE_ARN", "arn:aws:states:eu-west-1:123456789012:stateMachine:athena-ws");
    env.put("QUERY_CATALOG", "/opt/catalog.json");
    env.put("ATHENA_WORK_GROUP", "reports");
    env.put("ATHENA_CATALOG", "AwsDataCatalog");
    env.put("ATHENA_DATABASE", "logs");
    env.put("ATHENA_OUTPUT_LOCATION", "s3://athena-results-example/ws/");
    env.put("ATHENA_RESULT_REUSE_MINUTES", "60");
    env.put("RESULT_FETCH", "S3");
    env.put("WEBSOCKET_ENDPOINT", "https://ws.example.com/prod");
    env.put("WEBSOCKET_STAGE", "prod");
    env.put("INLINE_DEADLINE_SECONDS", "25");
    env.put("QUERY_TIMEOUT_SECONDS", "600");
    env.put("PUSH_TIME_RESERVE_MILLIS", "5000");
    env.put("MAX_MESSAGE_BYTES", "131072");
    env.put("STRICT_VALUES", "TRUE");
    env.put("ALLOW_RAW_SQL", "true");
    env.put("ALLOWED_ORIGINS", "https://a.example.com, https://b.example.com,");
    env.put("TRACING_DISABLED", "true");
    env.put("DOWNLOAD_LINKS_ENABLED", "true");
    env.put("DOWNLOAD_LINK_TTL_SECONDS", "604800");
    env.put("DOWNLOAD_LINK_ROWS", "100000");
    env.put("DOWNLOAD_LINK_BYTES", "0");
    env.put("ATHENA_RUNTIME_STATISTICS_DISABLED", "true");
    env.put("POSTS_IN_FLIGHT", "8");

    Config c = Config.from(env);

    assertThat(c.postsInFlight()).isEqualTo(8);
    assertThat(c.mode()).isEqualTo(Config.Mode.STEPFUNCTIONS);
    assertThat(c.queryCatalog()).isEqualTo("/opt/catalog.json");
    assertThat(c.athena())
        .isEqualTo(
            AthenaSettings.builder()
                .workGroup("reports")
                .database("logs")
                .outputLocation("s3://athena-results-example/ws/")
                .resultReuseMaxAge(Duration.ofHours(1))
                .resultFetch(AthenaSettings.ResultFetch.S3)
                .withoutRuntimeStatistics()
                .build());
    assertThat(c.websocketEndpoint()).isEqualTo(URI.create("https://ws.example.com/prod"));
    assertThat(c.websocketStage()).isEqualTo("prod");
    assertThat(c.inlineDeadline()).isEqualTo(Duration.ofSeconds(25));
    assertThat(c.queryTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.pushTimeReserve()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.chunkPolicy().maxMessageBytes()).isEqualTo(131_072);
    assertThat(c.strictValues()).isTrue();
    assertThat(c.allowRawSql()).isTrue();
    assertThat(c.allowedOrigins())
        .isEqualTo(Set.of("https://a.example.com", "https://b.example.com"));
    assertThat(c.originAllowed("https://a.example.com")).isTrue();
    assertThat(c.originAllowed("https://c.example.com")).isFalse();
    assertThat(c.originAllowed(null)).isFalse();
    assertThat(c.tracing()).isFalse();
    assertThat(c.downloadLinks()).isEqualTo(new LinkConfig(true, Duration.ofDays(7), 100_000L, 0L));
  }

  @ParameterizedTest
  @CsvSource({
    "ATHENA_WS_MODE, batch",
    "INLINE_DEADLINE_SECONDS, 26",
    "INLINE_DEADLINE_SECONDS, 0",
    "INLINE_DEADLINE_SECONDS, twenty",
    "QUERY_TIMEOUT_SECONDS, 0",
    "QUERY_TIMEOUT_SECONDS, 86401",
    "PUSH_TIME_RESERVE_MILLIS, 999",
    "MAX_MESSAGE_BYTES, 131073",
    "MAX_MESSAGE_BYTES, 1023",
    "POSTS_IN_FLIGHT, 0",
    "POSTS_IN_FLIGHT, 17",
    "STRICT_VALUES, yes",
    "ALLOW_RAW_SQL, 1",
    "TRACING_DISABLED, off",
    "ATHENA_RUNTIME_STATISTICS_DISABLED, no",
    "ATHENA_WORK_GROUP, no spaces",
    "ATHENA_OUTPUT_LOCATION, /tmp/results",
    "ATHENA_RESULT_REUSE_MINUTES, 10081",
    "RESULT_FETCH, sometimes",
    "WEBSOCKET_ENDPOINT, ftp://ws.example.com",
    "WEBSOCKET_ENDPOINT, not a uri",
    "WEBSOCKET_STAGE, a/b",
    "AWS_REGION, Europe",
    "DOWNLOAD_LINKS_ENABLED, on",
    "DOWNLOAD_LINK_TTL_SECONDS, 0",
    "DOWNLOAD_LINK_TTL_SECONDS, 604801",
    "DOWNLOAD_LINK_ROWS, -1",
    "DOWNLOAD_LINK_BYTES, 10MB",
  })
  void anInvalidValueFailsNamingTheVariable(String name, String value) {
    env.put(name, value);
    assertThatThrownBy(() -> Config.from(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(name + " is invalid");
  }

  @Test
  void stepFunctionsModeNeedsAStateMachine() {
    env.put("ATHENA_WS_MODE", "stepfunctions");
    assertThatThrownBy(() -> Config.from(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("STATE_MACHINE_ARN is required when ATHENA_WS_MODE is stepfunctions");
  }

  @Test
  void theRegionIsNeededUnlessAnEndpointIsGiven() {
    env.remove("AWS_REGION");
    assertThatThrownBy(() -> Config.from(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("AWS_REGION is required");
    env.put("WEBSOCKET_ENDPOINT", "http://127.0.0.1:8080/dev");
    assertThat(Config.from(env).region()).isNull();
  }

  @Test
  void blankCountsAsUnset() {
    env.put("INLINE_DEADLINE_SECONDS", "  ");
    env.put("ATHENA_WORK_GROUP", "");
    assertThat(Config.from(env).inlineDeadline()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void aMalformedStateMachineArnFailsAtInit() {
    harness = new Harness().with("STATE_MACHINE_ARN", "arn:aws:lambda:us-east-1:1:function:x");
    assertThatThrownBy(harness::wiring)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("STATE_MACHINE_ARN is invalid");
  }

  @Test
  void aMissingCatalogFailsAtInit() {
    harness = new Harness().with("QUERY_CATALOG", "/nonexistent/catalog.json");
    assertThatThrownBy(harness::wiring)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("QUERY_CATALOG is invalid");
    harness.with("QUERY_CATALOG", "classpath:nope.json");
    assertThatThrownBy(harness::wiring)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("QUERY_CATALOG is invalid");
  }

  @Test
  void aCatalogFileIsRead() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("catalog", ".json");
    try (var in = getClass().getClassLoader().getResourceAsStream("catalogs/test-catalog.json")) {
      java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    harness = new Harness().with("QUERY_CATALOG", file.toString());
    assertThat(harness.wiring().catalog.find("by-region")).isPresent();
    java.nio.file.Files.delete(file);
  }
}
