package dev.athenaws.protocol;

/**
 * The state of a query execution as reported in {@code progress} messages: Athena's
 * {@code QueryExecutionState} values. RUNNING can go back to QUEUED on a transient Athena error;
 * SUCCEEDED, FAILED and CANCELLED are terminal.
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum QueryState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** @return true for SUCCEEDED, FAILED and CANCELLED */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
