package dev.athenaws.internal.types;

import com.fasterxml.jackson.core.io.NumberInput;
import dev.athenaws.error.ValueFormatException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Hand-rolled parsing of Athena's number texts. Accepts only the forms Athena prints (ASCII digits,
 * an optional leading {@code -}, no blanks, no {@code +}), so that {@code Integer.parseInt}'s
 * acceptance of non-ASCII digits or {@code Double.parseDouble}'s of {@code 1d} and hex never leak
 * in. Valid input never throws; invalid input throws {@link ValueFormatException}.
 *
 * <p>Thread-safety: stateless.
 */
final class NumberText {
  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };
  private static final float[] POW10F = {
    1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f
  };

  private NumberText() {}

  /** Parses an integer of at most 19 digits within {@code [min, max]}. */
  static long parseLong(String s, long min, long max, String type) {
    int n = s.length();
    int i = 0;
    boolean negative = n > 0 && s.charAt(0) == '-';
    if (negative) {
      i = 1;
    }
    if (i == n || n - i > 19) {
      throw invalid(type, s, n - i > 19 ? "out of range" : "not an integer");
    }
    long acc = 0; // accumulated negatively, like Long.parseLong, so that Long.MIN_VALUE fits
    for (; i < n; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        throw invalid(type, s, "not an integer");
      }
      if (acc < (Long.MIN_VALUE + d) / 10) {
        throw invalid(type, s, "out of range");
      }
      acc = acc * 10 - d;
    }
    if (!negative) {
      if (acc == Long.MIN_VALUE) {
        throw invalid(type, s, "out of range");
      }
      acc = -acc;
    }
    if (acc < min || acc > max) {
      throw invalid(type, s, "out of range");
    }
    return acc;
  }

  /** Parses {@code -?d+(.d+)?(E[+-]?d+)?}, {@code NaN}, {@code Infinity}, {@code -Infinity}. */
  static double parseDouble(String s, String type) {
    Decimal d = scan(s, type);
    if (d.special != 0) {
      return d.special == 1
          ? Double.NaN
          : d.special == 2 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    if (d.digits <= 15 && d.exp10 >= -22 && d.exp10 <= 22) {
      // Exact mantissa and exact power of ten: one correctly rounded operation (Clinger's fast
      // path).
      double m = d.mantissa;
      double v = d.exp10 >= 0 ? m * POW10[d.exp10] : m / POW10[-d.exp10];
      return d.negative ? -v : v;
    }
    // Syntax already checked; jackson-core's bundled FastDoubleParser (Eisel-Lemire) is correctly
    // rounded and several times faster than Double.parseDouble for 16-17 digit texts.
    return NumberInput.parseDouble(s, true);
  }

  /** Like {@link #parseDouble} for {@code real}. */
  static float parseFloat(String s, String type) {
    Decimal d = scan(s, type);
    if (d.special != 0) {
      return d.special == 1
          ? Float.NaN
          : d.special == 2 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
    }
    if (d.digits <= 7 && d.exp10 >= -10 && d.exp10 <= 10) {
      float m = d.mantissa;
      float v = d.exp10 >= 0 ? m * POW10F[d.exp10] : m / POW10F[-d.exp10];
      return d.negative ? -v : v;
    }
    return NumberInput.parseFloat(s, true);
  }

  /**
   * Parses a plain decimal {@code -?d+(.d+)?}. With {@code scale >= 0} the result has exactly that
   * scale (a value needing rounding is invalid); with {@code precision > 0} at most that many
   * digits.
   */
  static BigDecimal parseDecimal(String s, int precision, int scale, String type) {
    int n = s.length();
    int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
    int intStart = i;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
    }
    int intDigits = i - intStart;
    int fracDigits = 0;
    if (i < n && s.charAt(i) == '.') {
      i++;
      int fracStart = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      fracDigits = i - fracStart;
      if (fracDigits == 0) {
        throw invalid(type, s, "not a decimal");
      }
    }
    if (intDigits == 0 || i != n) {
      throw invalid(type, s, "not a decimal");
    }
    BigDecimal value;
    if (intDigits + fracDigits <= 18) {
      long unscaled = 0;
      for (int k = intStart; k < n; k++) {
        char c = s.charAt(k);
        if (c != '.') {
          unscaled = unscaled * 10 + (c - '0');
        }
      }
      value = BigDecimal.valueOf(intStart == 1 ? -unscaled : unscaled, fracDigits);
    } else {
      value = new BigDecimal(s);
    }
    if (scale >= 0 && value.scale() != scale) {
      if (value.scale() > scale && value.stripTrailingZeros().scale() > scale) {
        throw invalid(type, s, "more than " + scale + " fraction digits");
      }
      value = value.setScale(scale, RoundingMode.UNNECESSARY);
    }
    if (precision > 0 && value.precision() > precision && value.signum() != 0) {
      throw invalid(type, s, "more than " + precision + " digits");
    }
    return value;
  }

  private static Decimal scan(String s, String type) {
    Decimal d = new Decimal();
    int n = s.length();
    int i = 0;
    if (n > 0 && s.charAt(0) == '-') {
      d.negative = true;
      i = 1;
    }
    if (n - i == 3 && !d.negative && s.equals("NaN")) {
      d.special = 1;
      return d;
    }
    if (n - i == 8 && s.startsWith("Infinity", i)) {
      d.special = d.negative ? 3 : 2;
      return d;
    }
    int start = i;
    int fracDigits = 0;
    boolean significant = false;
    for (; i < n && isDigit(s.charAt(i)); i++) {
      d.addDigit(s.charAt(i), significant |= s.charAt(i) != '0');
    }
    if (i == start) {
      throw invalid(type, s, "not a number");
    }
    if (i < n && s.charAt(i) == '.') {
      int fracStart = ++i;
      for (; i < n && isDigit(s.charAt(i)); i++) {
        d.addDigit(s.charAt(i), significant |= s.charAt(i) != '0');
        fracDigits++;
      }
      if (i == fracStart) {
        throw invalid(type, s, "not a number");
      }
    }
    long exp = 0;
    if (i < n && (s.charAt(i) == 'E' || s.charAt(i) == 'e')) {
      i++;
      boolean expNegative = i < n && s.charAt(i) == '-';
      if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        i++;
      }
      int expStart = i;
      for (; i < n && isDigit(s.charAt(i)); i++) {
        exp = Math.min(exp * 10 + (s.charAt(i) - '0'), 1_000_000L);
      }
      if (i == expStart) {
        throw invalid(type, s, "not a number");
      }
      exp = expNegative ? -exp : exp;
    }
    if (i != n) {
      throw invalid(type, s, "not a number");
    }
    d.exp10 = (int) Math.max(Math.min(exp - fracDigits + d.dropped, 1_000_000L), -1_000_000L);
    return d;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static ValueFormatException invalid(String type, String text, String reason) {
    return new ValueFormatException(null, type, text, reason);
  }

  /** Scan state: significant digits (up to 18 kept exactly) and the decimal exponent. */
  private static final class Decimal {
    boolean negative;
    int special; // 0 finite, 1 NaN, 2 +Infinity, 3 -Infinity
    long mantissa;
    int digits; // significant digits seen; above 18 the fast paths are not taken
    int dropped; // digits beyond 18 not added to the mantissa (only matters for the slow path)
    int exp10;

    void addDigit(char c, boolean significantSoFar) {
      if (!significantSoFar) {
        return;
      }
      if (digits < 18) {
        mantissa = mantissa * 10 + (c - '0');
      } else {
        dropped++;
      }
      digits++;
    }
  }
}
