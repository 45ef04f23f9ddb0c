package dev.athenaws.error;

import java.util.Optional;

/**
 * Athena rejected a statement ({@code InvalidRequestException}: bad SQL, a wrong number of
 * execution parameters, a missing result location, ...). Code {@link ErrorCode#QUERY_FAILED}. The
 * message is Athena's, made user-safe: control characters removed, S3 URIs and ARNs redacted,
 * length capped.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: thrown by {@code QueryStarter}, {@code CompletionWaiter} and {@code PageFetcher};
 * the constructor throws {@link NullPointerException} for a null message.
 */
public final class QueryFailedException extends AthenaWsException {
  private static final long serialVersionUID = 1L;

  /** The query, or null when it was never started. */
  private final String queryExecutionId;

  /** Athena's error code, or null. */
  private final String athenaErrorCode;

  /**
   * Creates the exception.
   *
   * @param message a user-safe message, not null
   * @param queryExecutionId the query, or null when it was never started
   * @param athenaErrorCode Athena's {@code AthenaErrorCode}, or null
   * @param cause the SDK exception, or null
   * @throws NullPointerException if message is null
   */
  public QueryFailedException(
      String message, String queryExecutionId, String athenaErrorCode, Throwable cause) {
    super(ErrorCode.QUERY_FAILED, message, cause);
    this.queryExecutionId = queryExecutionId;
    this.athenaErrorCode = athenaErrorCode;
  }

  /**
   * @return the query execution id, or empty when the query was never started
   */
  public Optional<String> queryExecutionId() {
    return Optional.ofNullable(queryExecutionId);
  }

  /**
   * @return Athena's error code (such as {@code INVALID_INPUT}), when it gave one
   */
  public Optional<String> athenaErrorCode() {
    return Optional.ofNullable(athenaErrorCode);
  }
}
