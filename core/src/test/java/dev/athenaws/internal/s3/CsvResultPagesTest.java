package dev.athenaws.internal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.testing.FakeS3;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.ResultSetMetadata;

/** Athena's CSV result format read into GetQueryResults-shaped pages. */
class CsvResultPagesTest {
  static ResultSetMetadata metadata(String... names) {
    List<ColumnInfo> cols = new ArrayList<>();
    for (String n : names) {
      cols.add(ColumnInfo.builder().name(n).label(n).type("varchar").build());
    }
    return ResultSetMetadata.builder().columnInfo(cols).build();
  }

  static List<List<String>> values(CsvResultPages pages) {
    List<List<String>> out = new ArrayList<>();
    while (pages.hasNext()) {
      pages
          .next()
          .resultSet()
          .rows()
          .forEach(r -> out.add(r.data().stream().map(Datum::varCharValue).toList()));
    }
    return out;
  }

  private static CsvResultPages pages(String csv, int pageRows, String... names) {
    return new CsvResultPages(
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), metadata(names), pageRows);
  }

  @Test
  void nullStaysApartFromTheEmptyString() {
    String csv = "\"a\",\"b\"\n,\"\"\n\"\",\n";
    assertThat(values(pages(csv, 10, "a", "b")))
        .containsExactly(List.of("a", "b"), Arrays.asList(null, ""), Arrays.asList("", null));
  }

  @Test
  void quotesNewlinesCommasAndUnicodeSurvive() {
    List<String> row = List.of("say \"hi\"", "line1\nline2\r\nline3", "a,b", "é 😀 中文", " pad ");
    String csv = FakeS3.athenaCsv(List.of("a", "b", "c", "d", "e"), List.of(row));
    assertThat(values(pages(csv, 10, "a", "b", "c", "d", "e")))
        .containsExactly(List.of("a", "b", "c", "d", "e"), row);
  }

  @Test
  void arraysMapsAndRowsArriveAsAthenasText() {
    // Athena writes complex values in the text form GetQueryResults gives them.
    List<String> row = List.of("[1, 2, null]", "{a=1, b=null}", "{x=1, y=[a, b]}", "[]");
    String csv = FakeS3.athenaCsv(List.of("arr", "m", "r", "e"), List.of(row));
    assertThat(values(pages(csv, 10, "arr", "m", "r", "e")))
        .containsExactly(List.of("arr", "m", "r", "e"), row);
  }

  @Test
  void aOneColumnNullIsAnEmptyLine() {
    String csv = "\"a\"\n\n\"x\"\n";
    assertThat(values(pages(csv, 10, "a")))
        .containsExactly(List.of("a"), Arrays.asList((String) null), List.of("x"));
  }

  @Test
  void pagesHoldAtMostPageRowsRecordsAndOnlyTheFirstCarriesMetadata() {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(List.of(Integer.toString(i)));
    }
    CsvResultPages pages = pages(FakeS3.athenaCsv(List.of("n"), rows), 2, "n");
    List<Integer> sizes = new ArrayList<>();
    List<Boolean> metadata = new ArrayList<>();
    List<Long> positions = new ArrayList<>();
    while (pages.hasNext()) {
      GetQueryResultsResponse p = pages.next();
      sizes.add(p.resultSet().rows().size());
      metadata.add(p.resultSet().resultSetMetadata() != null);
      positions.add(CsvResultPages.recordsOf(p.nextToken()));
    }
    assertThat(sizes).containsExactly(2, 2, 2); // header + 5 rows
    assertThat(metadata).containsExactly(true, false, false);
    // Every page but the last says how many records (header included) were read: a resume point.
    assertThat(positions).containsExactly(2L, 4L, -1L);
  }

  @Test
  void skippingTheRecordsOfAPausedRunResumesAtTheNextRecordWithTheMetadata() {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(List.of("v" + i));
    }
    CsvResultPages first = pages(FakeS3.athenaCsv(List.of("n"), rows), 2, "n");
    String token = first.next().nextToken();

    CsvResultPages resumed =
        pages(FakeS3.athenaCsv(List.of("n"), rows), 2, "n").skip(CsvResultPages.recordsOf(token));
    GetQueryResultsResponse p = resumed.next();

    assertThat(p.resultSet().resultSetMetadata()).isNotNull();
    assertThat(p.resultSet().rows())
        .extracting(r -> r.data().get(0).varCharValue())
        .containsExactly("v1", "v2");
    assertThat(CsvResultPages.recordsOf(p.nextToken())).isEqualTo(4L);
  }

  @Test
  void athenasOwnTokensAreNotResumePositions() {
    assertThat(CsvResultPages.recordsOf(null)).isEqualTo(-1);
    assertThat(CsvResultPages.recordsOf("AQABAAAAAAAAAA==")).isEqualTo(-1);
    assertThat(CsvResultPages.recordsOf(CsvResultPages.resumeToken(0))).isZero();
  }

  @Test
  void anEmptyObjectIsOneEmptyPage() {
    CsvResultPages pages = pages("", 10, "a");
    GetQueryResultsResponse p = pages.next();
    assertThat(p.resultSet().rows()).isEmpty();
    assertThat(p.resultSet().resultSetMetadata().columnInfo()).hasSize(1);
    assertThat(pages.hasNext()).isFalse();
  }

  @Test
  void brokenCsvIsAnInternalError() {
    CsvResultPages pages = pages("\"a\"\n\"unterminated\n", 10, "a");
    assertThatThrownBy(pages::next).isInstanceOf(AthenaWsException.class);
    assertThat(pages.hasNext()).isFalse();
  }
}
