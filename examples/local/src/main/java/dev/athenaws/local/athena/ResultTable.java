package dev.athenaws.local.athena;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Where a query's result rows live until they are paged: a DuckDB table {@code
 * athena_results.r_<id>(rn BIGINT, c0 VARCHAR, ...)} holding every value already in Athena's text
 * (NULL stays NULL). Rows are appended while the query's JDBC result streams, so neither the
 * emulator nor the driver holds the whole result in the Java heap; a page is one indexed range scan
 * ({@code rn >= from AND rn < to}). DuckDB keeps the table in its own buffer pool and spills to its
 * temp directory under memory pressure.
 *
 * <p>Thread-safety: a writer is confined to the query's thread; {@link #page} and {@link #drop} are
 * static and use the caller's connection.
 */
final class ResultTable implements AutoCloseable {
  static final String SCHEMA = "athena_results";

  private final DuckDBAppender appender;
  private final String name;
  private long rows;

  private ResultTable(DuckDBAppender appender, String name) {
    this.appender = appender;
    this.name = name;
  }

  /** Creates the schema once; call at start-up. */
  static void createSchema(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
    }
  }

  static String tableName(String queryExecutionId) {
    return "r_" + queryExecutionId.replace('-', '_');
  }

  /**
   * @return a writer for a fresh table of {@code columns} varchar columns, on {@code c}
   */
  static ResultTable create(DuckDBConnection c, String queryExecutionId, int columns)
      throws SQLException {
    String name = tableName(queryExecutionId);
    StringBuilder ddl = new StringBuilder("CREATE TABLE " + SCHEMA + "." + name + " (rn BIGINT");
    for (int i = 0; i < columns; i++) {
      ddl.append(", c").append(i).append(" VARCHAR");
    }
    try (Statement s = c.createStatement()) {
      s.execute(ddl.append(')').toString());
    }
    return new ResultTable(c.createAppender(SCHEMA, name), name);
  }

  void append(String[] row) throws SQLException {
    appender.beginRow().append(rows++);
    for (String v : row) {
      if (v == null) {
        appender.appendNull();
      } else {
        appender.append(v);
      }
    }
    appender.endRow();
  }

  long rows() {
    return rows;
  }

  String name() {
    return name;
  }

  @Override
  public void close() throws SQLException {
    appender.close();
  }

  /**
   * @return rows {@code from .. from+count-1} (0-based), each value Athena text or null
   */
  static List<String[]> page(Connection c, String table, int columns, long from, int count)
      throws SQLException {
    List<String[]> out = new ArrayList<>(count);
    String sql = "SELECT * FROM " + SCHEMA + "." + table + " WHERE rn >= ? AND rn < ? ORDER BY rn";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, from);
      ps.setLong(2, from + count);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String[] row = new String[columns];
          for (int i = 0; i < columns; i++) {
            row[i] = rs.getString(i + 2);
          }
          out.add(row);
        }
      }
    }
    return out;
  }

  static void drop(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + SCHEMA + "." + table);
    }
  }
}
