package dev.athenaws.local.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.internal.types.AthenaType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pure SQL helpers: binding, literal rewrites, statement kinds, DuckDB type names, intervals.
 */
class SqlRewriteTest {
  @Test
  void bindsMarkersOutsideLiteralsIdentifiersAndComments() {
    String sql = "SELECT ?, '?', \"?\" /* ? */ FROM t -- ?\nWHERE a = ?";
    assertThat(SqlRewrite.prepare(sql, List.of("'it''s'", "DATE '2021-08-01'")))
        .isEqualTo("SELECT 'it''s', '?', \"?\" /* ? */ FROM t -- ?\nWHERE a = DATE '2021-08-01'");
  }

  @Test
  void countMismatchIsReportedLikeTrino() {
    assertThatThrownBy(() -> SqlRewrite.prepare("SELECT ?", List.of()))
        .isInstanceOf(SqlRewrite.ParameterCountException.class)
        .hasMessage("Incorrect number of parameters: expected 1 but found 0");
  }

  @Test
  void rewritesOnlyTheTrinoLiteralsDuckDbReadsDifferently() {
    assertThat(SqlRewrite.prepare("SELECT DECIMAL '0.10', decimal '-12.500'", List.of()))
        .isEqualTo("SELECT CAST('0.10' AS DECIMAL(2,2)), CAST('-12.500' AS DECIMAL(5,3))");
    assertThat(
            SqlRewrite.prepare(
                "SELECT TIMESTAMP '2001-08-22 03:04:05.321 America/Los_Angeles'", List.of()))
        .isEqualTo("SELECT CAST('2001-08-22 03:04:05.321 America/Los_Angeles' AS TIMESTAMPTZ)");
    String unchanged = "SELECT TIMESTAMP '2017-01-01 00:00:00', DATE '2021-08-01', 'DECIMAL ''1'''";
    assertThat(SqlRewrite.prepare(unchanged, List.of())).isEqualTo(unchanged);
    assertThat(SqlRewrite.prepare("SELECT ?", List.of("DECIMAL '1.5'")))
        .isEqualTo("SELECT CAST('1.5' AS DECIMAL(2,1))");
  }

  @Test
  void statementKindsFromTheFirstKeywords() {
    assertThat(kind("  -- c\n(SELECT 1)")).isEqualTo(new StatementKind("DML", "SELECT"));
    assertThat(kind("WITH x AS (SELECT 1) SELECT * FROM x"))
        .isEqualTo(new StatementKind("DML", "SELECT"));
    assertThat(kind("insert into t values (1)")).isEqualTo(new StatementKind("DML", "INSERT"));
    assertThat(kind("CREATE TABLE t AS SELECT 1"))
        .isEqualTo(new StatementKind("DDL", "CREATE_TABLE_AS_SELECT"));
    assertThat(kind("CREATE TABLE t (a VARCHAR DEFAULT 'AS')"))
        .isEqualTo(new StatementKind("DDL", "CREATE_TABLE"));
    assertThat(kind("CREATE OR REPLACE VIEW v AS SELECT 1"))
        .isEqualTo(new StatementKind("DDL", "CREATE_VIEW"));
    assertThat(kind("DROP TABLE t")).isEqualTo(new StatementKind("DDL", "DROP_TABLE"));
    assertThat(kind("SHOW TABLES")).isEqualTo(new StatementKind("UTILITY", "SHOW_TABLES"));
    assertThat(kind("DESCRIBE t")).isEqualTo(new StatementKind("UTILITY", "DESCRIBE_TABLE"));
    assertThat(kind("EXPLAIN SELECT 1")).isEqualTo(new StatementKind("UTILITY", "EXPLAIN"));
  }

  @Test
  void duckDbTypeNamesMapToAthenaTypes() {
    assertThat(DuckTypes.toAthena("DECIMAL(10,2)").signature()).isEqualTo("decimal(10,2)");
    assertThat(DuckTypes.toAthena("HUGEINT").signature()).isEqualTo("bigint");
    assertThat(DuckTypes.toAthena("VARCHAR[][]").signature()).isEqualTo("array(array(varchar))");
    assertThat(DuckTypes.toAthena("INTEGER[3]").signature()).isEqualTo("array(integer)");
    assertThat(DuckTypes.toAthena("MAP(VARCHAR, STRUCT(a INTEGER)[])").signature())
        .isEqualTo("map(varchar, array(row(a integer)))");
    assertThat(
            DuckTypes.toAthena("STRUCT(\"type\" VARCHAR, \"da\"\"te\" TIMESTAMP WITH TIME ZONE)"))
        .isEqualTo(AthenaType.parse("row(type varchar, \"da\"\"te\" timestamp(3) with time zone)"));
    assertThat(DuckTypes.toAthena("\"NULL\"").signature()).isEqualTo("unknown");
    assertThat(DuckTypes.toAthena("UNION(a INTEGER, b VARCHAR)").signature()).isEqualTo("unknown");
  }

  @Test
  void duckDbIntervalTextToDuration() {
    assertThat(DuckValues.interval("2 days")).isEqualTo(Duration.ofDays(2));
    assertThat(DuckValues.interval("-03:00:00")).isEqualTo(Duration.ofHours(-3));
    assertThat(DuckValues.interval("1 year 2 months 3 days 04:05:06.789"))
        .isEqualTo(Duration.ofDays(360 + 60 + 3).plusHours(4).plusMinutes(5).plusMillis(6789));
    assertThat(DuckValues.interval("00:00:00")).isEqualTo(Duration.ZERO);
  }

  private static StatementKind kind(String sql) {
    return StatementKind.of(SqlTokens.of(sql));
  }
}
