package dev.athenaws.lambda;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads environment variables for {@link Config}: blank counts as unset, and every failure is an
 * {@link IllegalStateException} whose message names the variable (values are not echoed: an
 * operator may have put a secret in the wrong variable).
 */
final class EnvReader {
  private final Map<String, String> env;

  EnvReader(Map<String, String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  /**
   * @return the trimmed value, or {@code fallback} when unset or blank
   */
  String text(String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  /**
   * @return the value as a whole number within [min, max], or {@code fallback} when unset
   */
  long number(String name, long fallback, long min, long max) {
    String text = text(name, null);
    if (text == null) {
      return fallback;
    }
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw invalid(name, "must be a whole number from " + min + " to " + max);
    }
    if (value < min || value > max) {
      throw invalid(name, "must be from " + min + " to " + max + ", was " + value);
    }
    return value;
  }

  /**
   * @return true for "true", false for "false" or unset (case-insensitive)
   */
  boolean bool(String name) {
    String text = text(name, "false").toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(name, "must be true or false");
    };
  }

  /** Passes the value, when set, to a setter that throws IllegalArgumentException when invalid. */
  void apply(String name, Consumer<String> setter) {
    String text = text(name, null);
    if (text == null) {
      return;
    }
    try {
      setter.accept(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(name + " is invalid: " + e.getMessage(), e);
    }
  }

  IllegalStateException invalid(String name, String rule) {
    return new IllegalStateException(name + " is invalid: it " + rule);
  }
}
