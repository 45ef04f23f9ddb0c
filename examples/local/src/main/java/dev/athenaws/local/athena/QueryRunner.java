package dev.athenaws.local.athena;

import dev.athenaws.internal.types.AthenaType;
import dev.athenaws.internal.types.TypeKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Execution} on its own DuckDB connection (a duplicate of the emulator's root
 * connection, so queries run in parallel): selects the schema named by the database, prepares the
 * SQL ({@link SqlRewrite}), executes it, and streams a result into a {@link ResultTable}.
 *
 * <p>DataScannedInBytes is an estimate: the characters of the result text written (Athena reports
 * the input bytes read, which DuckDB does not expose per query).
 *
 * <p>Thread-safety: stateless apart from the shared root connection, whose {@code duplicate()} is
 * safe to call from several threads.
 */
final class QueryRunner {
  private static final Logger LOG = LoggerFactory.getLogger(QueryRunner.class);
  private static final int CANCEL_CHECK_ROWS = 1024;

  private final DuckDBConnection root;
  private final Clock clock;
  private final ResultObjects objects;
  private final Consumer<String> succeeded;

  QueryRunner(
      DuckDBConnection root, Clock clock, ResultObjects objects, Consumer<String> succeeded) {
    this.root = root;
    this.clock = clock;
    this.objects = objects;
    this.succeeded = succeeded;
  }

  void run(Execution e) {
    if (!e.markRunning(clock.instant())) {
      return;
    }
    String[] table = new String[1];
    try (DuckDBConnection c = root.duplicate()) {
      try (Statement use = c.createStatement()) {
        use.execute("USE " + quote(e.database));
      }
      String sql = SqlRewrite.prepare(e.query, e.parameters);
      try (Statement st = c.createStatement()) {
        if (!e.attach(st)) {
          return;
        }
        boolean hasRows = st.execute(sql);
        QueryResult r = hasRows ? collect(e, c, st.getResultSet(), table) : noRows(e, st);
        if (e.succeed(r, clock.instant())) {
          succeeded.accept(e.id);
        } else if (table[0] != null) {
          ResultTable.drop(c, table[0]);
        }
      }
    } catch (SqlRewrite.ParameterCountException ex) {
      e.fail(AthenaFailure.user("INVALID_PARAMETER_USAGE: " + ex.getMessage()), clock.instant());
    } catch (IllegalArgumentException ex) {
      e.fail(AthenaFailure.user("SYNTAX_ERROR: " + ex.getMessage()), clock.instant());
    } catch (SQLException ex) {
      // After a stop the interrupted statement fails; the query is CANCELLED already.
      e.fail(AthenaFailure.fromSql(ex), clock.instant());
      dropQuietly(table[0]);
    } catch (RuntimeException ex) {
      LOG.warn("query {} failed inside the emulator", e.id, ex);
      e.fail(AthenaFailure.internal(ex), clock.instant());
      dropQuietly(table[0]);
    }
  }

  private QueryResult collect(Execution e, DuckDBConnection c, ResultSet rs, String[] table)
      throws SQLException {
    try (rs) {
      if (e.kind.returnsUpdateCount()) {
        long count = rs.next() ? rs.getLong(1) : 0;
        return updateCount(count);
      }
      RowShape shape = RowShape.of(e.kind, rs.getMetaData());
      long bytes = 0;
      try (DuckDBConnection writer = root.duplicate();
          ResultTable out = ResultTable.create(writer, e.id, shape.columns().size());
          CsvResult csv = csvFor(e, shape)) {
        table[0] = out.name();
        while (rs.next()) {
          String[] row = shape.row(rs);
          for (String v : row) {
            bytes += v == null ? 0 : v.length();
          }
          out.append(row);
          if (csv != null) {
            csv.append(row);
          }
          if (out.rows() % CANCEL_CHECK_ROWS == 0 && e.isTerminal()) {
            break;
          }
        }
        if (csv != null && !e.isTerminal()) {
          csv.publish(); // before SUCCEEDED: a reader that sees SUCCEEDED finds the object
        }
        return new QueryResult(shape.columns(), out.name(), out.rows(), null, bytes);
      } catch (java.io.IOException io) {
        throw new java.io.UncheckedIOException("writing the result object of " + e.id, io);
      }
    }
  }

  /**
   * Athena writes a DML query's result as {@code <QueryID>.csv} in the output location; utility and
   * DDL statements (a {@code .txt}) are not written here.
   */
  private CsvResult csvFor(Execution e, RowShape shape) throws java.io.IOException {
    return e.kind.isSelect()
        ? CsvResult.start(objects, e.outputLocation + e.id + ".csv", shape.columns())
        : null;
  }

  private static QueryResult noRows(Execution e, Statement st) throws SQLException {
    if (e.kind.returnsUpdateCount()) {
      return updateCount(Math.max(st.getUpdateCount(), 0));
    }
    return QueryResult.empty();
  }

  private static QueryResult updateCount(long count) {
    ColumnMeta rows = ColumnMeta.of("rows", AthenaType.Simple.of(TypeKind.BIGINT));
    return new QueryResult(List.of(rows), null, 0, count, 0);
  }

  private void dropQuietly(String table) {
    if (table == null) {
      return;
    }
    try (DuckDBConnection c = root.duplicate()) {
      ResultTable.drop(c, table);
    } catch (SQLException ex) {
      LOG.debug("could not drop result table {}", table, ex);
    }
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
