package dev.athenaws.internal.protocol;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.query.QueryStats;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A server-to-client message of protocol v1, encoded by {@link MessageEncoder}. The {@code rows}
 * messages are not modelled here: {@link RowChunker} writes them straight to bytes so that a row is
 * encoded once.
 *
 * <p>In every record {@code requestId} and {@code queryExecutionId} are nullable: null means the
 * client gave no request id, or no query execution exists (yet), and the field is omitted.
 *
 * <p>Thread-safety: all implementations are immutable records.
 *
 * <p>Exceptions: the records' constructors throw {@link NullPointerException} for a null code,
 * message, state or list and {@link IllegalArgumentException} for a negative count or time;
 * accessors never throw.
 */
public sealed interface ServerMessage
    permits ServerMessage.Accepted,
        ServerMessage.Progress,
        ServerMessage.Complete,
        ServerMessage.Error,
        ServerMessage.Catalog,
        ServerMessage.Download,
        ServerMessage.Pong {

  /**
   * @return the JSON {@code type} of this message
   */
  String type();

  /**
   * @return the client's request id, or null
   */
  String requestId();

  /**
   * The query was validated and started (or handed to the orchestrator), or a {@code resume} was
   * accepted.
   *
   * @param requestId the client's request id, nullable
   * @param queryExecutionId the query execution id, nullable (Athena was busy and the orchestrator
   *     starts the query)
   * @param resumeToken the token {@code cancel} and {@code resume} need, nullable (sessions off, or
   *     no query execution id)
   * @param resumed true in the answer to {@code resume}
   * @param message human-readable text that original clients display, not null
   */
  record Accepted(
      String requestId,
      String queryExecutionId,
      String resumeToken,
      boolean resumed,
      String message)
      implements ServerMessage {
    /** The default human-readable text of an {@code accepted} message. */
    public static final String DEFAULT_MESSAGE =
        "Query accepted; results will follow on this connection.";

    /** The text of an {@code accepted} that answers {@code resume}. */
    public static final String RESUMED_MESSAGE =
        "Query resumed; the rest of its results will follow on this connection.";

    /**
     * Validates the message text.
     *
     * @param requestId the client's request id, nullable
     * @param queryExecutionId the query execution id, nullable
     * @param resumeToken the resume token, nullable
     * @param resumed true in the answer to {@code resume}
     * @param message the text, not null
     * @throws NullPointerException if message is null
     */
    public Accepted {
      Objects.requireNonNull(message, "message");
    }

    /**
     * An {@code accepted} message with the default text and no token.
     *
     * @param requestId the client's request id, nullable
     * @param queryExecutionId the query execution id, nullable
     * @return an accepted message with {@link #DEFAULT_MESSAGE}
     */
    public static Accepted of(String requestId, String queryExecutionId) {
      return new Accepted(requestId, queryExecutionId, null, false, DEFAULT_MESSAGE);
    }

    /**
     * @param token the resume token, nullable
     * @return this message with the token
     */
    public Accepted withResumeToken(String token) {
      return new Accepted(requestId, queryExecutionId, token, resumed, message);
    }

    @Override
    public String type() {
      return "accepted";
    }
  }

  /**
   * The answer to {@code ping}.
   *
   * @param requestId the client's request id, nullable
   */
  record Pong(String requestId) implements ServerMessage {
    @Override
    public String type() {
      return "pong";
    }
  }

  /**
   * The query is still going (or just ended).
   *
   * @param requestId the client's request id, nullable
   * @param queryExecutionId the query execution id, nullable
   * @param state the query's state, not null
   * @param elapsedMillis milliseconds since the query was submitted, not negative
   * @param dataScannedBytes bytes scanned so far, null when unknown
   * @param totalRows the result's row count, known after SUCCEEDED (from Athena's runtime
   *     statistics) and sent before the first rows; null when unknown
   */
  record Progress(
      String requestId,
      String queryExecutionId,
      QueryState state,
      long elapsedMillis,
      Long dataScannedBytes,
      Long totalRows)
      implements ServerMessage {
    /**
     * Progress without a known row count.
     *
     * @param requestId the client's request id, nullable
     * @param queryExecutionId the query execution id, nullable
     * @param state the query's state, not null
     * @param elapsedMillis milliseconds since the query was submitted, not negative
     * @param dataScannedBytes bytes scanned so far, nullable
     * @throws NullPointerException if state is null
     * @throws IllegalArgumentException if elapsedMillis is negative
     */
    public Progress(
        String requestId,
        String queryExecutionId,
        QueryState state,
        long elapsedMillis,
        Long dataScannedBytes) {
      this(requestId, queryExecutionId, state, elapsedMillis, dataScannedBytes, null);
    }

    /**
     * Validates the components.
     *
     * @param requestId the client's request id, nullable
     * @param queryExecutionId the query execution id, nullable
     * @param state the query's state, not null
     * @param elapsedMillis milliseconds since the query was submitted, not negative
     * @param dataScannedBytes bytes scanned so far, nullable
     * @param totalRows the result's row count, nullable
     * @throws NullPointerException if state is null
     * @throws IllegalArgumentException if elapsedMillis is negative or totalRows is negative
     */
    public Progress {
      Objects.requireNonNull(state, "state");
      if (elapsedMillis < 0) {
        throw new IllegalArgumentException("elapsedMillis must not be negative: " + elapsedMillis);
      }
      if (totalRows != null && totalRows < 0) {
        throw new IllegalArgumentException("totalRows must not be negative: " + totalRows);
      }
    }

    @Override
    public String type() {
      return "progress";
    }
  }

  /**
   * All {@code rows} messages were sent.
   *
   * @param requestId the client's request id, nullable
   * @param queryExecutionId the query execution id, nullable
   * @param rowCount the number of rows over all {@code rows} messages
   * @param chunks the number of {@code rows} messages ({@code seq} ran from 0 to chunks - 1)
   * @param statistics Athena's statistics, null to omit
   * @param resultPath which path served the rows, {@code "s3"} or {@code "api"}, null to omit
   */
  record Complete(
      String requestId,
      String queryExecutionId,
      long rowCount,
      int chunks,
      QueryStats statistics,
      String resultPath)
      implements ServerMessage {
    /**
     * Validates the counts.
     *
     * @param requestId the client's request id, nullable
     * @param queryExecutionId the query execution id, nullable
     * @param rowCount the number of rows, not negative
     * @param chunks the number of {@code rows} messages, not negative
     * @param statistics Athena's statistics, nullable
     * @param resultPath {@code "s3"}, {@code "api"} or null
     * @throws IllegalArgumentException if a count is negative
     */
    public Complete {
      if (rowCount < 0 || chunks < 0) {
        throw new IllegalArgumentException("rowCount and chunks must not be negative");
      }
    }

    /**
     * A {@code complete} that does not say which path served.
     *
     * @param requestId the client's request id, nullable
     * @param queryExecutionId the query execution id, nullable
     * @param rowCount the number of rows, not negative
     * @param chunks the number of {@code rows} messages, not negative
     * @param statistics Athena's statistics, nullable
     * @throws IllegalArgumentException if a count is negative
     */
    public Complete(
        String requestId,
        String queryExecutionId,
        long rowCount,
        int chunks,
        QueryStats statistics) {
      this(requestId, queryExecutionId, rowCount, chunks, statistics, null);
    }

    @Override
    public String type() {
      return "complete";
    }
  }

  /**
   * The request or the query failed; no further message follows for this request.
   *
   * @param requestId the client's request id, nullable
   * @param queryExecutionId the query execution id, nullable
   * @param code the stable error code, not null
   * @param message a user-safe message, not null
   * @param field the parameter or field at fault, nullable
   * @param athenaErrorCategory Athena {@code ErrorCategory} (1 system, 2 user, 3 other), nullable
   * @param athenaErrorType Athena {@code ErrorType}, nullable
   * @param retryable Athena's {@code Retryable}, or whether retrying may help; nullable
   */
  record Error(
      String requestId,
      String queryExecutionId,
      ErrorCode code,
      String message,
      String field,
      Integer athenaErrorCategory,
      Integer athenaErrorType,
      Boolean retryable)
      implements ServerMessage {
    /**
     * Validates the components.
     *
     * @param requestId the client's request id, nullable
     * @param queryExecutionId the query execution id, nullable
     * @param code the error code, not null
     * @param message a user-safe message, not null
     * @param field the field at fault, nullable
     * @param athenaErrorCategory Athena's error category, nullable
     * @param athenaErrorType Athena's error type, nullable
     * @param retryable whether retrying may help, nullable
     * @throws NullPointerException if code or message is null
     */
    public Error {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }

    /**
     * An error with only a code and a message.
     *
     * @param requestId the client's request id, nullable
     * @param queryExecutionId the query execution id, nullable
     * @param code the error code, not null
     * @param message a user-safe message, not null
     * @return an error with only a code and a message (plus the ids)
     * @throws NullPointerException if code or message is null
     */
    public static Error of(
        String requestId, String queryExecutionId, ErrorCode code, String message) {
      return new Error(requestId, queryExecutionId, code, message, null, null, null, null);
    }

    /**
     * The error a client receives for a library exception.
     *
     * @param requestId the client's request id, nullable
     * @param queryExecutionId the query execution id, nullable
     * @param e the failure, not null
     * @return the error with {@code e}'s code and its (user-safe) message
     * @throws NullPointerException if e is null
     */
    public static Error of(String requestId, String queryExecutionId, AthenaWsException e) {
      return of(requestId, queryExecutionId, e.code(), e.getMessage());
    }

    /**
     * The error a client receives for a message the decoder refused.
     *
     * @param rejected the decoder's verdict, not null
     * @return the error with its code, message, request id and field
     * @throws NullPointerException if rejected is null
     */
    public static Error of(DecodeResult.Rejected rejected) {
      return new Error(
          rejected.requestId(),
          null,
          rejected.code(),
          rejected.message(),
          rejected.field(),
          null,
          null,
          null);
    }

    @Override
    public String type() {
      return "error";
    }
  }

  /**
   * The answer to {@code listQueries}: the named queries a client may run.
   *
   * @param requestId the client's request id, nullable
   * @param queries the queries, in catalog order
   */
  record Catalog(String requestId, List<CatalogEntry> queries) implements ServerMessage {
    /**
     * Copies the list.
     *
     * @param requestId the client's request id, nullable
     * @param queries the queries, not null
     * @throws NullPointerException if queries or an element is null
     */
    public Catalog {
      queries = List.copyOf(Objects.requireNonNull(queries, "queries"));
    }

    @Override
    public String type() {
      return "catalog";
    }
  }

  /**
   * The result is delivered as a file: a time-limited GET URL to its CSV, instead of {@code rows}
   * messages. A {@code complete} follows.
   *
   * @param requestId the client's request id, nullable
   * @param queryExecutionId the query execution id, nullable
   * @param url the presigned URL; anyone holding it may read the result until it expires
   * @param expiresAt when the URL stops working
   * @param contentType the file's media type ({@link #CSV})
   * @param bytes the file's size, null when unknown
   */
  record Download(
      String requestId,
      String queryExecutionId,
      URI url,
      Instant expiresAt,
      String contentType,
      Long bytes)
      implements ServerMessage {
    /** The media type of Athena's result files (RFC 4180 CSV). */
    public static final String CSV = "text/csv";

    /**
     * Validates the components.
     *
     * @param requestId the client's request id, nullable
     * @param queryExecutionId the query execution id, nullable
     * @param url the URL, not null
     * @param expiresAt the expiry, not null
     * @param contentType the media type, not null
     * @param bytes the size, nullable, not negative
     * @throws NullPointerException if url, expiresAt or contentType is null
     * @throws IllegalArgumentException if bytes is negative
     */
    public Download {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(expiresAt, "expiresAt");
      Objects.requireNonNull(contentType, "contentType");
      if (bytes != null && bytes < 0) {
        throw new IllegalArgumentException("bytes must not be negative: " + bytes);
      }
    }

    @Override
    public String type() {
      return "download";
    }

    @Override
    public String toString() {
      // The URL is a bearer credential until it expires: never in a log line.
      return "Download[requestId="
          + requestId
          + ", queryExecutionId="
          + queryExecutionId
          + ", expiresAt="
          + expiresAt
          + ", bytes="
          + bytes
          + "]";
    }
  }
}
