package dev.athenaws.internal.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.ValueFormatException;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.internal.types.AthenaType;
import dev.athenaws.testing.ResultFixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.ResultSet;
import software.amazon.awssdk.services.athena.model.ResultSetMetadata;

class ResultSetMapperTest {

  private static List<List<Object>> values(MappedPage page) {
    List<List<Object>> out = new ArrayList<>();
    page.rows().forEach(r -> out.add(r.values()));
    return out;
  }

  @Test
  void selectSkipsTheHeaderOnlyOnPageOneAndKeepsRowsThatEqualTheLabels() {
    ResultSetMapper mapper = ResultSetMapper.builder().statementKind(StatementKind.SELECT).build();

    MappedPage first = mapper.map(ResultFixtures.load("select-page1.json"));
    MappedPage second = mapper.map(ResultFixtures.load("select-page2.json"));

    assertThat(first.pageNumber()).isEqualTo(1);
    assertThat(first.nextToken()).isEqualTo("page-2-token");
    assertThat(values(first))
        .containsExactly(
            Arrays.asList("x", "name", 1),
            Arrays.asList("x", "", null),
            Arrays.asList("x", null, -3));
    assertThat(second.pageNumber()).isEqualTo(2);
    assertThat(second.isLast()).isTrue();
    // Row 0 of page 2 equals the labels and is still data.
    assertThat(values(second))
        .containsExactly(Arrays.asList("x", "name", 7), Arrays.asList("x", "last", 8));
  }

  @Test
  void nullAndTheEmptyStringStayApart() {
    MappedPage page =
        ResultSetMapper.builder().build().map(ResultFixtures.load("select-page1.json"));

    assertThat(page.rows().get(1).get(1)).isEqualTo("");
    assertThat(page.rows().get(1).get(2)).isNull();
    assertThat(page.rows().get(2).get(1)).isNull();
  }

  @Test
  void columnsCarryLabelsAndAthenaTypes() {
    MappedPage page =
        ResultSetMapper.builder().build().map(ResultFixtures.load("select-page1.json"));

    assertThat(page.columns())
        .extracting(Column::name, c -> c.type().signature())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("x", "varchar"),
            org.assertj.core.groups.Tuple.tuple("name", "varchar"),
            org.assertj.core.groups.Tuple.tuple("n", "integer"));
  }

  @Test
  void utilityAndDdlResultsKeepEveryRow() {
    StatementKind show = new StatementKind("UTILITY", "SHOW_TABLES");
    StatementKind describe = new StatementKind("UTILITY", "DESCRIBE_TABLE");
    StatementKind explain = new StatementKind("UTILITY", "EXPLAIN");

    MappedPage tables =
        ResultSetMapper.builder()
            .statementKind(show)
            .build()
            .map(ResultFixtures.load("show-tables.json"));
    MappedPage columns =
        ResultSetMapper.builder()
            .statementKind(describe)
            .build()
            .map(ResultFixtures.load("describe.json"));
    MappedPage plan =
        ResultSetMapper.builder()
            .statementKind(explain)
            .build()
            .map(ResultFixtures.load("explain.json"));

    assertThat(values(tables))
        .containsExactly(List.of("cloudtrail_logs_partition_projection"), List.of("elb_logs"));
    assertThat(columns.rows()).hasSize(2);
    assertThat((String) columns.rows().get(0).get(0)).startsWith("eventname");
    // An unknown Athena type name ("string" from DESCRIBE) keeps the exact text.
    assertThat(columns.columns().get(0).type().kind())
        .isEqualTo(dev.athenaws.internal.types.TypeKind.UNKNOWN);
    assertThat(values(plan)).containsExactly(List.of("Query Plan"), List.of("Fragment 0 [SINGLE]"));
  }

  @Test
  void insertAndCtasReportTheUpdateCount() {
    StatementKind insert = new StatementKind("DML", "INSERT");
    StatementKind ctas = new StatementKind("DDL", "CREATE_TABLE_AS_SELECT");

    MappedPage inserted =
        ResultSetMapper.builder()
            .statementKind(insert)
            .build()
            .map(ResultFixtures.load("insert.json"));
    MappedPage created =
        ResultSetMapper.builder()
            .statementKind(ctas)
            .build()
            .map(ResultFixtures.load("insert.json"));

    for (MappedPage page : List.of(inserted, created)) {
      assertThat(page.updateCount()).isEqualTo(42L);
      assertThat(page.columns()).extracting(Column::name).containsExactly("rows");
      assertThat(values(page)).containsExactly(Arrays.asList((Object) null));
    }
  }

  @Test
  void ddlWithoutColumnsGivesAnEmptyPage() {
    MappedPage page =
        ResultSetMapper.builder()
            .statementKind(new StatementKind("DDL", "CREATE_TABLE"))
            .build()
            .map(ResultFixtures.load("create-table.json"));

    assertThat(page.columns()).isEmpty();
    assertThat(page.rows()).isEmpty();
  }

  @Test
  void aResumedMapperNeverSkipsARow() {
    ResultSetMapper mapper = ResultSetMapper.builder().firstPageNumber(2).build();

    MappedPage page = mapper.map(ResultFixtures.load("select-page2.json"));

    assertThat(page.pageNumber()).isEqualTo(2);
    assertThat(page.rows()).hasSize(2);
  }

  @Test
  void repeatedLabelsGetUniqueNames() {
    GetQueryResultsResponse response =
        page(
            List.of(col("a", "integer"), col("a", "integer"), col("a_2", "integer")),
            List.of(List.of("1", "2", "3")));

    MappedPage page = ResultSetMapper.builder().statementKind(utility()).build().map(response);

    assertThat(page.columns()).extracting(Column::name).containsExactly("a", "a_2", "a_2_2");
    assertThat(page.columns()).extracting(Column::label).containsExactly("a", "a", "a_2");
  }

  @Test
  void lenientModeKeepsTheRawTextAndReportsOncePerColumn() {
    List<String> reports = new ArrayList<>();
    GetQueryResultsResponse response =
        page(
            List.of(col("n", "integer"), col("d", "date")),
            List.of(List.of("abc", "2021-13-45"), List.of("def", "2021-01-02"), List.of("7", "x")));

    MappedPage page =
        ResultSetMapper.builder()
            .statementKind(utility())
            .listener((c, e) -> reports.add(c.name() + ":" + e.type() + ":" + e.value()))
            .build()
            .map(response);

    assertThat(values(page))
        .containsExactly(
            List.of("abc", "2021-13-45"),
            List.of("def", java.time.LocalDate.of(2021, 1, 2)),
            List.of(7, "x"));
    assertThat(reports).containsExactly("n:integer:abc", "d:date:2021-13-45");
  }

  @Test
  void strictModeNamesColumnTypeAndTruncatedValue() {
    String longValue = "9".repeat(200);
    GetQueryResultsResponse response =
        page(List.of(col("id", "varchar"), col("big", "bigint")), List.of(List.of("a", longValue)));
    ResultSetMapper mapper =
        ResultSetMapper.builder().statementKind(utility()).strict(true).build();

    assertThatThrownBy(() -> mapper.map(response))
        .isInstanceOf(ValueFormatException.class)
        .hasMessageContaining("'big'")
        .hasMessageContaining("bigint")
        .hasMessageContaining("9".repeat(ValueFormatException.MAX_VALUE_CHARS) + "...")
        .satisfies(
            e -> {
              ValueFormatException v = (ValueFormatException) e;
              assertThat(v.column()).isEqualTo("big");
              assertThat(v.value()).hasSize(ValueFormatException.MAX_VALUE_CHARS + 3);
            });
  }

  @Test
  void namingTheColumnKeepsTheConvertersReason() {
    GetQueryResultsResponse response =
        page(List.of(col("xs", "array")), List.of(List.of("[1, x]")));
    ResultSetMapper mapper =
        ResultSetMapper.builder()
            .statementKind(utility())
            .columnTypes(Map.of("xs", AthenaType.parse("array(integer)")))
            .strict(true)
            .build();

    assertThatThrownBy(() -> mapper.map(response))
        .isInstanceOf(ValueFormatException.class)
        .hasMessage(
            "value of column 'xs' is not a valid array(integer): '[1, x]'"
                + " (element 1 is not a valid integer: 'x')")
        .satisfies(
            e ->
                assertThat(((ValueFormatException) e).reason())
                    .isEqualTo("element 1 is not a valid integer: 'x'"));
  }

  @Test
  void typeHintsTurnNestedColumnsIntoListsAndMaps() {
    GetQueryResultsResponse response =
        page(
            List.of(col("xs", "array"), col("r", "row"), col("plain", "array")),
            List.of(List.of("[1, 2, null]", "{a=1, b=x}", "[1, 2]")));

    MappedPage page =
        ResultSetMapper.builder()
            .statementKind(utility())
            .columnTypes(
                Map.of(
                    "xs", AthenaType.parse("array(integer)"),
                    "r", AthenaType.parse("row(a integer, b varchar)")))
            .build()
            .map(response);

    assertThat(page.rows().get(0).get(0)).isEqualTo(Arrays.asList(1, 2, null));
    assertThat(page.rows().get(0).get(1)).isEqualTo(Map.of("a", 1, "b", "x"));
    assertThat(page.rows().get(0).get(2)).isEqualTo("[1, 2]");
    assertThat(page.columns().get(0).type().signature()).isEqualTo("array(integer)");
  }

  @Test
  void hintsMatchAthenasLowerCasedLabelsWhateverTheirCase() {
    // SELECT userName, CAST(ROW(1) AS ROW(a integer)) AS Info ...: Athena labels them username,
    // info.
    GetQueryResultsResponse response =
        page(
            List.of(col("username", "array"), col("info", "row"), col("Exact", "array")),
            List.of(List.of("[1, 2]", "{a=1}", "[3]")));

    MappedPage page =
        ResultSetMapper.builder()
            .statementKind(utility())
            .columnTypes(
                Map.of(
                    "userName", AthenaType.parse("array(integer)"),
                    "Info", AthenaType.parse("row(a integer)"),
                    "Exact", AthenaType.parse("array(integer)"),
                    "exact", AthenaType.parse("array(varchar)")))
            .build()
            .map(response);

    assertThat(page.rows().get(0).get(0)).isEqualTo(List.of(1, 2));
    assertThat(page.rows().get(0).get(1)).isEqualTo(Map.of("a", 1));
    assertThat(page.rows().get(0).get(2)).isEqualTo(List.of(3));
  }

  @Test
  void aHintOfAnotherKindIsIgnored() {
    GetQueryResultsResponse response = page(List.of(col("v", "varchar")), List.of(List.of("[1]")));

    MappedPage page =
        ResultSetMapper.builder()
            .statementKind(utility())
            .columnTypes(Map.of("v", AthenaType.parse("array(integer)")))
            .build()
            .map(response);

    assertThat(page.rows().get(0).get(0)).isEqualTo("[1]");
    assertThat(page.columns().get(0).type().signature()).isEqualTo("varchar");
  }

  @Test
  void aRowWithTheWrongNumberOfValuesIsAnInternalError() {
    GetQueryResultsResponse response =
        page(List.of(col("a", "integer"), col("b", "integer")), List.of(List.of("1")));
    ResultSetMapper mapper = ResultSetMapper.builder().statementKind(utility()).build();

    assertThatThrownBy(() -> mapper.map(response))
        .isInstanceOfSatisfying(
            AthenaWsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageContaining("1 values")
        .hasMessageContaining("2 columns");
  }

  @Test
  void rowsWithoutMetadataAreAnInternalError() {
    GetQueryResultsResponse response =
        GetQueryResultsResponse.builder()
            .resultSet(
                ResultSet.builder()
                    .rows(
                        software.amazon.awssdk.services.athena.model.Row.builder()
                            .data(Datum.builder().varCharValue("1").build())
                            .build())
                    .build())
            .build();

    assertThatThrownBy(() -> ResultSetMapper.builder().build().map(response))
        .isInstanceOf(AthenaWsException.class)
        .hasMessageContaining("no column metadata");
  }

  @Test
  void builderRejectsBadSettings() {
    assertThatThrownBy(() -> ResultSetMapper.builder().firstPageNumber(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("firstPageNumber");
    assertThatThrownBy(() -> ResultSetMapper.builder().statementKind(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("statementKind");
  }

  private static StatementKind utility() {
    return new StatementKind("UTILITY", null);
  }

  private static ColumnInfo col(String label, String type) {
    return ColumnInfo.builder().name(label).label(label).type(type).build();
  }

  private static GetQueryResultsResponse page(List<ColumnInfo> cols, List<List<String>> rows) {
    List<software.amazon.awssdk.services.athena.model.Row> out = new ArrayList<>();
    for (List<String> r : rows) {
      List<Datum> data = new ArrayList<>();
      r.forEach(v -> data.add(Datum.builder().varCharValue(v).build()));
      out.add(software.amazon.awssdk.services.athena.model.Row.builder().data(data).build());
    }
    return GetQueryResultsResponse.builder()
        .resultSet(
            ResultSet.builder()
                .resultSetMetadata(ResultSetMetadata.builder().columnInfo(cols).build())
                .rows(out)
                .build())
        .build();
  }
}
