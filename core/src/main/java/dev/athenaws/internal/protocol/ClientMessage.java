package dev.athenaws.internal.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A client-to-server message of protocol v1, as produced by {@link ClientMessageDecoder}.
 *
 * <p>Thread-safety: all implementations are immutable records.
 *
 * <p>Exceptions: {@link QueryRequest}'s constructor throws {@link NullPointerException} for null
 * parameters; nothing else throws.
 */
public sealed interface ClientMessage
    permits ClientMessage.QueryRequest,
        ClientMessage.ListQueriesRequest,
        ClientMessage.Cancel,
        ClientMessage.Resume,
        ClientMessage.Ping {

  /**
   * @return the client's request id (echoed in every reply), or null when it gave none
   */
  String requestId();

  /**
   * {@code {"action":"query", ...}}: run a named query.
   *
   * @param requestId the client's request id, nullable
   * @param query the name of the query to run, null for the catalog's default query
   * @param parameters parameter values by name, in message order: each a {@code String}, a {@code
   *     BigDecimal} (every JSON number), a {@code Boolean} or null (JSON null); unmodifiable, empty
   *     when the client gave none
   * @param sql raw SQL, nullable; only decoded here, refused later unless explicitly enabled
   * @param delivery how the client wants the rows; {@link Delivery#ROWS} when it did not say
   */
  record QueryRequest(
      String requestId, String query, Map<String, Object> parameters, String sql, Delivery delivery)
      implements ClientMessage {
    /**
     * Validates and copies the parameters.
     *
     * @param requestId the client's request id, nullable
     * @param query the query name, nullable
     * @param parameters parameter values by name, not null (null values allowed)
     * @param sql raw SQL, nullable
     * @param delivery how the client wants the rows, null for {@link Delivery#ROWS}
     * @throws NullPointerException if parameters is null
     */
    public QueryRequest {
      Objects.requireNonNull(parameters, "parameters");
      // LinkedHashMap keeps the order and allows null values, which Map.copyOf does not.
      parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
      delivery = delivery == null ? Delivery.ROWS : delivery;
    }

    /**
     * A request for rows (no {@code delivery} field).
     *
     * @param requestId the client's request id, nullable
     * @param query the query name, nullable
     * @param parameters parameter values by name, not null (null values allowed)
     * @param sql raw SQL, nullable
     * @throws NullPointerException if parameters is null
     */
    public QueryRequest(
        String requestId, String query, Map<String, Object> parameters, String sql) {
      this(requestId, query, parameters, sql, Delivery.ROWS);
    }
  }

  /**
   * {@code {"action":"listQueries"}}: ask for the catalog of named queries.
   *
   * @param requestId the client's request id, nullable
   */
  record ListQueriesRequest(String requestId) implements ClientMessage {}

  /**
   * {@code {"action":"cancel", ...}}: stop a query the client started.
   *
   * @param requestId the client's id of this message, nullable
   * @param queryExecutionId the query to stop, not null
   * @param resumeToken the token of the query's {@code accepted}, not null
   */
  record Cancel(String requestId, String queryExecutionId, String resumeToken)
      implements ClientMessage {
    /**
     * Validates the required fields.
     *
     * @param requestId the client's id of this message, nullable
     * @param queryExecutionId the query to stop, not null
     * @param resumeToken the token of the query's {@code accepted}, not null
     * @throws NullPointerException if queryExecutionId or resumeToken is null
     */
    public Cancel {
      Objects.requireNonNull(queryExecutionId, "queryExecutionId");
      Objects.requireNonNull(resumeToken, "resumeToken");
    }
  }

  /**
   * {@code {"action":"resume", ...}}: continue a query's messages on this connection.
   *
   * @param requestId the client's id of this message, nullable
   * @param queryExecutionId the query to continue, not null
   * @param resumeToken the token of the query's latest {@code accepted}, not null
   * @param afterSeq the last {@code seq} the client holds with all before it; -1 for none
   */
  record Resume(String requestId, String queryExecutionId, String resumeToken, int afterSeq)
      implements ClientMessage {
    /**
     * Validates the fields.
     *
     * @param requestId the client's id of this message, nullable
     * @param queryExecutionId the query to continue, not null
     * @param resumeToken the token of the query's latest {@code accepted}, not null
     * @param afterSeq the last {@code seq} the client holds with all before it; -1 for none
     * @throws NullPointerException if queryExecutionId or resumeToken is null
     * @throws IllegalArgumentException if afterSeq is below -1
     */
    public Resume {
      Objects.requireNonNull(queryExecutionId, "queryExecutionId");
      Objects.requireNonNull(resumeToken, "resumeToken");
      if (afterSeq < -1) {
        throw new IllegalArgumentException("afterSeq must be >= -1: " + afterSeq);
      }
    }
  }

  /**
   * {@code {"action":"ping"}}: keeps the connection from going idle; answered by {@code pong}.
   *
   * @param requestId the client's request id, nullable
   */
  record Ping(String requestId) implements ClientMessage {}
}
