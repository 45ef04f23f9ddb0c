package dev.athenaws.query;

import java.time.Duration;
import java.util.Objects;
import dev.athenaws.results.StatementKind;

/**
 * How waiting for a query ended. Exactly one of four records; each carries the query execution id,
 * the last statistics seen and the number of {@code GetQueryExecution} calls made (failed calls
 * included).
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface QueryOutcome {
  /** @return the query execution id */
  String queryExecutionId();

  /** @return the last statistics seen */
  QueryStats stats();

  /** @return how many GetQueryExecution calls the wait made */
  int polls();

  /**
   * The query SUCCEEDED.
   *
   * @param statementKind its statement kind (decides the header row of page 1)
   * @param outputLocation where Athena wrote the result CSV, or null when not reported
   */
  record Succeeded(
      String queryExecutionId, StatementKind statementKind, String outputLocation, QueryStats stats,
      int polls) implements QueryOutcome {
    public Succeeded {
      Objects.requireNonNull(queryExecutionId, "queryExecutionId");
      Objects.requireNonNull(statementKind, "statementKind");
      Objects.requireNonNull(stats, "stats");
    }
  }

  /**
   * The query FAILED.
   *
   * @param error Athena's error
   * @param stateChangeReason Athena's reason, made user-safe, or null
   */
  record Failed(
      String queryExecutionId, QueryError error, String stateChangeReason, QueryStats stats,
      int polls) implements QueryOutcome {
    public Failed {
      Objects.requireNonNull(queryExecutionId, "queryExecutionId");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(stats, "stats");
    }
  }

  /**
   * The query was CANCELLED: by this wait (a cancel signal or an interrupt), or by someone else.
   *
   * @param byUs true when this wait stopped the query
   * @param stateChangeReason Athena's reason, made user-safe, or null
   */
  record Cancelled(
      String queryExecutionId, boolean byUs, String stateChangeReason, QueryStats stats, int polls)
      implements QueryOutcome {
    public Cancelled {
      Objects.requireNonNull(queryExecutionId, "queryExecutionId");
      Objects.requireNonNull(stats, "stats");
    }
  }

  /**
   * The deadline passed; the wait stopped the query (unless the waiter was built with {@code
   * CompletionWaiterBuilder.stopAtDeadline(false)}: then the query may still be running).
   *
   * @param timeout the timeout that passed
   */
  record TimedOut(String queryExecutionId, Duration timeout, QueryStats stats, int polls)
      implements QueryOutcome {
    public TimedOut {
      Objects.requireNonNull(queryExecutionId, "queryExecutionId");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(stats, "stats");
    }
  }
}
