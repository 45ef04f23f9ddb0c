package dev.athenaws.error;

import dev.athenaws.internal.text.Excerpt;
import java.util.Objects;

/**
 * A parameter value was refused at bind time: the query does not declare it, a required one is
 * missing, or the value has the wrong JSON type or breaks a rule of its {@code ParameterSpec}. Code
 * {@link ErrorCode#INVALID_PARAMETER}. The message names the parameter and the rule, never echoes
 * the value, so it is safe to send to the client.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: thrown by {@code QueryCatalog.bind} and {@code QueryResolver.resolve}; the
 * constructor throws {@link NullPointerException} for a null reason.
 */
public final class InvalidParameterException extends AthenaWsException {
  private static final long serialVersionUID = 1L;

  /** The parameter name, truncated. */
  private final String parameter;

  /** Why the value was refused. */
  private final String reason;

  /**
   * Creates the exception; its message is {@code Invalid parameter '<name>': <reason>}.
   *
   * @param parameter the parameter name (truncated to {@value Excerpt#MAX_CHARS} characters here)
   * @param reason why the value was refused, not null
   * @throws NullPointerException if reason is null
   */
  public InvalidParameterException(String parameter, String reason) {
    super(
        ErrorCode.INVALID_PARAMETER,
        "Invalid parameter '" + Excerpt.of(parameter) + "': " + Objects.requireNonNull(reason));
    this.parameter = Excerpt.of(parameter);
    this.reason = reason;
  }

  /**
   * @return the parameter name, truncated to {@value Excerpt#MAX_CHARS} characters
   */
  public String parameter() {
    return parameter;
  }

  /**
   * @return why the value was refused, e.g. {@code "must be <= 1000"}
   */
  public String reason() {
    return reason;
  }

  /**
   * @return the parameter name, as {@link #parameter()}: the {@code error} message's field
   */
  @Override
  public String field() {
    return parameter;
  }
}
