package dev.athenaws.catalog;

import dev.athenaws.error.InvalidParameterException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Converts decoded JSON values to the numbers an INTEGER or DECIMAL parameter accepts. Every bound
 * is checked on precision and scale (plain {@code int}/{@code long} arithmetic) before any
 * operation whose cost grows with the magnitude, so {@code 1e1000000000} is refused at once.
 */
final class Numbers {
  /** Athena's decimal limit (Trino DECIMAL max precision 38); also the INTEGER digit cap. */
  static final int MAX_DECIMAL_DIGITS = 38;

  /** Digits of Long.MAX_VALUE. */
  private static final int MAX_BIGINT_DIGITS = 19;

  private static final Pattern INTEGER_TEXT = Pattern.compile("-?[0-9]{1,19}");
  private static final Pattern DECIMAL_TEXT = Pattern.compile("-?[0-9]{1,38}(\\.[0-9]{1,38})?");

  private Numbers() {}

  /**
   * @return the value as a BigDecimal of scale 0 within -(2^63-1)..2^63-1
   * @throws InvalidParameterException if not an integral number in that range
   */
  static BigDecimal integer(String name, Object value) {
    BigDecimal number;
    if (value instanceof String text) {
      if (!INTEGER_TEXT.matcher(text).matches()) {
        throw new InvalidParameterException(name, "must be an integer");
      }
      number = new BigDecimal(text);
    } else {
      number = toBigDecimal(name, value, "must be an integer");
    }
    if (number.signum() == 0) {
      return BigDecimal.ZERO;
    }
    if (number.precision() > MAX_DECIMAL_DIGITS) {
      throw new InvalidParameterException(name, "must be an integer of at most 19 digits");
    }
    if (number.scale() > 0) {
      number = number.stripTrailingZeros(); // cheap: at most 38 digits
      if (number.scale() > 0) {
        throw new InvalidParameterException(name, "must be a whole number");
      }
    }
    long integerDigits = (long) number.precision() - number.scale();
    if (integerDigits > MAX_BIGINT_DIGITS) {
      throw outOfBigintRange(name);
    }
    number = number.setScale(0); // scale <= 0 and at most 19 digits: exact and cheap
    if (number.unscaledValue().bitLength() > 63) {
      throw outOfBigintRange(name);
    }
    long exact = number.longValue();
    // Long.MIN_VALUE is refused: rendered bare, -9223372036854775808 is unary minus applied to a
    // literal that does not fit bigint.
    if (exact == Long.MIN_VALUE) {
      throw outOfBigintRange(name);
    }
    return BigDecimal.valueOf(exact);
  }

  /**
   * @return the value with scale >= 0 and at most {@value #MAX_DECIMAL_DIGITS} digits
   * @throws InvalidParameterException if not a number of at most that many digits
   */
  static BigDecimal decimal(String name, Object value) {
    BigDecimal number;
    if (value instanceof String text) {
      if (text.length() > 2 * MAX_DECIMAL_DIGITS + 2 || !DECIMAL_TEXT.matcher(text).matches()) {
        throw new InvalidParameterException(name, "must be a decimal number");
      }
      number = new BigDecimal(text);
    } else {
      number = toBigDecimal(name, value, "must be a decimal number");
    }
    int precision = number.precision();
    int scale = number.scale();
    // Digits of the plain form: 1e3 -> "1000" (4), 0.05 -> "0.05" (2, as Trino types it
    // decimal(2,2)).
    long digits = scale <= 0 ? (long) precision - scale : Math.max(precision, scale);
    if (digits > MAX_DECIMAL_DIGITS) {
      throw new InvalidParameterException(
          name, "must have at most " + MAX_DECIMAL_DIGITS + " digits");
    }
    return scale < 0 ? number.setScale(0) : number;
  }

  private static BigDecimal toBigDecimal(String name, Object value, String reason) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Integer || value instanceof Long) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    throw new InvalidParameterException(name, reason);
  }

  private static InvalidParameterException outOfBigintRange(String name) {
    return new InvalidParameterException(
        name, "must be between -9223372036854775807 and 9223372036854775807");
  }
}
