package dev.athenaws.cdk;

import java.util.Locale;

/**
 * How the route handler runs a query (the {@code ATHENA_WS_MODE} variable of the Lambda adapter).
 *
 * <p>Immutable; thread-safe.
 */
public enum Mode {
  /**
   * The route handler polls and pushes itself under a deadline well below API Gateway's 29 s
   * integration timeout, and hands a still-running query to the state machine.
   */
  INLINE,
  /** The route handler starts a state machine execution and returns at once. */
  STEPFUNCTIONS;

  /**
   * The value the Lambda adapter reads from {@code ATHENA_WS_MODE}.
   *
   * @return {@code inline} or {@code stepfunctions}
   */
  public String envValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a context value such as {@code -c mode=inline}.
   *
   * @param value {@code inline} or {@code stepfunctions}, any case
   * @return the mode
   * @throws NullPointerException when {@code value} is null
   * @throws IllegalArgumentException when {@code value} names no mode
   */
  public static Mode parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (Mode m : values()) {
      if (m.envValue().equals(v)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "mode: expected inline or stepfunctions, got '" + value + "'");
  }
}
