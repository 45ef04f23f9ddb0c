package dev.athenaws.local;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of the local stack's duration flags ({@code --idle-timeout 10m}): a whole number
 * and a unit, {@code ms}, {@code s}, {@code m} or {@code h}.
 *
 * <p>Thread-safety: stateless.
 */
final class DurationFlag {
  private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private DurationFlag() {}

  /**
   * @param given the flags given
   * @param name the flag
   * @param fallback the value when the flag is not given
   * @return the flag's duration
   * @throws IllegalArgumentException naming the flag when the value is malformed
   */
  static Duration parse(Map<String, String> given, String name, Duration fallback) {
    String v = given.get(name);
    if (v == null) {
      return fallback;
    }
    Matcher m = FORMAT.matcher(v.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          name + " needs a duration like 500ms, 2s, 10m or 2h, got '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
