package dev.athenaws.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.query.QueryStats;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageEncoderTest {
  private final MessageEncoder encoder = new MessageEncoder();

  private String json(ServerMessage m) {
    return new String(encoder.encode(m), StandardCharsets.UTF_8);
  }

  @Test
  void accepted() {
    assertThat(json(ServerMessage.Accepted.of("r1", "qe-1")))
        .isEqualTo(
            "{\"type\":\"accepted\",\"requestId\":\"r1\",\"queryExecutionId\":\"qe-1\","
                + "\"message\":\"Query accepted; results will follow on this connection.\"}");
    assertThat(json(new ServerMessage.Accepted(null, null, null, false, "ok")))
        .isEqualTo("{\"type\":\"accepted\",\"message\":\"ok\"}");
  }

  @Test
  void progress() {
    assertThat(json(new ServerMessage.Progress("r1", "qe-1", QueryState.RUNNING, 1500, 2048L)))
        .isEqualTo(
            "{\"type\":\"progress\",\"requestId\":\"r1\",\"queryExecutionId\":\"qe-1\","
                + "\"state\":\"RUNNING\",\"elapsedMillis\":1500,\"dataScannedBytes\":2048}");
    assertThat(json(new ServerMessage.Progress(null, "qe-1", QueryState.QUEUED, 0, null)))
        .isEqualTo(
            "{\"type\":\"progress\",\"queryExecutionId\":\"qe-1\",\"state\":\"QUEUED\","
                + "\"elapsedMillis\":0}");
  }

  @Test
  void download() {
    URI url =
        URI.create("https://b.s3.amazonaws.com/out/q.csv?X-Amz-Signature=abc&X-Amz-Expires=900");
    ServerMessage.Download m =
        new ServerMessage.Download(
            "r1",
            "qe-1",
            url,
            Instant.parse("2024-05-01T12:15:00.999999Z"),
            ServerMessage.Download.CSV,
            1_048_576L);
    assertThat(json(m))
        .isEqualTo(
            "{\"type\":\"download\",\"requestId\":\"r1\",\"queryExecutionId\":\"qe-1\","
                + "\"url\":\"https://b.s3.amazonaws.com/out/q.csv?X-Amz-Signature=abc&X-Amz-Expires=900\","
                + "\"expiresAt\":\"2024-05-01T12:15:00Z\",\"contentType\":\"text/csv\","
                + "\"bytes\":1048576}");
    assertThat(json(new ServerMessage.Download(null, null, url, Instant.EPOCH, "text/csv", null)))
        .doesNotContain("bytes", "requestId", "queryExecutionId")
        .contains("\"expiresAt\":\"1970-01-01T00:00:00Z\"");
    // The URL is a bearer credential: a log line that prints the message must not show it.
    assertThat(m.toString()).doesNotContain("X-Amz-Signature").doesNotContain("s3.amazonaws.com");
  }

  @Test
  void expiresAtIsUtcToTheSecondWhateverTheZoneItCameFrom() {
    Instant at = java.time.OffsetDateTime.parse("2024-05-01T14:15:07.5+02:00").toInstant();
    assertThat(MessageEncoder.expiresAt(at)).isEqualTo("2024-05-01T12:15:07Z");
  }

  @Test
  void progressWithAKnownTotal() {
    assertThat(
            json(
                new ServerMessage.Progress(
                    "r1", "qe-1", QueryState.SUCCEEDED, 1500, 2048L, 100_000L)))
        .isEqualTo(
            "{\"type\":\"progress\",\"requestId\":\"r1\",\"queryExecutionId\":\"qe-1\","
                + "\"state\":\"SUCCEEDED\",\"elapsedMillis\":1500,\"dataScannedBytes\":2048,"
                + "\"totalRows\":100000}");
  }

  @Test
  void complete() {
    QueryStats s = new QueryStats(812L, 10_485_760L, 1030L, 120L, false);
    assertThat(json(new ServerMessage.Complete("r1", "qe-1", 2500, 3, s)))
        .isEqualTo(
            "{\"type\":\"complete\",\"requestId\":\"r1\",\"queryExecutionId\":\"qe-1\","
                + "\"rowCount\":2500,\"chunks\":3,\"statistics\":{\"engineExecutionTimeMillis\":812,"
                + "\"dataScannedBytes\":10485760,\"totalExecutionTimeMillis\":1030,"
                + "\"queryQueueTimeMillis\":120,\"reusedPreviousResult\":false}}");
    assertThat(json(new ServerMessage.Complete(null, "q", 0, 1, QueryStats.EMPTY)))
        .isEqualTo(
            "{\"type\":\"complete\",\"queryExecutionId\":\"q\",\"rowCount\":0,\"chunks\":1,"
                + "\"statistics\":{}}");
    assertThat(json(new ServerMessage.Complete(null, "q", 0, 1, null)))
        .isEqualTo(
            "{\"type\":\"complete\",\"queryExecutionId\":\"q\",\"rowCount\":0,\"chunks\":1}");
  }

  @Test
  void error() {
    assertThat(
            json(
                new ServerMessage.Error(
                    "r1",
                    "qe-1",
                    ErrorCode.QUERY_FAILED,
                    "The query failed: table not found.",
                    null,
                    2,
                    1301,
                    false)))
        .isEqualTo(
            "{\"type\":\"error\",\"requestId\":\"r1\",\"queryExecutionId\":\"qe-1\","
                + "\"code\":\"QUERY_FAILED\",\"message\":\"The query failed: table not found.\","
                + "\"athenaErrorCategory\":2,\"athenaErrorType\":1301,\"retryable\":false}");
    assertThat(
            json(
                new ServerMessage.Error(
                    "r1",
                    null,
                    ErrorCode.INVALID_PARAMETER,
                    "Parameter 'day' must be a date.",
                    "day",
                    null,
                    null,
                    null)))
        .isEqualTo(
            "{\"type\":\"error\",\"requestId\":\"r1\",\"code\":\"INVALID_PARAMETER\","
                + "\"message\":\"Parameter 'day' must be a date.\",\"field\":\"day\"}");
    assertThat(
            json(
                ServerMessage.Error.of(
                    null,
                    "q",
                    new AthenaWsException(ErrorCode.TIMEOUT, "The query took too long."))))
        .isEqualTo(
            "{\"type\":\"error\",\"queryExecutionId\":\"q\",\"code\":\"TIMEOUT\","
                + "\"message\":\"The query took too long.\"}");
  }

  @Test
  void catalog() {
    ParameterInfo region =
        new ParameterInfo(
            "region",
            "varchar",
            false,
            "us-east-1",
            "AWS region",
            "[a-z0-9-]+",
            null,
            null,
            null,
            32);
    ParameterInfo day =
        new ParameterInfo(
            "day",
            "date",
            true,
            null,
            null,
            null,
            LocalDate.of(2020, 1, 1),
            LocalDate.of(2030, 12, 31),
            null,
            null);
    ParameterInfo limit =
        new ParameterInfo("limit", "integer", false, 100, null, null, 1, 1000, null, null);
    ParameterInfo level =
        new ParameterInfo(
            "level",
            "decimal",
            false,
            null,
            null,
            null,
            null,
            null,
            Arrays.asList(new BigDecimal("0.10"), "x", null),
            null);
    ServerMessage.Catalog c =
        new ServerMessage.Catalog(
            "r2",
            List.of(
                new CatalogEntry("byRegion", "Events by region", true, List.of(region, day)),
                new CatalogEntry("top", null, false, List.of(limit, level)),
                new CatalogEntry("none", null, false, List.of())));
    assertThat(json(c))
        .isEqualTo(
            "{\"type\":\"catalog\",\"requestId\":\"r2\",\"queries\":["
                + "{\"name\":\"byRegion\",\"description\":\"Events by region\",\"default\":true,"
                + "\"parameters\":[{\"name\":\"region\",\"type\":\"varchar\",\"required\":false,"
                + "\"default\":\"us-east-1\",\"description\":\"AWS region\",\"pattern\":\"[a-z0-9-]+\","
                + "\"maxLength\":32},{\"name\":\"day\",\"type\":\"date\",\"required\":true,"
                + "\"min\":\"2020-01-01\",\"max\":\"2030-12-31\"}]},"
                + "{\"name\":\"top\",\"default\":false,\"parameters\":[{\"name\":\"limit\","
                + "\"type\":\"integer\",\"required\":false,\"default\":100,\"min\":1,\"max\":1000},"
                + "{\"name\":\"level\",\"type\":\"decimal\",\"required\":false,"
                + "\"enum\":[\"0.10\",\"x\",null]}]},"
                + "{\"name\":\"none\",\"default\":false,\"parameters\":[]}]}");
  }

  @Test
  void escapesStrings() {
    assertThat(json(new ServerMessage.Accepted("r1", null, null, false, "a\"b\\c\n\u00e9\u2028")))
        .isEqualTo(
            "{\"type\":\"accepted\",\"requestId\":\"r1\",\"message\":\"a\\\"b\\\\c\\n\u00e9\u2028\"}");
  }
}
