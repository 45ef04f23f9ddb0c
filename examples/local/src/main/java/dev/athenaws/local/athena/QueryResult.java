package dev.athenaws.local.athena;

import java.util.List;

/**
 * A finished query's result: its columns, where its rows are stored ({@code table} null when it has
 * none), how many, the INSERT/CTAS count, and the bytes-scanned estimate.
 *
 * <p>Thread-safety: an immutable record.
 */
record QueryResult(
    List<ColumnMeta> columns, String table, long rowCount, Long updateCount, long bytes) {
  QueryResult {
    columns = List.copyOf(columns);
  }

  static QueryResult empty() {
    return new QueryResult(List.of(), null, 0, null, 0);
  }
}
