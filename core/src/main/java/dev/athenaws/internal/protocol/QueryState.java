package dev.athenaws.internal.protocol;

/**
 * The state of a query execution as reported in {@code progress} messages: Athena's {@code
 * QueryExecutionState} values. RUNNING can go back to QUEUED on a transient Athena error;
 * SUCCEEDED, FAILED and CANCELLED are terminal.
 *
 * <p>Thread-safety: an enum, immutable.
 *
 * <p>Exceptions: none ({@code valueOf} throws {@link IllegalArgumentException} for an unknown name,
 * as for every enum).
 */
public enum QueryState {
  /** Waiting for capacity; also after RUNNING when Athena retries a transient error. */
  QUEUED,
  /** Running. */
  RUNNING,
  /** Finished; the results can be read. */
  SUCCEEDED,
  /** Ended with an error (terminal). */
  FAILED,
  /** Stopped by a user or by athena-ws (terminal). */
  CANCELLED;

  /**
   * @return true for SUCCEEDED, FAILED and CANCELLED
   */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
