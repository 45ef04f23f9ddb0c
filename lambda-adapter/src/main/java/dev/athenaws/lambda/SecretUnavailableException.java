package dev.athenaws.lambda;

/**
 * A secret could not be read. The message names what failed (the AWS error code, the HTTP status or
 * the I/O failure) and never the secret's value.
 */
final class SecretUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The AWS error code ({@code ResourceNotFoundException}, ...) or a short cause of ours. */
  private final String code;

  SecretUnavailableException(String code, String message, Throwable cause) {
    super(code + ": " + message, cause);
    this.code = code;
  }

  /**
   * @return the AWS error code, or {@code IOException}, {@code HttpStatus<n>}, {@code
   *     NoSecretString}, {@code MalformedResponse}, {@code NoCredentials}
   */
  String code() {
    return code;
  }
}
