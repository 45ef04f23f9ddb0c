package dev.athenaws.internal.query;

import software.amazon.awssdk.services.athena.model.AthenaError;

/**
 * Why Athena failed a query: its {@code Status.AthenaError}. Named apart from the SDK's {@code
 * AthenaError} so both can be used in one file.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: never throws; {@link #of} accepts null.
 *
 * @param category 1 system, 2 user, 3 other; null when not given
 * @param type Athena's error type number, null when not given
 * @param retryable whether Athena says running the query again may succeed; null when not given
 * @param message Athena's message made user-safe (S3 URIs and ARNs redacted, length capped)
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/error-reference.html">Athena error
 *     catalog</a>
 */
public record QueryError(Integer category, Integer type, Boolean retryable, String message) {
  /** ErrorCategory 1: an Athena system error. */
  public static final int SYSTEM = 1;

  /** ErrorCategory 2: a user error (bad SQL, missing table, permissions). */
  public static final int USER = 2;

  /** ErrorCategory 3: other. */
  public static final int OTHER = 3;

  /**
   * @param error the SDK's error, may be null
   * @param stateChangeReason used as the message when the error has none
   * @return the error; all fields null but a generic message when Athena gave none. The message is
   *     made user-safe (S3 URIs and ARNs redacted, length capped); never throws.
   */
  public static QueryError of(AthenaError error, String stateChangeReason) {
    String fallback = UserSafeMessage.of(stateChangeReason, "The query failed");
    if (error == null) {
      return new QueryError(null, null, null, fallback);
    }
    return new QueryError(
        error.errorCategory(),
        error.errorType(),
        error.retryable(),
        UserSafeMessage.of(error.errorMessage(), fallback));
  }
}
