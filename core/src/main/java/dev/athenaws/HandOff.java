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
   * One query to continue elsewhere.
   *
   * @param connection the client's connection
   * @param requestId the client's request id, null when it gave none
   * @param statement what the client asked for
   * @param key the request's idempotency key (Athena's token, the execution's name)
   * @param queryExecutionId the running query, or null when it is not started yet (Athena was busy
   *     until the deadline, or {@link RunOptions#handOffAtOnce})
   * @param from where publishing stands; {@link Continuation#start()} when nothing was published
   * @param delivery how the client asked for the rows ({@code "delivery"} of its {@code query});
   *     the host that continues the query passes it to {@link Resumption.Builder#delivery}
   */
  record Request(
      Connection connection,
      String requestId,
      Statement statement,
      RequestKey key,
      String queryExecutionId,
      Continuation from,
      Delivery delivery) {
    /**
     * Validates the components.
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
    public Request {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(statement, "statement");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(from, "from");
      delivery = delivery == null ? Delivery.ROWS : delivery;
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
