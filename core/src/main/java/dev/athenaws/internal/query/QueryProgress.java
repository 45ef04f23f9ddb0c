package dev.athenaws.internal.query;

import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * What a poll saw of a running query, for progress messages.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor throws {@link NullPointerException} for a null state or elapsed
 * time.
 *
 * @param state the query's state
 * @param elapsed time since the wait began
 * @param dataScannedBytes bytes scanned so far, or null
 * @param engineExecutionTimeMillis engine time so far, or null
 * @param totalRows the result's row count, known after SUCCEEDED from the runtime statistics; null
 *     when unknown
 */
public record QueryProgress(
    QueryExecutionState state,
    Duration elapsed,
    Long dataScannedBytes,
    Long engineExecutionTimeMillis,
    Long totalRows) {
  /**
   * Progress without a known row count.
   *
   * @param state the query's state, not null
   * @param elapsed time since the wait began, not null
   * @param dataScannedBytes bytes scanned so far, or null
   * @param engineExecutionTimeMillis engine time so far, or null
   * @throws NullPointerException if state or elapsed is null
   */
  public QueryProgress(
      QueryExecutionState state,
      Duration elapsed,
      Long dataScannedBytes,
      Long engineExecutionTimeMillis) {
    this(state, elapsed, dataScannedBytes, engineExecutionTimeMillis, null);
  }

  /**
   * @param rows the result's row count, or null
   * @return this progress with that row count
   */
  public QueryProgress withTotalRows(Long rows) {
    return new QueryProgress(state, elapsed, dataScannedBytes, engineExecutionTimeMillis, rows);
  }

  /**
   * Validates the components.
   *
   * @param state the query's state, not null
   * @param elapsed time since the wait began, not null
   * @param dataScannedBytes bytes scanned so far, or null
   * @param engineExecutionTimeMillis engine time so far, or null
   * @param totalRows the result's row count, or null
   * @throws NullPointerException if state or elapsed is null
   */
  public QueryProgress {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
