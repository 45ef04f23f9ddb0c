package dev.athenaws.local.athena;

/**
 * A request the emulator rejects, rendered as an AWS JSON 1.1 error: HTTP {@code status} and body
 * {@code {"__type": type, "Message": message, "AthenaErrorCode": code}} (Athena API reference,
 * Common Errors and InvalidRequestException).
 *
 * <p>Thread-safety: immutable.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String athenaErrorCode;

  ApiException(int status, String type, String message, String athenaErrorCode) {
    super(message);
    this.status = status;
    this.type = type;
    this.athenaErrorCode = athenaErrorCode;
  }

  /**
   * @return Athena's 400 InvalidRequestException with error code INVALID_INPUT
   */
  static ApiException invalidRequest(String message) {
    return new ApiException(400, "InvalidRequestException", message, "INVALID_INPUT");
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  String athenaErrorCode() {
    return athenaErrorCode;
  }
}
