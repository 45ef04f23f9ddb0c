package dev.athenaws.internal.query;

import java.time.Duration;
import java.util.Objects;

/**
 * How waiting for a query ended. Exactly one of four records; each carries the query execution id,
 * the last statistics seen and the number of {@code GetQueryExecution} calls made (failed calls
 * included).
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the records' constructors throw {@link NullPointerException} for a null id, kind,
 * error, timeout or statistics; accessors never throw.
 */
public sealed interface QueryOutcome {
  /**
   * @return the query execution id
   */
  String queryExecutionId();

  /**
   * @return the last statistics seen
   */
  QueryStats stats();

  /**
   * @return how many GetQueryExecution calls the wait made
   */
  int polls();

  /**
   * The query SUCCEEDED.
   *
   * @param queryExecutionId the query execution id
   * @param statementKind its statement kind (decides the header row of page 1)
   * @param outputLocation where Athena wrote the result CSV, or null when not reported
   * @param stats the last statistics seen
   * @param polls the number of GetQueryExecution calls made
   * @param encryptionOption the result's {@code EncryptionConfiguration.EncryptionOption} ({@code
   *     SSE_S3}, {@code SSE_KMS}, {@code CSE_KMS}), or null when not encrypted or not reported
   */
  record Succeeded(
      String queryExecutionId,
      StatementKind statementKind,
      String outputLocation,
      QueryStats stats,
      int polls,
      String encryptionOption)
      implements QueryOutcome {
    /**
     * A success without an encryption option.
     *
     * @param queryExecutionId the query execution id, not null
     * @param statementKind the statement kind, not null
     * @param outputLocation the result location, or null
     * @param stats the last statistics seen, not null
     * @param polls the number of GetQueryExecution calls made
     * @throws NullPointerException if queryExecutionId, statementKind or stats is null
     */
    public Succeeded(
        String queryExecutionId,
        StatementKind statementKind,
        String outputLocation,
        QueryStats stats,
        int polls) {
      this(queryExecutionId, statementKind, outputLocation, stats, polls, null);
    }

    /**
     * Validates the components.
     *
     * @param queryExecutionId the query execution id, not null
     * @param statementKind the statement kind, not null
     * @param outputLocation the result location, or null
     * @param stats the last statistics seen, not null ({@link QueryStats#EMPTY} when none)
     * @param polls the number of GetQueryExecution calls made
     * @param encryptionOption the result's encryption option, or null
     * @throws NullPointerException if queryExecutionId, statementKind or stats is null
     */
    public Succeeded {
      Objects.requireNonNull(queryExecutionId, "queryExecutionId");
      Objects.requireNonNull(statementKind, "statementKind");
      Objects.requireNonNull(stats, "stats");
    }
  }

  /**
   * The query FAILED.
   *
   * @param queryExecutionId the query execution id
   * @param error Athena's error
   * @param stateChangeReason Athena's reason, made user-safe, or null
   * @param stats the last statistics seen
   * @param polls the number of GetQueryExecution calls made
   */
  record Failed(
      String queryExecutionId,
      QueryError error,
      String stateChangeReason,
      QueryStats stats,
      int polls)
      implements QueryOutcome {
    /**
     * Validates the components.
     *
     * @param queryExecutionId the query execution id, not null
     * @param error Athena's error, not null
     * @param stateChangeReason Athena's reason, or null
     * @param stats the last statistics seen, not null ({@link QueryStats#EMPTY} when none)
     * @param polls the number of GetQueryExecution calls made
     * @throws NullPointerException if queryExecutionId, error or stats is null
     */
    public Failed {
      Objects.requireNonNull(queryExecutionId, "queryExecutionId");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(stats, "stats");
    }
  }

  /**
   * The query was CANCELLED: by this wait (a cancel signal or an interrupt), or by someone else.
   *
   * @param queryExecutionId the query execution id
   * @param byUs true when this wait stopped the query
   * @param stateChangeReason Athena's reason, made user-safe, or null
   * @param stats the last statistics seen
   * @param polls the number of GetQueryExecution calls made
   */
  record Cancelled(
      String queryExecutionId, boolean byUs, String stateChangeReason, QueryStats stats, int polls)
      implements QueryOutcome {
    /**
     * Validates the components.
     *
     * @param queryExecutionId the query execution id, not null
     * @param byUs true when this wait stopped the query
     * @param stateChangeReason Athena's reason, or null
     * @param stats the last statistics seen, not null ({@link QueryStats#EMPTY} when none)
     * @param polls the number of GetQueryExecution calls made
     * @throws NullPointerException if queryExecutionId or stats is null
     */
    public Cancelled {
      Objects.requireNonNull(queryExecutionId, "queryExecutionId");
      Objects.requireNonNull(stats, "stats");
    }
  }

  /**
   * The deadline passed; the wait stopped the query (unless the waiter was built with {@code
   * CompletionWaiter.Builder.stopAtDeadline(false)}: then the query may still be running).
   *
   * @param queryExecutionId the query execution id
   * @param timeout the timeout that passed
   * @param stats the last statistics seen
   * @param polls the number of GetQueryExecution calls made
   */
  record TimedOut(String queryExecutionId, Duration timeout, QueryStats stats, int polls)
      implements QueryOutcome {
    /**
     * Validates the components.
     *
     * @param queryExecutionId the query execution id, not null
     * @param timeout the timeout that passed, not null
     * @param stats the last statistics seen, not null ({@link QueryStats#EMPTY} when none)
     * @param polls the number of GetQueryExecution calls made
     * @throws NullPointerException if queryExecutionId, timeout or stats is null
     */
    public TimedOut {
      Objects.requireNonNull(queryExecutionId, "queryExecutionId");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(stats, "stats");
    }
  }
}
