package dev.athenaws.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.local.gateway.ConnectionLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalOptionsTest {
  @Test
  void defaultsMatchTheDocs() {
    LocalOptions o = LocalOptions.defaults();
    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.host()).isEqualTo("127.0.0.1");
    assertThat(o.stage()).isEqualTo("dev");
    assertThat(o.mode()).isEqualTo("stepfunctions");
    assertThat(o.events()).isEqualTo(100_000);
    assertThat(o.postThrottleRate()).isZero();
    assertThat(o.queryCatalog()).isNull();
    assertThat(o.pushTimeoutMs()).isEqualTo(60_000);
    assertThat(o.athenaThrottleRate()).isZero();
    assertThat(o.postErrorRate()).isZero();
    assertThat(o.resultFetch()).isEqualTo("auto");
    assertThat(o.downloadLinks()).isEqualTo(new LinkOptions(false, 900, null, null));
  }

  @Test
  void resultFetchIsPassedToTheHandlersAsRESULT_FETCH() {
    LocalOptions o = LocalOptions.parse("--result-fetch", "S3");

    assertThat(o.resultFetch()).isEqualTo("s3");
    assertThat(LocalEnvironment.of(o, "http://127.0.0.1:1").variables())
        .containsEntry("RESULT_FETCH", "s3");
    assertThatThrownBy(() -> LocalOptions.parse("--result-fetch", "fast"))
        .hasMessageContaining("--result-fetch must be auto, s3 or api");
  }

  @Test
  void downloadLinkFlagsParseBoundedAndBecomeTheHandlersVariables() {
    LocalOptions o =
        LocalOptions.parse(
            "--download-links",
            "on",
            "--download-link-ttl-seconds=5",
            "--download-link-rows",
            "1000",
            "--download-link-bytes",
            "5000000000");
    assertThat(o.downloadLinks()).isEqualTo(new LinkOptions(true, 5, 1000L, 5_000_000_000L));
    assertThat(LocalEnvironment.of(o, "http://127.0.0.1:1").variables())
        .containsEntry("DOWNLOAD_LINKS_ENABLED", "true")
        .containsEntry("DOWNLOAD_LINK_TTL_SECONDS", "5")
        .containsEntry("DOWNLOAD_LINK_ROWS", "1000")
        .containsEntry("DOWNLOAD_LINK_BYTES", "5000000000");
    assertThat(LocalEnvironment.of(LocalOptions.defaults(), "http://127.0.0.1:1").variables())
        .containsEntry("DOWNLOAD_LINKS_ENABLED", "false")
        .doesNotContainKeys("DOWNLOAD_LINK_ROWS", "DOWNLOAD_LINK_BYTES");
    assertThatThrownBy(() -> LocalOptions.parse("--download-links", "yes"))
        .hasMessageContaining("--download-links");
    assertThatThrownBy(() -> LocalOptions.parse("--download-link-ttl-seconds", "604801"))
        .hasMessageContaining("--download-link-ttl-seconds");
    assertThatThrownBy(() -> LocalOptions.parse("--download-link-bytes", "-1"))
        .hasMessageContaining("--download-link-bytes");
  }

  @Test
  void faultRatesParseAndAreBounded() {
    LocalOptions o = LocalOptions.parse("--athena-throttle-rate", "0.25", "--post-error-rate=0.1");
    assertThat(o.athenaThrottleRate()).isEqualTo(0.25);
    assertThat(o.postErrorRate()).isEqualTo(0.1);
    assertThatThrownBy(() -> LocalOptions.parse("--athena-throttle-rate", "1"))
        .hasMessageContaining("--athena-throttle-rate must be 0 <= rate < 1");
    assertThatThrownBy(() -> LocalOptions.parse("--athena-throttle-rate", "-0.1"))
        .hasMessageContaining("--athena-throttle-rate must be 0 <= rate < 1");
    assertThatThrownBy(() -> LocalOptions.parse("--athena-throttle-rate", "often"))
        .hasMessageContaining("--athena-throttle-rate needs a number");
    assertThatThrownBy(() -> LocalOptions.parse("--post-error-rate", "1.5"))
        .hasMessageContaining("--post-error-rate must be 0 <= rate < 1");
    assertThatThrownBy(() -> LocalOptions.parse("--post-error-rate"))
        .hasMessageContaining("missing value for --post-error-rate");
  }

  @Test
  void bothFlagFormsParse() {
    LocalOptions o =
        LocalOptions.parse(
            "--port",
            "9090",
            "--mode=INLINE",
            "--stage",
            "prod",
            "--post-throttle-rate=0.3",
            "--athena-latency-ms",
            "50",
            "--events",
            "10");
    assertThat(o.port()).isEqualTo(9090);
    assertThat(o.mode()).isEqualTo("inline");
    assertThat(o.stage()).isEqualTo("prod");
    assertThat(o.postThrottleRate()).isEqualTo(0.3);
    assertThat(o.athenaLatencyMs()).isEqualTo(50);
    assertThat(o.events()).isEqualTo(10);
  }

  @Test
  void getQueryResultsHasALatencyOfItsOwn() {
    assertThat(LocalOptions.defaults().getResultsLatencyMs()).isZero();
    LocalOptions o =
        LocalOptions.parse("--athena-latency-ms", "10", "--get-results-latency-ms=200");
    assertThat(o.getResultsLatencyMs()).isEqualTo(200);
    assertThat(o.athenaLatencyMs()).isEqualTo(10);
    assertThatThrownBy(() -> LocalOptions.parse("--get-results-latency-ms", "60001"))
        .hasMessageContaining("--get-results-latency-ms must be 0..60000");
  }

  @Test
  void badFlagsNameTheFlag() {
    assertThatThrownBy(() -> LocalOptions.parse("--prot", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option --prot");
    assertThatThrownBy(() -> LocalOptions.parse("--port"))
        .hasMessageContaining("missing value for --port");
    assertThatThrownBy(() -> LocalOptions.parse("--port", "eighty"))
        .hasMessageContaining("--port needs a whole number");
    assertThatThrownBy(() -> LocalOptions.parse("--port", "70000"))
        .hasMessageContaining("--port must be 0..65535");
    assertThatThrownBy(() -> LocalOptions.parse("--mode", "lambda"))
        .hasMessageContaining("--mode must be stepfunctions or inline");
    assertThatThrownBy(() -> LocalOptions.parse("--post-throttle-rate", "1"))
        .hasMessageContaining("--post-throttle-rate");
    assertThatThrownBy(() -> LocalOptions.parse("--post-throttle-rate", "NaN"))
        .hasMessageContaining("--post-throttle-rate needs a number");
    assertThatThrownBy(() -> LocalOptions.parse("--stage", "a/b")).hasMessageContaining("--stage");
    assertThatThrownBy(() -> LocalOptions.parse("--query-catalog", "/no/such/file.json"))
        .hasMessageContaining("--query-catalog");
    assertThatThrownBy(() -> LocalOptions.parse("--events", "99999999999"))
        .hasMessageContaining("--events needs a whole number");
  }

  @Test
  void usageListsEveryFlag() {
    for (String flag :
        new String[] {
          "--port",
          "--host",
          "--stage",
          "--mode",
          "--events",
          "--seed",
          "--athena-latency-ms",
          "--post-latency-ms",
          "--post-throttle-rate",
          "--download-links",
          "--download-link-ttl-seconds",
          "--download-link-rows",
          "--download-link-bytes",
          "--query-catalog",
          "--push-timeout-ms",
          "--athena-throttle-rate",
          "--post-error-rate",
          "--posts-in-flight",
          "--help"
        }) {
      assertThat(LocalOptions.usage()).contains(flag);
    }
  }

  @Test
  void jwtAuthPassesTheGroupsClaimAndTheClaimsTheCatalogBinds(@TempDir Path dir) throws Exception {
    assertThat(
            LocalEnvironment.of(LocalOptions.parse("--auth", "jwt"), "http://127.0.0.1:1")
                .variables())
        .containsEntry("JWT_GROUPS_CLAIM", "groups")
        .containsEntry("JWT_CONTEXT_CLAIMS", "account");
    Path catalog =
        Files.writeString(
            dir.resolve("c.json"),
            "{\"queries\":[{\"name\":\"q\",\"sql\":\"SELECT ? , ?, ?\",\"parameters\":["
                + "{\"name\":\"a\",\"type\":\"string\",\"fromClaim\":\"tenant\"},"
                + "{\"name\":\"b\",\"type\":\"string\",\"fromClaim\":\"sub\"},"
                + "{\"name\":\"c\",\"type\":\"string\",\"fromClaim\":\"custom:org\"}]}]}");
    assertThat(
            LocalEnvironment.of(
                    LocalOptions.parse("--auth", "jwt", "--query-catalog", catalog.toString()),
                    "http://127.0.0.1:1")
                .variables())
        .containsEntry("JWT_CONTEXT_CLAIMS", "custom:org,tenant");
    assertThat(LocalEnvironment.of(LocalOptions.defaults(), "http://127.0.0.1:1").variables())
        .doesNotContainKeys("JWT_CONTEXT_CLAIMS", "JWT_GROUPS_CLAIM");
  }

  @Test
  void postsInFlightIsPassedToTheHandlersOnlyWhenGiven() {
    assertThat(LocalOptions.defaults().postsInFlight()).isNull();
    assertThat(LocalEnvironment.of(LocalOptions.defaults(), "http://127.0.0.1:1").variables())
        .doesNotContainKey("POSTS_IN_FLIGHT");
    LocalOptions eight = LocalOptions.parse("--posts-in-flight", "8");
    assertThat(eight.postsInFlight()).isEqualTo(8);
    assertThat(LocalEnvironment.of(eight, "http://127.0.0.1:1").variables())
        .containsEntry("POSTS_IN_FLIGHT", "8");
    assertThatThrownBy(() -> LocalOptions.parse("--posts-in-flight", "0"))
        .hasMessageContaining("--posts-in-flight must be 1..16");
    assertThatThrownBy(() -> LocalOptions.parse("--posts-in-flight", "17"))
        .hasMessageContaining("--posts-in-flight must be 1..16");
  }

  @Test
  void idleTimeoutAndMaxConnectionDurationDefaultToApiGatewaysAndParseUnits() {
    LocalOptions defaults = LocalOptions.defaults();
    assertThat(defaults.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(defaults.maxConnectionDuration()).isEqualTo(Duration.ofHours(2));

    LocalOptions o = LocalOptions.parse("--idle-timeout", "500ms", "--max-connection-duration=2s");
    assertThat(o.connectionLimits())
        .isEqualTo(new ConnectionLimits(Duration.ofMillis(500), Duration.ofSeconds(2)));
    assertThat(LocalOptions.parse("--idle-timeout", "10m").idleTimeout())
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(LocalOptions.parse("--max-connection-duration", "3h").maxConnectionDuration())
        .isEqualTo(Duration.ofHours(3));
  }

  @Test
  void badDurationsAreUsageErrorsNamingTheFlag() {
    for (String bad : new String[] {"10", "1.5s", "2 s", "-1s", "10d", "s", ""}) {
      assertThatThrownBy(() -> LocalOptions.parse("--idle-timeout", bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--idle-timeout needs a duration like 500ms, 2s, 10m or 2h")
          .hasMessageContaining("'" + bad + "'");
    }
    assertThatThrownBy(() -> LocalOptions.parse("--max-connection-duration", "0s"))
        .hasMessage("--max-connection-duration must be from 1ms to 24h");
    assertThatThrownBy(() -> LocalOptions.parse("--idle-timeout", "25h"))
        .hasMessage("--idle-timeout must be from 1ms to 24h");
    assertThatThrownBy(() -> LocalOptions.parse("--idle-timeout"))
        .hasMessageContaining("missing value for --idle-timeout");
    assertThat(LocalOptions.usage()).contains("--idle-timeout", "--max-connection-duration");
  }

  @Test
  void authIsOffByDefaultAndJwtGivesTheHandlersTheLocalIssuer() {
    assertThat(LocalOptions.defaults().jwtAuth()).isFalse();
    assertThat(LocalEnvironment.of(LocalOptions.defaults(), "http://127.0.0.1:1").variables())
        .doesNotContainKeys("JWT_ISSUER", "JWT_AUDIENCE", "JWT_JWKS_URL");

    LocalOptions o = LocalOptions.parse("--auth", "JWT");
    assertThat(o.jwtAuth()).isTrue();
    assertThat(LocalEnvironment.of(o, "http://127.0.0.1:1").variables())
        .containsEntry("JWT_ISSUER", "http://127.0.0.1:1")
        .containsEntry("JWT_AUDIENCE", "athena-ws-local")
        .containsEntry("JWT_JWKS_URL", "http://127.0.0.1:1/.well-known/jwks.json");
    assertThat(LocalOptions.parse("--auth=off").jwtAuth()).isFalse();
    assertThatThrownBy(() -> LocalOptions.parse("--auth", "basic"))
        .hasMessageContaining("--auth must be jwt or off");
    assertThat(LocalOptions.usage()).contains("--auth jwt|off");
  }
}
