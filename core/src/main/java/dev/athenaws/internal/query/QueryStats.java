package dev.athenaws.internal.query;

import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatistics;

/**
 * Athena's statistics of one query execution, as last seen. Every field is null when Athena did not
 * report it (yet).
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: never throws; {@link #of} accepts null.
 *
 * @param engineExecutionTimeMillis time the engine ran the query
 * @param dataScannedBytes bytes scanned (what Athena bills)
 * @param totalExecutionTimeMillis time from submission to completion so far
 * @param queryQueueTimeMillis time spent queued
 * @param reusedPreviousResult whether Athena answered from a previous result
 * @param outputRows the result's row count from {@code GetQueryRuntimeStatistics} ({@code
 *     Rows.OutputRows}), read once after SUCCEEDED and before the rows; null when not read, not
 *     reported or the call failed
 */
public record QueryStats(
    Long engineExecutionTimeMillis,
    Long dataScannedBytes,
    Long totalExecutionTimeMillis,
    Long queryQueueTimeMillis,
    Boolean reusedPreviousResult,
    Long outputRows) {
  /** No statistics known. */
  public static final QueryStats EMPTY = new QueryStats(null, null, null, null, null, null);

  /**
   * Statistics without a known output row count.
   *
   * @param engineExecutionTimeMillis time the engine ran the query
   * @param dataScannedBytes bytes scanned
   * @param totalExecutionTimeMillis time from submission to completion so far
   * @param queryQueueTimeMillis time spent queued
   * @param reusedPreviousResult whether Athena answered from a previous result
   */
  public QueryStats(
      Long engineExecutionTimeMillis,
      Long dataScannedBytes,
      Long totalExecutionTimeMillis,
      Long queryQueueTimeMillis,
      Boolean reusedPreviousResult) {
    this(
        engineExecutionTimeMillis,
        dataScannedBytes,
        totalExecutionTimeMillis,
        queryQueueTimeMillis,
        reusedPreviousResult,
        null);
  }

  /**
   * @param rows the output row count, or null when unknown
   * @return these statistics with that output row count
   */
  public QueryStats withOutputRows(Long rows) {
    return new QueryStats(
        engineExecutionTimeMillis,
        dataScannedBytes,
        totalExecutionTimeMillis,
        queryQueueTimeMillis,
        reusedPreviousResult,
        rows);
  }

  /**
   * @param execution a {@code GetQueryExecution} snapshot, may be null
   * @return its statistics, {@link #EMPTY} when it has none
   */
  public static QueryStats of(QueryExecution execution) {
    QueryExecutionStatistics s = execution == null ? null : execution.statistics();
    if (s == null) {
      return EMPTY;
    }
    return new QueryStats(
        s.engineExecutionTimeInMillis(),
        s.dataScannedInBytes(),
        s.totalExecutionTimeInMillis(),
        s.queryQueueTimeInMillis(),
        s.resultReuseInformation() == null
            ? null
            : s.resultReuseInformation().reusedPreviousResult());
  }
}
