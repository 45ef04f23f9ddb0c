package dev.athenaws.publish;

import dev.athenaws.catalog.BoundQuery;
import dev.athenaws.query.RequestKey;
import dev.athenaws.types.AthenaType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One query to run for a client: the statement with its bound parameters (from
 * {@code QueryCatalog.bind}), type hints for its columns, and its idempotency key.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor and the factories throw {@link NullPointerException} for a null
 * argument or element.
 *
 * @param target the client; no query execution id yet
 * @param sql the statement with {@code ?} markers
 * @param executionParameters the rendered parameter literals
 * @param columnTypes type hints by column label
 * @param key the idempotency key ({@code RequestKey.of(connectionId, requestIdentity, sql, params)})
 */
public record QueryJob(
    PublishTarget target,
    String sql,
    List<String> executionParameters,
    Map<String, AthenaType> columnTypes,
    RequestKey key) {
  /**
   * Validates the components and copies the collections.
   *
   * @param target the client, not null
   * @param sql the statement, not null
   * @param executionParameters the parameter literals, not null
   * @param columnTypes type hints by column label, not null
   * @param key the idempotency key, not null
   * @throws NullPointerException if an argument or an element is null
   */
  public QueryJob {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(sql, "sql");
    executionParameters = List.copyOf(Objects.requireNonNull(executionParameters, "executionParameters"));
    columnTypes = Map.copyOf(Objects.requireNonNull(columnTypes, "columnTypes"));
    Objects.requireNonNull(key, "key");
  }

  /**
   * A job whose idempotency key is derived from the connection, what identifies the request, and
   * the statement. Only a retry of the same request may pass the same identity: two identical
   * queries given one identity share one Athena execution (the second gets the first one's rows).
   *
   * @param target the client, not null
   * @param requestIdentity what identifies this request across its retries, not null: the
   *     client's request id when it gave one, else the transport's id of this message (API
   *     Gateway's {@code requestContext.messageId}), else a fresh random id
   * @param sql the statement, not null
   * @param executionParameters the parameter literals, not null
   * @param columnTypes type hints by column label, not null
   * @return the job
   * @throws NullPointerException if an argument or an element is null
   */
  public static QueryJob of(
      PublishTarget target,
      String requestIdentity,
      String sql,
      List<String> executionParameters,
      Map<String, AthenaType> columnTypes) {
    Objects.requireNonNull(target, "target");
    return new QueryJob(
        target, sql, executionParameters, columnTypes,
        RequestKey.of(
            target.connection().connectionId(), requestIdentity, sql, executionParameters));
  }

  /**
   * A job for a bound catalog query (from {@code QueryCatalog.bind} or {@code
   * QueryResolver.resolve}), with the query's column type hints.
   *
   * @param target the client, not null
   * @param requestIdentity what identifies this request across its retries, not null (see {@link
   *     #of(PublishTarget, String, String, List, Map)})
   * @param query the bound query, not null
   * @return the job
   * @throws NullPointerException if an argument is null
   */
  public static QueryJob of(PublishTarget target, String requestIdentity, BoundQuery query) {
    Objects.requireNonNull(query, "query");
    return of(target, requestIdentity, query.sql(), query.executionParameters(),
        query.query().columnTypeHints());
  }
}
