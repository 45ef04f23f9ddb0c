package dev.athenaws.error;

import java.util.Objects;

/**
 * Root of the library's unchecked exceptions. Every subclass carries the {@link ErrorCode} that a
 * client receives when the failure is reported over the protocol, so callers can branch on the type
 * or on {@link #code()}.
 *
 * <p>Messages are written to be safe for end users: they name the parameter, column or query
 * involved, never SQL of other queries, credentials or stack details.
 *
 * <p>Thread-safety: immutable after construction.
 *
 * <p>Exceptions: the constructors throw {@link NullPointerException} for a null code or message.
 * Thrown, as one of its subclasses or itself, by every part of the library for failures a client
 * can be told about.
 */
public class AthenaWsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The protocol error code a client receives for this failure. */
  private final ErrorCode code;

  /**
   * Creates an exception without a cause.
   *
   * @param code the protocol error code, not null
   * @param message a user-safe message, not null
   * @throws NullPointerException if code or message is null
   */
  public AthenaWsException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param code the protocol error code, not null
   * @param message a user-safe message, not null
   * @param cause the underlying failure, may be null
   * @throws NullPointerException if code or message is null
   */
  public AthenaWsException(ErrorCode code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * @return the protocol error code a client receives for this failure
   */
  public ErrorCode code() {
    return code;
  }

  /**
   * The request field the failure is about, sent as the {@code error} message's {@code field}.
   *
   * @return the field name, or null (the default) when the failure is not about one field
   */
  public String field() {
    return null;
  }
}
