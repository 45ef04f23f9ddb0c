package dev.athenaws.local.athena;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Athena's {@code AthenaError} of a failed query, mapped from a DuckDB error (Athena error catalog:
 * category 1 SYSTEM, 2 USER; docs.aws.amazon.com/athena/latest/ug/error-reference.html).
 *
 * <p>Mapping: every SQL error is category 2 (USER), not retryable. A missing table, schema or
 * column (DuckDB "Catalog Error ... Table/Schema ... does not exist", "Binder Error ... column ...
 * not found") is ErrorType 1301; every other SQL error (syntax, conversion, binder, parameter
 * count) is 1000, Athena's generic user error. A failure of the emulator itself is category 1
 * (SYSTEM) type 200 ("query engine had an internal error"), retryable. The message is the
 * Trino-style error name followed by the first line of DuckDB's message, e.g. {@code
 * TABLE_NOT_FOUND: Catalog Error: Table with name nope does not exist!}; StateChangeReason carries
 * the same text.
 *
 * <p>Thread-safety: an immutable record.
 */
record AthenaFailure(int category, int type, boolean retryable, String message) {
  static final int USER = 2;
  static final int SYSTEM = 1;

  static AthenaFailure user(String message) {
    return new AthenaFailure(USER, 1000, false, message);
  }

  static AthenaFailure internal(Throwable t) {
    return new AthenaFailure(SYSTEM, 200, true, "INTERNAL_ERROR: " + firstLine(String.valueOf(t)));
  }

  static AthenaFailure fromSql(SQLException e) {
    String line = firstLine(String.valueOf(e.getMessage()));
    String lower = line.toLowerCase(Locale.ROOT);
    if (lower.startsWith("catalog error") && lower.contains("does not exist")) {
      if (lower.contains("table with name") || lower.contains("view with name")) {
        return new AthenaFailure(USER, 1301, false, "TABLE_NOT_FOUND: " + line);
      }
      if (lower.contains("schema with name")) {
        return new AthenaFailure(USER, 1301, false, "SCHEMA_NOT_FOUND: " + line);
      }
      if (lower.contains("function with name")) {
        return user("FUNCTION_NOT_FOUND: " + line);
      }
    }
    if (lower.startsWith("binder error")
        && lower.contains("column")
        && lower.contains("not found")) {
      return new AthenaFailure(USER, 1301, false, "COLUMN_NOT_FOUND: " + line);
    }
    if (lower.startsWith("parser error")) {
      return user("SYNTAX_ERROR: " + line);
    }
    if (lower.startsWith("conversion error")) {
      return user("INVALID_CAST_ARGUMENT: " + line);
    }
    return user("GENERIC_USER_ERROR: " + line);
  }

  static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return (nl < 0 ? text : text.substring(0, nl)).trim();
  }
}
