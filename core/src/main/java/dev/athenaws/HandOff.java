package dev.athenaws;

import dev.athenaws.catalog.Statement;
import dev.athenaws.internal.protocol.Delivery;
import dev.athenaws.internal.query.RequestKey;
import dev.athenaws.notify.Connection;
import java.util.Objects;

/**
 * Takes over a query the run cannot finish before its deadline ({@link RunOptions#withDeadline}),
 * or every query at once ({@link RunOptions#handOffAtOnce}): typically by starting a Step Functions
 * execution that continues it. The Lambda adapter's inline mode is a run with a deadline and a
 * hand-off to its state machine.
 *
 * <p>Thread-safety: implementations must be thread-safe when the {@link AthenaWs} is shared.
 *
 * <p>Exceptions: {@link #take} may throw; the run then reports the failure to the client (for a
 * running query: it is stopped and the client gets {@code error} INTERNAL; for a start that found
 * Athena busy: ATHENA_BUSY; for {@link RunOptions#handOffAtOnce}: BAD_REQUEST as thrown, else
 * INTERNAL). A {@link dev.athenaws.error.ThrottledException} (the service that continues the query
 * kept throttling) always reaches the client as ATHENA_BUSY, as a busy Athena does; a running query
 * is stopped first.
 */
@FunctionalInterface
public interface HandOff {
  /**
   * Takes over one query.
   *
   * @param request what to continue, never null
   * @return true when it took over (the run then ends without posting more), false to refuse (the
   *     run then ends as it would without a hand-off: TIMEOUT or ATHENA_BUSY)
   */
  boolean take(Request request);

  /**
   * Stops what this hand-off started to continue a query's delivery (for the Lambda adapter: the
   * Step Functions executions named after the delivery's request key), when it still runs; called
   * for a client's {@code cancel}. Best effort: a failure is logged, not thrown. The default has
   * nothing to stop.
   *
   * @param requestKey the delivery's request key (64 hex characters), not null
   * @return true when something was running and was stopped: it then ends without a message, and
   *     the cancel tells the client
   */
  default boolean stop(String requestKey) {
    return false;
  }

  /**
   * One query to continue elsewhere.
   *
   * @param connection the client's connection
   * @param requestId the client's request id, null when it gave none
   * @param statement what the client asked for; null for a query a client resumed on another
   *     connection (only its name is known then, and it is running or done)
   * @param key the request's idempotency key (Athena's token, the execution's name)
   * @param queryExecutionId the running query, or null when it is not started yet (Athena was busy
   *     until the deadline, or {@link RunOptions#handOffAtOnce})
   * @param from where publishing stands; {@link Continuation#start()} when nothing was published
   * @param delivery how the client asked for the rows ({@code "delivery"} of its {@code query});
   *     the host that continues the query passes it to {@link Resumption.Builder#delivery}
   * @param queryName the catalog query's name (the statement's, when there is one), null for raw
   *     SQL
   */
  record Request(
      Connection connection,
      String requestId,
      Statement statement,
      RequestKey key,
      String queryExecutionId,
      Continuation from,
      Delivery delivery,
      String queryName) {
    /**
     * Validates the components.
     *
     * @param connection the client's connection, not null
     * @param requestId the client's request id, nullable
     * @param statement the statement; null only with a query execution id
     * @param key the idempotency key, not null
     * @param queryExecutionId the running query, nullable
     * @param from where publishing stands, not null
     * @param delivery how the client asked for the rows, null for {@link Delivery#ROWS}
     * @param queryName the catalog query's name; ignored when a statement is given (its name)
     * @throws NullPointerException if an argument that is not nullable is null, or both statement
     *     and query execution id are
     */
    public Request {
      Objects.requireNonNull(connection, "connection");
      if (statement == null) {
        Objects.requireNonNull(queryExecutionId, "statement or queryExecutionId");
      } else {
        queryName = statement.queryName();
      }
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(from, "from");
      delivery = delivery == null ? Delivery.ROWS : delivery;
    }

    /**
     * A request for the given statement.
     *
     * @param connection the client's connection, not null
     * @param requestId the client's request id, nullable
     * @param statement the statement, not null
     * @param key the idempotency key, not null
     * @param queryExecutionId the running query, nullable
     * @param from where publishing stands, not null
     * @param delivery how the client asked for the rows, null for {@link Delivery#ROWS}
     * @throws NullPointerException if an argument that is not nullable is null
     */
    public Request(
        Connection connection,
        String requestId,
        Statement statement,
        RequestKey key,
        String queryExecutionId,
        Continuation from,
        Delivery delivery) {
      this(
          connection,
          requestId,
          Objects.requireNonNull(statement, "statement"),
          key,
          queryExecutionId,
          from,
          delivery,
          null);
    }

    /**
     * A query a client resumed on another connection: running or done, known by its id and name.
     *
     * @param connection the client's (new) connection, not null
     * @param requestId the request id of the client's query, nullable
     * @param queryName the catalog query's name, nullable (raw SQL)
     * @param key the resumed delivery's key, not null
     * @param queryExecutionId the query, not null
     * @param from where publishing stands, not null
     * @param delivery how the client asked for the rows, null for {@link Delivery#ROWS}
     * @return the request, without a statement
     * @throws NullPointerException if an argument that is not nullable is null
     */
    static Request resumed(
        Connection connection,
        String requestId,
        String queryName,
        RequestKey key,
        String queryExecutionId,
        Continuation from,
        Delivery delivery) {
      return new Request(
          connection,
          requestId,
          null,
          key,
          Objects.requireNonNull(queryExecutionId, "queryExecutionId"),
          from,
          delivery,
          queryName);
    }

    /**
     * A request whose client asked for rows.
     *
     * @param connection the client's connection, not null
     * @param requestId the client's request id, nullable
     * @param statement the statement, not null
     * @param key the idempotency key, not null
     * @param queryExecutionId the running query, nullable
     * @param from where publishing stands, not null
     * @throws NullPointerException if an argument that is not nullable is null
     */
    public Request(
        Connection connection,
        String requestId,
        Statement statement,
        RequestKey key,
        String queryExecutionId,
        Continuation from) {
      this(connection, requestId, statement, key, queryExecutionId, from, Delivery.ROWS);
    }
  }
}
