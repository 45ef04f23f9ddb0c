package dev.athenaws.publish;

import dev.athenaws.notify.ConnectionRef;
import java.util.Objects;

/**
 * Whose results go where: the client's connection, its request id (echoed in every message) and the
 * query execution (named in every message once known).
 *
 * @param connection the client's connection, not null
 * @param requestId the client's request id, null when it gave none
 * @param queryExecutionId the Athena query execution id, null before the query started
 */
public record PublishTarget(ConnectionRef connection, String requestId, String queryExecutionId) {
  public PublishTarget {
    Objects.requireNonNull(connection, "connection");
  }

  /** @return this target for the given query execution */
  public PublishTarget withQueryExecutionId(String id) {
    return new PublishTarget(connection, requestId, Objects.requireNonNull(id, "queryExecutionId"));
  }
}
