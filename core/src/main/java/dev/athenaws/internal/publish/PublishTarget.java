package dev.athenaws.internal.publish;

import dev.athenaws.notify.Connection;
import java.util.Objects;

/**
 * Whose results go where: the client's connection, its request id (echoed in every message) and the
 * query execution (named in every message once known).
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor throws {@link NullPointerException} for a null connection, {@link
 * #withQueryExecutionId} for a null id.
 *
 * @param connection the client's connection, not null
 * @param requestId the client's request id, null when it gave none
 * @param queryExecutionId the Athena query execution id, null before the query started
 */
public record PublishTarget(Connection connection, String requestId, String queryExecutionId) {
  /**
   * Validates the connection.
   *
   * @param connection the client's connection, not null
   * @param requestId the client's request id, nullable
   * @param queryExecutionId the query execution id, nullable
   * @throws NullPointerException if connection is null
   */
  public PublishTarget {
    Objects.requireNonNull(connection, "connection");
  }

  /**
   * Names the query execution once it is known.
   *
   * @param id the query execution id, not null
   * @return this target for the given query execution
   * @throws NullPointerException if id is null
   */
  public PublishTarget withQueryExecutionId(String id) {
    return new PublishTarget(connection, requestId, Objects.requireNonNull(id, "queryExecutionId"));
  }
}
