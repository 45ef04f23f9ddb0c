package dev.athenaws.local.athena;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.internal.types.AthenaText;
import dev.athenaws.internal.types.AthenaType;
import dev.athenaws.internal.types.ValueConverters;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.ColumnNullable;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;

/**
 * One literal of every type through the real AthenaClient: the text and ColumnInfo.Type must be
 * Athena's (expected strings from docs/aws-behaviour.md "Value formats" and core's
 * all-types-select.json fixture, itself from uber/athenadriver UndocumentedAthena.md and PyAthena
 * test_cursor.py), and core's converters must parse every text back to a value that formats to the
 * same text.
 */
class TypesGoldenTest {
  /**
   * label, SQL expression, expected Athena text, expected ColumnInfo.Type, type hint for the round
   * trip.
   */
  private static final String[][] CASES = {
    {"b", "true", "true", "boolean", "boolean"},
    {"ti", "CAST(-12 AS TINYINT)", "-12", "tinyint", "tinyint"},
    {"si", "CAST(-12 AS SMALLINT)", "-12", "smallint", "smallint"},
    {"i", "-12", "-12", "integer", "integer"},
    {"big", "9223372036854775807", "9223372036854775807", "bigint", "bigint"},
    {"r", "CAST(1.5 AS REAL)", "1.5", "real", "real"},
    {"r2", "CAST(1e-5 AS REAL)", "1.0E-5", "real", "real"},
    {"d", "1.234E10", "1.234E10", "double", "double"},
    {"dnan", "CAST('NaN' AS DOUBLE)", "NaN", "double", "double"},
    {"dinf", "CAST('Infinity' AS DOUBLE)", "Infinity", "double", "double"},
    {"dninf", "-CAST('Infinity' AS DOUBLE)", "-Infinity", "double", "double"},
    {"dec", "DECIMAL '0.10'", "0.10", "decimal", "decimal(2,2)"},
    {"dec3", "CAST(-12.5 AS DECIMAL(10,3))", "-12.500", "decimal", "decimal(10,3)"},
    {"v", "'x'", "x", "varchar", "varchar"},
    {"dt", "DATE '2017-01-02'", "2017-01-02", "date", "date"},
    {"tm", "TIME '01:02:03.456'", "01:02:03.456", "time", "time"},
    {"ts", "TIMESTAMP '2017-01-01 00:00:00'", "2017-01-01 00:00:00.000", "timestamp", "timestamp"},
    {
      "ts2",
      "TIMESTAMP '2017-01-01 12:34:56.789'",
      "2017-01-01 12:34:56.789",
      "timestamp",
      "timestamp"
    },
    {
      "tstz",
      "TIMESTAMP '2001-08-22 03:04:05.321 UTC'",
      "2001-08-22 03:04:05.321 UTC",
      "timestamp with time zone",
      "timestamp with time zone"
    },
    {"bin", "X'0001ff'", "00 01 ff", "varbinary", "varbinary"},
    {"j", "JSON '{\"a\":1}'", "{\"a\":1}", "json", "json"},
    {"arr", "ARRAY[1, 2]", "[1, 2]", "array", "array(integer)"},
    {"arrn", "ARRAY['a', NULL]", "[a, null]", "array", "array(varchar)"},
    {
      "m", "MAP(ARRAY['k', 'k2'], ARRAY['v', 'v2'])", "{k=v, k2=v2}", "map", "map(varchar, varchar)"
    },
    {
      "rw",
      "CAST(ROW(1, 'x') AS ROW(a INTEGER, b VARCHAR))",
      "{a=1, b=x}",
      "row",
      "row(a integer, b varchar)"
    },
    {
      "nested",
      "[{'a': 1, 'b': [DATE '2021-08-01']}]",
      "[{a=1, b=[2021-08-01]}]",
      "array",
      "array(row(a integer, b array(date)))"
    },
    {
      "u",
      "UUID '12151fd2-7586-11e9-8f9e-2a86e4085a59'",
      "12151fd2-7586-11e9-8f9e-2a86e4085a59",
      "uuid",
      "uuid"
    },
    {
      "iv", "INTERVAL '2' DAY", "2 00:00:00.000", "interval day to second", "interval day to second"
    },
  };

  private static EmulatorClient client;
  private static GetQueryResultsResponse page;

  @BeforeAll
  static void runQuery() throws Exception {
    client = EmulatorClient.create();
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < CASES.length; i++) {
      sql.append(i > 0 ? ", " : "").append(CASES[i][1]).append(" AS ").append(CASES[i][0]);
    }
    String id = client.run(sql.toString());
    page = client.pages(id, null).get(0);
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void textsAreAthenas() {
    List<List<String>> rows = EmulatorClient.values(List.of(page));
    assertThat(rows).hasSize(2);
    for (int i = 0; i < CASES.length; i++) {
      assertThat(rows.get(0).get(i)).as("header of %s", CASES[i][0]).isEqualTo(CASES[i][0]);
      assertThat(rows.get(1).get(i)).as("text of %s", CASES[i][0]).isEqualTo(CASES[i][2]);
    }
  }

  @Test
  void columnInfoNamesAthenaTypes() {
    List<ColumnInfo> info = page.resultSet().resultSetMetadata().columnInfo();
    assertThat(info).hasSize(CASES.length);
    for (int i = 0; i < CASES.length; i++) {
      ColumnInfo c = info.get(i);
      assertThat(c.type()).as("type of %s", CASES[i][0]).isEqualTo(CASES[i][3]);
      assertThat(c.name()).isEqualTo(CASES[i][0]);
      assertThat(c.label()).isEqualTo(CASES[i][0]);
      assertThat(c.nullable()).isEqualTo(ColumnNullable.UNKNOWN);
    }
    assertThat(info.get(11).precision()).isEqualTo(2);
    assertThat(info.get(11).scale()).isEqualTo(2);
    assertThat(info.get(12).precision()).isEqualTo(10);
    assertThat(info.get(12).scale()).isEqualTo(3);
    assertThat(info.get(13).caseSensitive()).isTrue();
    assertThat(info.get(3).precision()).isEqualTo(10);
  }

  @Test
  void everyTextRoundTripsThroughCoreConverters() {
    List<String> values = EmulatorClient.values(List.of(page)).get(1);
    List<ColumnInfo> info = page.resultSet().resultSetMetadata().columnInfo();
    for (int i = 0; i < CASES.length; i++) {
      AthenaType hint = AthenaType.parse(CASES[i][4]);
      AthenaType fromInfo =
          AthenaType.fromColumnInfo(
              info.get(i).type(), info.get(i).precision(), info.get(i).scale());
      AthenaType type =
          hint.kind() == fromInfo.kind() && CASES[i][4].contains("(") ? hint : fromInfo;
      Object value = ValueConverters.forType(type).convert(values.get(i));
      assertThat(AthenaText.format(type, value))
          .as("round trip of %s", CASES[i][0])
          .isEqualTo(values.get(i));
    }
  }
}
