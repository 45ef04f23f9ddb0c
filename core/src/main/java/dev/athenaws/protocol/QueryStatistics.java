package dev.athenaws.protocol;

/**
 * Athena's statistics of a finished query, as sent in {@code complete}. Every component is nullable:
 * a null (unknown) value is omitted from the JSON.
 *
 * <p>Thread-safety: an immutable record.
 *
 * @param engineExecutionTimeMillis Athena {@code EngineExecutionTimeInMillis}
 * @param dataScannedBytes Athena {@code DataScannedInBytes}
 * @param totalExecutionTimeMillis Athena {@code TotalExecutionTimeInMillis}
 * @param queryQueueTimeMillis Athena {@code QueryQueueTimeInMillis}
 * @param reusedPreviousResult Athena {@code ResultReuseInformation.ReusedPreviousResult}
 */
public record QueryStatistics(
    Long engineExecutionTimeMillis,
    Long dataScannedBytes,
    Long totalExecutionTimeMillis,
    Long queryQueueTimeMillis,
    Boolean reusedPreviousResult) {

  /** Statistics with every value unknown; encodes as {@code {}}. */
  public static final QueryStatistics UNKNOWN = new QueryStatistics(null, null, null, null, null);
}
