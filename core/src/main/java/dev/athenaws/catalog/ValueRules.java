package dev.athenaws.catalog;

import dev.athenaws.error.InvalidParameterException;
import dev.athenaws.internal.text.Excerpt;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The validation rules of one parameter, with its pattern compiled, and the rendering of an
 * accepted value to an Athena {@code ExecutionParameters} literal. Built once per parameter when a
 * catalog is constructed, so binding never compiles a pattern.
 *
 * <p>Thread-safety: immutable ({@link Pattern} is thread-safe; each match uses its own matcher).
 */
final class ValueRules {
  /** Athena's limit on one ExecutionParameters value (API_StartQueryExecution: 1..1024 chars). */
  static final int MAX_LITERAL_CHARS = 1024;

  /** The longest string value that can fit: {@link #MAX_LITERAL_CHARS} minus the two quotes. */
  static final int MAX_STRING_CHARS = MAX_LITERAL_CHARS - 2;

  private final String name;
  private final ParameterType type;
  private final Pattern pattern;
  private final BigDecimal min;
  private final BigDecimal max;
  private final List<String> allowedValues;
  private final int maxLength;

  ValueRules(
      String name,
      ParameterType type,
      Pattern pattern,
      BigDecimal min,
      BigDecimal max,
      List<String> allowedValues,
      Integer maxLength) {
    this.name = name;
    this.type = type;
    this.pattern = pattern;
    this.min = min;
    this.max = max;
    this.allowedValues = allowedValues;
    this.maxLength = maxLength == null ? MAX_STRING_CHARS : maxLength;
  }

  /**
   * @return the rules of {@code spec}, its pattern compiled
   */
  static ValueRules of(ParameterSpec spec) {
    return new ValueRules(
        spec.name(),
        spec.type(),
        spec.pattern() == null ? null : Pattern.compile(spec.pattern()),
        spec.min(),
        spec.max(),
        spec.allowedValues(),
        spec.maxLength());
  }

  String name() {
    return name;
  }

  /**
   * Validates a decoded JSON scalar and renders it.
   *
   * @param value a String, BigDecimal (or Integer/Long/BigInteger), Boolean; not null
   * @return the literal, 1..{@value #MAX_LITERAL_CHARS} characters
   * @throws InvalidParameterException if the value is refused
   */
  String render(Object value) {
    String literal =
        switch (type) {
          case STRING -> renderString(value, true);
          case INTEGER -> checkRange(Numbers.integer(name, value)).toPlainString();
          case DECIMAL -> checkRange(Numbers.decimal(name, value)).toPlainString();
          case BOOLEAN -> renderBoolean(value);
          case DATE -> Temporals.date(name, value);
          case TIMESTAMP -> Temporals.timestamp(name, value);
        };
    if (literal.isEmpty() || literal.length() > MAX_LITERAL_CHARS) {
      throw refuse("rendered literal must be 1.." + MAX_LITERAL_CHARS + " characters");
    }
    return literal;
  }

  /** Checks a member of the allowed values against every other string rule (catalog load). */
  void checkAllowedValue(String value) {
    renderString(value, false);
  }

  private String renderString(Object value, boolean checkAllowed) {
    if (!(value instanceof String s)) {
      throw refuse("must be a JSON string");
    }
    // Length first: it bounds the work of the scan and of the pattern below.
    if (s.length() > maxLength) {
      throw refuse("must be at most " + maxLength + " characters");
    }
    checkCharacters(s);
    if (pattern != null && !pattern.matcher(s).matches()) {
      throw refuse("must match the pattern " + Excerpt.of(pattern.pattern()));
    }
    if (checkAllowed && !allowedValues.isEmpty() && !allowedValues.contains(s)) {
      throw refuse("must be one of the allowed values " + Excerpt.of(allowedValues.toString()));
    }
    // Trino string literal: '...' with ' doubled; no other character is special (no backslash
    // escapes).
    String literal = "'" + s.replace("'", "''") + "'";
    if (literal.length() > MAX_LITERAL_CHARS) {
      throw refuse("is too long once quoted (at most " + MAX_LITERAL_CHARS + " characters)");
    }
    return literal;
  }

  /** Refuses C0 controls except tab, LF and CR, DEL, and unpaired surrogates. */
  private void checkCharacters(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        throw refuse(
            "must not contain control characters other than tab, newline and carriage return");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        throw refuse("must not contain unpaired surrogate characters");
      }
      if (Character.isLowSurrogate(c)) {
        throw refuse("must not contain unpaired surrogate characters");
      }
    }
  }

  private String renderBoolean(Object value) {
    if (!(value instanceof Boolean b)) {
      throw refuse("must be a JSON boolean (true or false)");
    }
    return b.toString();
  }

  private BigDecimal checkRange(BigDecimal value) {
    if (min != null && value.compareTo(min) < 0) {
      throw refuse("must be >= " + min.toPlainString());
    }
    if (max != null && value.compareTo(max) > 0) {
      throw refuse("must be <= " + max.toPlainString());
    }
    return value;
  }

  private InvalidParameterException refuse(String reason) {
    return new InvalidParameterException(name, reason);
  }
}
