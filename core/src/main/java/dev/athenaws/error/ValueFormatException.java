package dev.athenaws.error;

/**
 * A value Athena returned is not in the format its column type promises. Carries the column (when
 * known), the type signature and the value truncated to {@value #MAX_VALUE_CHARS} characters.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: thrown by {@code ValueConverter.convert}, and by {@code ResultSetMapper} in strict
 * mode; the constructor never throws.
 */
public final class ValueFormatException extends AthenaWsException {
  private static final long serialVersionUID = 1L;

  /** Longest value excerpt kept in the exception and its message. */
  public static final int MAX_VALUE_CHARS = 64;

  /** The column label, or null when not known. */
  private final String column;

  /** The type signature. */
  private final String type;

  /** The offending value, truncated. */
  private final String value;

  /** A short reason, or null. */
  private final String reason;

  /**
   * Creates the exception. Its message names the column, the type and the truncated value, never
   * more of the value.
   *
   * @param column the column label, or null when not known (the mapper fills it in)
   * @param type the type signature, not null
   * @param value the offending text, truncated here
   * @param reason a short reason, may be null
   */
  public ValueFormatException(String column, String type, String value, String reason) {
    super(ErrorCode.INTERNAL, message(column, type, truncate(value), reason));
    this.column = column;
    this.type = type;
    this.value = truncate(value);
    this.reason = reason;
  }

  /**
   * The same failure, naming the column.
   *
   * @param column the column label
   * @return a new exception with the same type, value and reason, naming {@code column}
   */
  public ValueFormatException withColumn(String column) {
    return new ValueFormatException(column, type, value, reason);
  }

  /**
   * @return the column label, or null when not known
   */
  public String column() {
    return column;
  }

  /**
   * @return the type signature
   */
  public String type() {
    return type;
  }

  /**
   * @return the offending value, truncated
   */
  public String value() {
    return value;
  }

  /**
   * @return the short reason, or null when none was given
   */
  public String reason() {
    return reason;
  }

  static String truncate(String value) {
    if (value == null) {
      return "";
    }
    return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS) + "...";
  }

  private static String message(String column, String type, String value, String reason) {
    return "value of "
        + (column == null ? "a column" : "column '" + column + "'")
        + " is not a valid "
        + type
        + ": '"
        + value
        + "'"
        + (reason == null ? "" : " (" + reason + ")");
  }
}
