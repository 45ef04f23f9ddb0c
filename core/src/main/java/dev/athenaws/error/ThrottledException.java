package dev.athenaws.error;

import java.util.Objects;

/**
 * Athena, or the Step Functions service a query is handed to, kept pushing back (rate limit,
 * concurrent query limit, server errors) or could not be reached (connection reset or refused,
 * timeouts) until the bounded retries ran out or the caller's deadline came. Nothing is known to
 * have gone wrong with the query itself: the client may try again later. Code {@link
 * ErrorCode#ATHENA_BUSY} whichever {@link Service} it was, so a host branches on one type.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: thrown by {@code QueryStarter}, {@code CompletionWaiter} and {@code PageFetcher},
 * and by the Lambda adapter's Step Functions starter; the constructors throw {@link
 * NullPointerException} for a null service, operation or reason.
 */
public final class ThrottledException extends AthenaWsException {
  private static final long serialVersionUID = 1L;

  /** Why Athena pushed back on the last attempt. */
  public enum Reason {
    /** ThrottlingException, TooManyRequestsException without a reason, HTTP 429. */
    THROTTLED,
    /** TooManyRequestsException with reason CONCURRENT_QUERY_LIMIT_EXCEEDED. */
    CONCURRENT_QUERY_LIMIT,
    /** HTTP 500, 502, 503, 504 (such as InternalServerException) or an AWS retryable error code. */
    SERVER_ERROR,
    /**
     * No answer: a connection reset or refused, a read timeout, {@code
     * ApiCallAttemptTimeoutException} (a client-side failure the SDK classifies as retryable).
     */
    NETWORK
  }

  /** The service that pushed back. */
  public enum Service {
    /** Amazon Athena. */
    ATHENA("Athena"),
    /** AWS Step Functions (starting the execution that continues a query). */
    STEP_FUNCTIONS("Step Functions");

    private final String label;

    Service(String label) {
      this.label = label;
    }
  }

  /** The service that pushed back. */
  private final Service service;

  /** The operation that was retried. */
  private final String operation;

  /** Why the last attempt failed. */
  private final Reason reason;

  /** How many calls were made. */
  private final int attempts;

  /**
   * Creates the exception with a user-safe message for the reason.
   *
   * @param operation the Athena operation, such as {@code StartQueryExecution}
   * @param reason why the last attempt failed
   * @param attempts calls made
   * @param cause the last failure
   * @throws NullPointerException if operation or reason is null
   */
  public ThrottledException(String operation, Reason reason, int attempts, Throwable cause) {
    this(Service.ATHENA, operation, reason, attempts, cause);
  }

  /**
   * Creates the exception with a user-safe message for the service and reason.
   *
   * @param service the service that pushed back
   * @param operation the operation, such as {@code StartExecution}
   * @param reason why the last attempt failed
   * @param attempts calls made
   * @param cause the last failure
   * @throws NullPointerException if service, operation or reason is null
   */
  public ThrottledException(
      Service service, String operation, Reason reason, int attempts, Throwable cause) {
    super(ErrorCode.ATHENA_BUSY, message(service, reason), cause);
    this.service = service;
    this.operation = Objects.requireNonNull(operation, "operation");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.attempts = attempts;
  }

  /**
   * @return the service that pushed back
   */
  public Service service() {
    return service;
  }

  /**
   * @return the operation that was retried
   */
  public String operation() {
    return operation;
  }

  /**
   * @return why the last attempt failed
   */
  public Reason reason() {
    return reason;
  }

  /**
   * @return how many calls were made
   */
  public int attempts() {
    return attempts;
  }

  private static String message(Service service, Reason reason) {
    String name = Objects.requireNonNull(service, "service").label;
    return switch (Objects.requireNonNull(reason, "reason")) {
      case THROTTLED -> name + " is throttling; try again";
      case CONCURRENT_QUERY_LIMIT -> "Too many queries are running; try again";
      case SERVER_ERROR -> name + " is unavailable; try again";
      case NETWORK -> name + " could not be reached; try again";
    };
  }
}
