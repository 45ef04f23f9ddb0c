package dev.athenaws.local.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudTrailDataTest {
  private static final String TABLE = "\"default\"." + CloudTrailData.TABLE;

  @Test
  void sameSeedSameRowsOtherSeedOtherRows() throws SQLException {
    assertThat(digest(2_000, 7)).isEqualTo(digest(2_000, 7)).isNotEqualTo(digest(2_000, 8));
  }

  @Test
  void defaultSizeLoadsWithTheDocumentedShape() throws SQLException {
    // No wall-clock limit here: timed unit tests flake on shared 2-core machines; the local stack's
    // start-up time is measured by the benchmarks (docs/performance.md).
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      CloudTrailData.load(c, CloudTrailData.DEFAULT_EVENTS, CloudTrailData.DEFAULT_SEED);
      assertThat(scalar(c, "SELECT count(*) FROM " + TABLE)).isEqualTo("100000");
      assertThat(scalar(c, "SELECT count(DISTINCT region) FROM " + TABLE)).isEqualTo("12");
      assertThat(Long.parseLong(scalar(c, "SELECT count(DISTINCT eventname) FROM " + TABLE)))
          .isGreaterThanOrEqualTo(30);
      assertThat(scalar(c, "SELECT min(\"date\") || ' ' || max(\"date\") FROM " + TABLE))
          .isEqualTo("2021/07/01 2021/09/30");
      assertThat(
              scalar(
                  c,
                  "SELECT count(*) FROM "
                      + TABLE
                      + " WHERE region <> awsregion OR replace(substr(eventtime, 1, 10), '-', '/') <> \"date\""))
          .isEqualTo("0");
      double errorShare =
          Double.parseDouble(
              scalar(c, "SELECT avg(CASE WHEN errorcode IS NULL THEN 0 ELSE 1 END) FROM " + TABLE));
      assertThat(errorShare).isBetween(0.04, 0.06);
      assertThat(
              scalar(
                  c,
                  "SELECT count(*) FROM " + TABLE + " WHERE json_valid(requestparameters) = false"))
          .isEqualTo("0");
      assertThat(
              scalar(
                  c,
                  "SELECT useridentity.sessioncontext.sessionissuer.type FROM "
                      + TABLE
                      + " WHERE useridentity.type = 'AssumedRole' LIMIT 1"))
          .isEqualTo("Role");
      assertThat(
              scalar(
                  c,
                  "SELECT resources[1].type FROM "
                      + TABLE
                      + " WHERE eventname = 'GetObject' LIMIT 1"))
          .isEqualTo("AWS::S3::Object");
      assertThat(
              scalar(
                  c,
                  "SELECT count(*) FROM "
                      + TABLE
                      + " WHERE eventname IN ('CreateTable', 'GetObject', 'AssumeRole')"
                      + " GROUP BY ALL HAVING count(DISTINCT eventname) = 3"))
          .isNotNull();
    }
  }

  private static List<String> digest(int events, long seed) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      CloudTrailData.load(c, events, seed);
      List<String> rows = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM " + TABLE)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder sb = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            sb.append(rs.getObject(i)).append('|');
          }
          rows.add(sb.toString());
        }
      }
      assertThat(rows).hasSize(events);
      return rows;
    }
  }

  private static String scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
