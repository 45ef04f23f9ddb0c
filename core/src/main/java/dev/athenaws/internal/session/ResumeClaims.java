package dev.athenaws.internal.session;

import dev.athenaws.internal.protocol.Delivery;
import java.time.Instant;
import java.util.Objects;

/**
 * What a resume token proves: which query execution it is for, whom it was given to and until when,
 * and what the server needs to continue the query's messages without a database (the original
 * request id, the named query whose type hints shaped the rows, the delivery, and the request key
 * that names the Step Functions executions continuing it).
 *
 * <p>Thread-safety: immutable.
 *
 * @param queryExecutionId the query execution, not null
 * @param connectionId the connection the token was given to, not null
 * @param identity the authenticated identity of that connection, null while connections are not
 *     authenticated
 * @param requestId the request id of the query the client sent, null when it gave none
 * @param queryName the catalog query's name, null for raw SQL
 * @param delivery how the client asked for the rows, not null
 * @param requestKey the 64-hex request key whose Step Functions executions continue this delivery
 *     ({@code <key>}, {@code <key>-1}, ...), not null
 * @param expiresAt when the token stops being accepted, not null
 */
public record ResumeClaims(
    String queryExecutionId,
    String connectionId,
    String identity,
    String requestId,
    String queryName,
    Delivery delivery,
    String requestKey,
    Instant expiresAt) {
  /**
   * Validates the components.
   *
   * @param queryExecutionId the query execution, not null
   * @param connectionId the connection the token was given to, not null
   * @param identity the connection's identity, nullable
   * @param requestId the query's request id, nullable
   * @param queryName the catalog query's name, nullable
   * @param delivery how the client asked for the rows, not null
   * @param requestKey the delivery's request key, not null
   * @param expiresAt when the token stops being accepted, not null
   * @throws NullPointerException if a component that is not nullable is null
   */
  public ResumeClaims {
    Objects.requireNonNull(queryExecutionId, "queryExecutionId");
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(requestKey, "requestKey");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
