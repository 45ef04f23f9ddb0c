package dev.athenaws.protocol;

import dev.athenaws.query.QueryStats;
import dev.athenaws.AthenaWsException;
import dev.athenaws.ErrorCode;
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
 */
public sealed interface ServerMessage
    permits ServerMessage.Accepted,
        ServerMessage.Progress,
        ServerMessage.Complete,
        ServerMessage.Error,
        ServerMessage.Catalog {

  /** @return the JSON {@code type} of this message */
  String type();

  /** @return the client's request id, or null */
  String requestId();

  /** The query was validated and started (or handed to the orchestrator). */
  record Accepted(String requestId, String queryExecutionId, String message) implements ServerMessage {
    /** The default human-readable text of an {@code accepted} message. */
    public static final String DEFAULT_MESSAGE =
        "Query accepted; results will follow on this connection.";

    public Accepted {
      Objects.requireNonNull(message, "message");
    }

    /** @return an accepted message with {@link #DEFAULT_MESSAGE} */
    public static Accepted of(String requestId, String queryExecutionId) {
      return new Accepted(requestId, queryExecutionId, DEFAULT_MESSAGE);
    }

    @Override
    public String type() {
      return "accepted";
    }
  }

  /**
   * The query is still going (or just ended).
   *
   * @param elapsedMillis milliseconds since the query was submitted, not negative
   * @param dataScannedBytes bytes scanned so far, null when unknown
   */
  record Progress(
      String requestId,
      String queryExecutionId,
      QueryState state,
      long elapsedMillis,
      Long dataScannedBytes)
      implements ServerMessage {
    public Progress {
      Objects.requireNonNull(state, "state");
      if (elapsedMillis < 0) {
        throw new IllegalArgumentException("elapsedMillis must not be negative: " + elapsedMillis);
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
   * @param rowCount the number of rows over all {@code rows} messages
   * @param chunks the number of {@code rows} messages ({@code seq} ran from 0 to chunks - 1)
   * @param statistics Athena's statistics, null to omit
   */
  record Complete(
      String requestId,
      String queryExecutionId,
      long rowCount,
      int chunks,
      QueryStats statistics)
      implements ServerMessage {
    public Complete {
      if (rowCount < 0 || chunks < 0) {
        throw new IllegalArgumentException("rowCount and chunks must not be negative");
      }
    }

    @Override
    public String type() {
      return "complete";
    }
  }

  /**
   * The request or the query failed; no further message follows for this request.
   *
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
    public Error {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }

    /** @return an error with only a code and a message (plus the ids) */
    public static Error of(
        String requestId, String queryExecutionId, ErrorCode code, String message) {
      return new Error(requestId, queryExecutionId, code, message, null, null, null, null);
    }

    /** @return the error a client receives for {@code e}: its code and its (user-safe) message */
    public static Error of(String requestId, String queryExecutionId, AthenaWsException e) {
      return of(requestId, queryExecutionId, e.code(), e.getMessage());
    }

    /** @return the error a client receives for a message the decoder refused */
    public static Error of(DecodeResult.Rejected rejected) {
      return new Error(
          rejected.requestId(), null, rejected.code(), rejected.message(), rejected.field(),
          null, null, null);
    }

    @Override
    public String type() {
      return "error";
    }
  }

  /** The answer to {@code listQueries}: the named queries a client may run. */
  record Catalog(String requestId, List<CatalogEntry> queries) implements ServerMessage {
    public Catalog {
      queries = List.copyOf(Objects.requireNonNull(queries, "queries"));
    }

    @Override
    public String type() {
      return "catalog";
    }
  }
}
