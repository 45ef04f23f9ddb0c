package dev.athenaws.catalog;

import dev.athenaws.error.InvalidParameterException;
import dev.athenaws.internal.text.Excerpt;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The checks of a {@link ParameterSpec} declaration, each failing with an {@link
 * IllegalArgumentException} that names the parameter and the catalog field.
 *
 * <p>Thread-safety: stateless.
 */
final class SpecChecks {
  /**
   * A claim name as a token carries it: printable ASCII without spaces, such as {@code account},
   * {@code custom:tenant} (Cognito) or {@code https://example.com/tenant} (namespaced).
   */
  static final Pattern CLAIM = Pattern.compile("[\\x21-\\x7E]{1,256}");

  private SpecChecks() {}

  /**
   * @throws IllegalArgumentException unless a claim-bound parameter is a required STRING with a
   *     well-formed claim name
   */
  static void checkClaim(String name, ParameterType type, boolean required, String claim) {
    if (claim == null) {
      return;
    }
    if (!CLAIM.matcher(claim).matches()) {
      throw fieldError(
          name, "fromClaim", "must be 1..256 printable ASCII characters without spaces");
    }
    if (type != ParameterType.STRING) {
      throw fieldError(name, "fromClaim", "applies to string parameters only (claims are strings)");
    }
    if (!required) {
      throw fieldError(
          name, "fromClaim", "a claim-bound parameter is always required and has no default");
    }
  }

  static List<String> copyAllowed(String name, List<String> values) {
    for (String value : values) {
      if (value == null) {
        throw fieldError(name, "enum", "must not contain null");
      }
    }
    List<String> copy = List.copyOf(values);
    if (new HashSet<>(copy).size() != copy.size()) {
      throw fieldError(name, "enum", "must not contain duplicates");
    }
    return copy;
  }

  static void checkApplies(String name, String field, boolean present, boolean applies) {
    if (present && !applies) {
      throw fieldError(name, field, "does not apply to this parameter type");
    }
  }

  static Pattern compile(String name, String pattern) {
    if (pattern == null) {
      return null;
    }
    try {
      return Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw fieldError(name, "pattern", "does not compile: " + e.getDescription());
    }
  }

  static void checkValue(ValueRules rules, String name, String field, Object value) {
    if (value == null) {
      return;
    }
    try {
      rules.render(value);
    } catch (InvalidParameterException e) {
      throw fieldError(name, field, e.reason());
    }
  }

  static IllegalArgumentException fieldError(String name, String field, String reason) {
    return new IllegalArgumentException(
        "parameter '" + Excerpt.of(name) + "' field '" + field + "': " + reason);
  }
}
