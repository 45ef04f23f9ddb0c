package dev.athenaws.publish;

import dev.athenaws.query.RequestKey;
import dev.athenaws.types.AthenaType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One query to run for a client: the statement with its bound parameters (from
 * {@code QueryCatalog.bind}), type hints for its columns, and its idempotency key.
 *
 * @param target the client; no query execution id yet
 * @param sql the statement with {@code ?} markers
 * @param executionParameters the rendered parameter literals
 * @param columnTypes type hints by column label
 * @param key the idempotency key ({@code RequestKey.of(connectionId, requestId, sql, params)})
 */
public record QueryJob(
    PublishTarget target,
    String sql,
    List<String> executionParameters,
    Map<String, AthenaType> columnTypes,
    RequestKey key) {
  public QueryJob {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(sql, "sql");
    executionParameters = List.copyOf(Objects.requireNonNull(executionParameters, "executionParameters"));
    columnTypes = Map.copyOf(Objects.requireNonNull(columnTypes, "columnTypes"));
    Objects.requireNonNull(key, "key");
  }

  /**
   * @return a job whose key is derived from the connection, request id and statement
   */
  public static QueryJob of(
      PublishTarget target,
      String sql,
      List<String> executionParameters,
      Map<String, AthenaType> columnTypes) {
    return new QueryJob(
        target, sql, executionParameters, columnTypes,
        RequestKey.of(
            target.connection().connectionId(), target.requestId(), sql, executionParameters));
  }
}
