package dev.athenaws.internal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.AthenaSettings.ResultFetch;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.internal.query.PageFetcher;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.retry.Backoff;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeS3;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.ResultSet;

/** Which path serves a query, and resuming a broken object read. */
class ResultSourceTest {
  private static final String URI = "s3://results/q1.csv";
  private final FakeS3 s3 = new FakeS3();
  private final VirtualTime time = new VirtualTime();
  private static final Backoff BACKOFF =
      Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(2));
  private final AtomicInteger metadataCalls = new AtomicInteger();
  private final PageFetcher metadata =
      (id, token) -> {
        metadataCalls.incrementAndGet();
        return GetQueryResultsResponse.builder()
            .resultSet(
                ResultSet.builder()
                    .resultSetMetadata(CsvResultPagesTest.metadata("n", "s"))
                    .build())
            .build();
      };

  private ResultSource source(ResultFetch mode) {
    return new ResultSource(mode, s3, metadata, 1000, 3, time, BACKOFF);
  }

  private static List<List<String>> rows(int n) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(List.of(Integer.toString(i), "row \"" + i + "\"\nsecond line"));
    }
    return out;
  }

  @Test
  void aSelectWithAnS3OutputLocationIsReadFromS3() {
    s3.put(URI, FakeS3.athenaCsv(List.of("n", "s"), rows(3)));
    CsvResultPages pages =
        source(ResultFetch.AUTO).open("q1", StatementKind.SELECT, URI, null).orElseThrow();
    assertThat(CsvResultPagesTest.values(pages)).hasSize(4);
    assertThat(metadataCalls).hasValue(1);
    assertThat(s3.opens()).containsExactly(0L);
  }

  @Test
  void aResumeOfAResultDeletedSinceIsExpiredNotAFallback() {
    s3.put("s3://results/denied.csv", "x");
    s3.deny("s3://results/denied.csv");
    ResultSource auto = source(ResultFetch.AUTO);
    assertThatThrownBy(
            () -> auto.open("q", StatementKind.SELECT, "s3://results/missing.csv", null, true))
        .isInstanceOf(dev.athenaws.error.AthenaWsException.class)
        .extracting(e -> ((dev.athenaws.error.AthenaWsException) e).code())
        .isEqualTo(dev.athenaws.error.ErrorCode.RESULT_EXPIRED);
    // A first delivery still falls back; a refusal that is not "gone" falls back on a resume too.
    assertThat(auto.open("q", StatementKind.SELECT, "s3://results/missing.csv", null, false))
        .isEmpty();
    assertThat(auto.open("q", StatementKind.SELECT, "s3://results/denied.csv", null, true))
        .isEmpty();
  }

  @Test
  void autoFallsBackWhereS3CannotServe() {
    s3.put(URI, FakeS3.athenaCsv(List.of("n", "s"), rows(1)));
    s3.put("s3://results/denied.csv", "x");
    s3.deny("s3://results/denied.csv");
    ResultSource auto = source(ResultFetch.AUTO);
    StatementKind ddl = new StatementKind("DDL", "SHOW_TABLES");
    StatementKind ctas = new StatementKind("DML", "CREATE_TABLE_AS_SELECT");
    assertThat(auto.open("q", ddl, URI, null)).isEmpty();
    assertThat(auto.open("q", ctas, URI, null)).isEmpty();
    assertThat(auto.open("q", StatementKind.SELECT, null, null)).isEmpty();
    assertThat(auto.open("q", StatementKind.SELECT, "https://x/y.csv", null)).isEmpty();
    assertThat(auto.open("q", StatementKind.SELECT, URI, "CSE_KMS")).isEmpty();
    assertThat(auto.open("q", StatementKind.SELECT, "s3://results/denied.csv", null)).isEmpty();
    assertThat(auto.open("q", StatementKind.SELECT, "s3://results/missing.csv", null)).isEmpty();
    assertThat(metadataCalls).hasValue(0);
    // SSE is readable with GetObject as usual.
    assertThat(auto.open("q", StatementKind.SELECT, URI, "SSE_KMS")).isPresent();
  }

  @Test
  void apiModeNeverTouchesS3() {
    s3.put(URI, FakeS3.athenaCsv(List.of("n", "s"), rows(1)));
    assertThat(source(ResultFetch.API).open("q", StatementKind.SELECT, URI, null)).isEmpty();
    assertThat(s3.opens()).isEmpty();
  }

  @Test
  void s3ModeFailsWhereS3CannotServe() {
    s3.deny(URI);
    assertThatThrownBy(() -> source(ResultFetch.S3).open("q", StatementKind.SELECT, URI, null))
        .isInstanceOf(AthenaWsException.class)
        .hasMessageContaining("ACCESS_DENIED");
    assertThatThrownBy(() -> source(ResultFetch.S3).open("q", StatementKind.SELECT, null, null))
        .isInstanceOf(AthenaWsException.class);
  }

  @Test
  void aStreamBrokenMidRowResumesFromTheByteReachedWithoutLosingOrRepeatingARow() {
    String csv = FakeS3.athenaCsv(List.of("n", "s"), rows(2000));
    s3.put(URI, csv);
    int length = csv.getBytes(StandardCharsets.UTF_8).length;
    // Breaks inside a quoted value (mid-row, mid-line) and again soon after the first resume.
    int first = csv.indexOf("row \"\"1000") + 3;
    s3.breakAfter(first, 7, 1);
    CsvResultPages pages =
        source(ResultFetch.AUTO).open("q1", StatementKind.SELECT, URI, null).orElseThrow();
    List<List<String>> read = CsvResultPagesTest.values(pages);
    List<List<String>> expected = new ArrayList<>();
    expected.add(List.of("n", "s"));
    expected.addAll(rows(2000));
    assertThat(read).isEqualTo(expected);
    assertThat(s3.opens()).containsExactly(0L, (long) first, first + 7L, first + 8L);
    assertThat(s3.opens().get(3)).isLessThan(length);
    // Every resume asks for the version first read, and waits the first backoff step (progress was
    // made before each break, so the budget starts over).
    String etag = s3.etag(URI);
    assertThat(s3.ifMatches()).containsExactly("", etag, etag, etag);
    assertThat(time.sleeps()).containsOnly(Duration.ofMillis(100)).hasSize(3);
  }

  @Test
  void anObjectReplacedMidReadFailsAtOnceInsteadOfSplicingTwoVersions() {
    String csv = FakeS3.athenaCsv(List.of("n", "s"), rows(100));
    s3.put(URI, csv);
    s3.breakAfter(50);
    CsvResultPages pages =
        source(ResultFetch.AUTO).open("q1", StatementKind.SELECT, URI, null).orElseThrow();
    s3.put(URI, csv.replace("row", "new")); // a new version, a new ETag
    assertThatThrownBy(() -> CsvResultPagesTest.values(pages))
        .isInstanceOf(ObjectUnavailableException.class)
        .extracting(e -> ((ObjectUnavailableException) e).reason())
        .isEqualTo(ObjectUnavailableException.Reason.CHANGED);
    assertThat(s3.opens()).containsExactly(0L, 50L); // not retried
  }

  @Test
  void aFailedOpenIsRetriedAfterTheBackoffsDelaysInVirtualTime() {
    s3.put(URI, FakeS3.athenaCsv(List.of("n", "s"), rows(3)));
    s3.failOpens(3);
    CsvResultPages pages =
        source(ResultFetch.AUTO).open("q1", StatementKind.SELECT, URI, null).orElseThrow();
    assertThat(CsvResultPagesTest.values(pages)).hasSize(4);
    assertThat(s3.opens()).containsExactly(0L, 0L, 0L, 0L);
    assertThat(time.sleeps())
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void anOpenThatKeepsFailingFailsTheRunInModeS3AfterTheRetries() {
    s3.put(URI, FakeS3.athenaCsv(List.of("n", "s"), rows(3)));
    s3.failOpens(4);
    assertThatThrownBy(() -> source(ResultFetch.S3).open("q1", StatementKind.SELECT, URI, null))
        .isInstanceOf(AthenaWsException.class)
        .hasMessageContaining("cannot be read from S3");
    assertThat(s3.opens()).hasSize(4);
    assertThat(time.sleeps()).hasSize(3);
  }

  @Test
  void anOpenThatKeepsFailingLeavesTheResultToTheApiInModeAuto() {
    s3.put(URI, FakeS3.athenaCsv(List.of("n", "s"), rows(3)));
    s3.failOpens(4);
    assertThat(source(ResultFetch.AUTO).open("q1", StatementKind.SELECT, URI, null)).isEmpty();
    assertThat(s3.opens()).hasSize(4);
    assertThat(time.sleeps()).hasSize(3);
  }

  @Test
  void aStreamThatKeepsBreakingWithoutProgressFailsTheRun() {
    s3.put(URI, FakeS3.athenaCsv(List.of("n", "s"), rows(10)));
    s3.breakAfter(20, 0, 0, 0, 0);
    CsvResultPages pages =
        source(ResultFetch.AUTO).open("q1", StatementKind.SELECT, URI, null).orElseThrow();
    assertThatThrownBy(pages::next).isInstanceOf(AthenaWsException.class);
    assertThat(s3.opens()).containsExactly(0L, 20L, 20L, 20L);
    assertThat(time.sleeps())
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
  }
}
