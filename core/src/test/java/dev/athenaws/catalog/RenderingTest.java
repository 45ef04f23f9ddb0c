package dev.athenaws.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.InvalidParameterException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden literals per type (formats: docs/aws-behaviour.md, ExecutionParameters) and every value
 * rule.
 */
class RenderingTest {

  static String render(ParameterType type, Object value) {
    return ValueRules.of(ParameterSpec.required("p", type)).render(value);
  }

  static String render(ParameterSpec spec, Object value) {
    return ValueRules.of(spec).render(value);
  }

  static void assertRefused(ParameterSpec spec, Object value, String reasonPart) {
    assertThatThrownBy(() -> render(spec, value))
        .isInstanceOfSatisfying(
            InvalidParameterException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
              assertThat(e.parameter()).isEqualTo(spec.name());
              assertThat(e.reason()).contains(reasonPart);
              assertThat(e.getMessage()).startsWith("Invalid parameter '" + spec.name() + "': ");
            });
  }

  static void assertRefused(ParameterType type, Object value, String reasonPart) {
    assertRefused(ParameterSpec.required("p", type), value, reasonPart);
  }

  @Test
  void stringsAreQuotedWithQuotesDoubled() {
    assertThat(render(ParameterType.STRING, "abc")).isEqualTo("'abc'");
    assertThat(render(ParameterType.STRING, "it's")).isEqualTo("'it''s'");
    assertThat(render(ParameterType.STRING, "")).isEqualTo("''");
    assertThat(render(ParameterType.STRING, "''")).isEqualTo("''''''");
    assertThat(render(ParameterType.STRING, "a\\b")).isEqualTo("'a\\b'");
    assertThat(render(ParameterType.STRING, "tab\there\nline\r")).isEqualTo("'tab\there\nline\r'");
    assertThat(render(ParameterType.STRING, "東京 😀")).isEqualTo("'東京 😀'");
  }

  @Test
  void stringRefusesOtherJsonTypes() {
    assertRefused(ParameterType.STRING, new BigDecimal("1"), "must be a JSON string");
    assertRefused(ParameterType.STRING, Boolean.TRUE, "must be a JSON string");
    assertRefused(ParameterType.STRING, List.of("a"), "must be a JSON string");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"\u0000", "a\u0001b", "\u001b[31m", "\u007f", "\u000b", "\u000c", "\u001f"})
  void stringRefusesControlCharacters(String value) {
    assertRefused(ParameterType.STRING, value, "control characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\ud800", "a\udc00", "\ud83d", "x\ud83dy"})
  void stringRefusesUnpairedSurrogates(String value) {
    assertRefused(ParameterType.STRING, value, "unpaired surrogate");
  }

  @Test
  void stringLengthIsCappedAfterQuoting() {
    ParameterSpec spec = ParameterSpec.required("p", ParameterType.STRING);
    assertThat(render(spec, "a".repeat(1022))).hasSize(1024);
    assertRefused(spec, "a".repeat(1023), "at most 1022 characters");
    // 1021 chars plus one quote doubled = 1022 inside + 2 outer quotes = 1024: fits
    assertThat(render(spec, "a".repeat(1020) + "'")).hasSize(1024);
    assertRefused(spec, "a".repeat(1021) + "'", "too long once quoted");
    assertRefused(spec, "'".repeat(600), "too long once quoted");
  }

  @Test
  void stringMaxLengthPatternAndAllowedValues() {
    ParameterSpec max =
        ParameterSpec.builder("p", ParameterType.STRING).required().maxLength(3).build();
    assertThat(render(max, "abc")).isEqualTo("'abc'");
    assertRefused(max, "abcd", "at most 3 characters");

    ParameterSpec pattern =
        ParameterSpec.builder("p", ParameterType.STRING).required().pattern("[a-z]+").build();
    assertThat(render(pattern, "abc")).isEqualTo("'abc'");
    assertRefused(pattern, "abc1", "must match the pattern [a-z]+");
    assertRefused(pattern, "1abc", "must match the pattern");
    assertRefused(pattern, "", "must match the pattern");

    ParameterSpec allowed =
        ParameterSpec.builder("p", ParameterType.STRING)
            .required()
            .allowedValues(List.of("red", "green"))
            .build();
    assertThat(render(allowed, "green")).isEqualTo("'green'");
    assertRefused(allowed, "blue", "must be one of the allowed values [red, green]");
    assertRefused(allowed, "RED", "allowed values");
  }

  @ParameterizedTest
  @CsvSource({
    "42,42",
    "-7,-7",
    "0,0",
    "42.0,42",
    "4.2E+1,42",
    "1E+2,100",
    "-0.00,0",
    "9223372036854775807,9223372036854775807",
    "-9223372036854775807,-9223372036854775807"
  })
  void integersRenderBare(String json, String literal) {
    assertThat(render(ParameterType.INTEGER, new BigDecimal(json))).isEqualTo(literal);
  }

  @Test
  void integersAcceptJavaIntegralTypesAndDigitStrings() {
    assertThat(render(ParameterType.INTEGER, 42)).isEqualTo("42");
    assertThat(render(ParameterType.INTEGER, 42L)).isEqualTo("42");
    assertThat(render(ParameterType.INTEGER, BigInteger.TEN)).isEqualTo("10");
    assertThat(render(ParameterType.INTEGER, "9223372036854775807"))
        .isEqualTo("9223372036854775807");
    assertThat(render(ParameterType.INTEGER, "-12")).isEqualTo("-12");
    assertThat(render(ParameterType.INTEGER, "007")).isEqualTo("7");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "0.0000001", "-2.25"})
  void integersRefuseFractions(String json) {
    assertRefused(ParameterType.INTEGER, new BigDecimal(json), "whole number");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"9223372036854775808", "-9223372036854775808", "1E+19", "12345678901234567890"})
  void integersRefuseOutOfBigintRange(String json) {
    assertRefused(ParameterType.INTEGER, new BigDecimal(json), "must be between");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"1.5", "1e3", " 1", "1 ", "+1", "0x10", "", "-", "١٢", "9223372036854775808"})
  void integersRefuseNonDigitStrings(String text) {
    assertThatThrownBy(() -> render(ParameterType.INTEGER, text))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void integersRefuseOtherTypes() {
    assertRefused(ParameterType.INTEGER, Boolean.TRUE, "must be an integer");
    assertRefused(ParameterType.INTEGER, 1.0d, "must be an integer");
  }

  @Test
  @Timeout(5)
  void hugeExponentsAreRefusedFast() {
    BigDecimal[] huge = {
      new BigDecimal("1e1000000000"),
      new BigDecimal("-1e1000000000"),
      new BigDecimal("1e-1000000000"),
      new BigDecimal("9.99e999999999"),
      new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE + 1)
    };
    long start = System.nanoTime();
    for (BigDecimal value : huge) {
      assertThatThrownBy(() -> render(ParameterType.INTEGER, value))
          .isInstanceOf(InvalidParameterException.class);
      assertThatThrownBy(() -> render(ParameterType.DECIMAL, value))
          .isInstanceOf(InvalidParameterException.class);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @ParameterizedTest
  @CsvSource({
    "12.50,12.50",
    "-0.5,-0.5",
    "0,0",
    "1E+2,100",
    "1.0E-5,0.000010",
    "42,42",
    "12345678901234567890123456789012345678,12345678901234567890123456789012345678",
    "0.12345678901234567890123456789012345678,0.12345678901234567890123456789012345678"
  })
  void decimalsRenderBareInPlainNotationKeepingScale(String json, String literal) {
    assertThat(render(ParameterType.DECIMAL, new BigDecimal(json))).isEqualTo(literal);
  }

  @Test
  void decimalsAcceptDigitStringsAndRefuseTooManyDigits() {
    assertThat(render(ParameterType.DECIMAL, "12.50")).isEqualTo("12.50");
    assertThat(render(ParameterType.DECIMAL, "-3")).isEqualTo("-3");
    assertThat(render(ParameterType.DECIMAL, 7)).isEqualTo("7");
    assertRefused(ParameterType.DECIMAL, "1e3", "must be a decimal number");
    assertRefused(ParameterType.DECIMAL, ".5", "must be a decimal number");
    assertRefused(ParameterType.DECIMAL, "NaN", "must be a decimal number");
    assertRefused(ParameterType.DECIMAL, Boolean.FALSE, "must be a decimal number");
    assertRefused(ParameterType.DECIMAL, new BigDecimal("1E+38"), "at most 38 digits");
    assertRefused(
        ParameterType.DECIMAL,
        new BigDecimal("123456789012345678901234567890123456789"),
        "38 digits");
    assertRefused(ParameterType.DECIMAL, new BigDecimal("1E-39"), "38 digits");
    assertThat(render(ParameterType.DECIMAL, new BigDecimal("1E-38")))
        .isEqualTo("0." + "0".repeat(37) + "1");
  }

  @Test
  void numbersRespectMinAndMax() {
    ParameterSpec spec =
        ParameterSpec.builder("limit", ParameterType.INTEGER)
            .required()
            .min(BigDecimal.ONE)
            .max(new BigDecimal("1000"))
            .build();
    assertThat(render(spec, BigDecimal.ONE)).isEqualTo("1");
    assertThat(render(spec, new BigDecimal("1000"))).isEqualTo("1000");
    assertRefused(spec, BigDecimal.ZERO, "must be >= 1");
    assertRefused(spec, new BigDecimal("1001"), "must be <= 1000");

    ParameterSpec decimal =
        ParameterSpec.builder("d", ParameterType.DECIMAL)
            .required()
            .min(new BigDecimal("0.5"))
            .max(new BigDecimal("1.5"))
            .build();
    assertThat(render(decimal, new BigDecimal("1.50"))).isEqualTo("1.50");
    assertRefused(decimal, new BigDecimal("0.49"), "must be >= 0.5");
    assertRefused(decimal, new BigDecimal("1.51"), "must be <= 1.5");
  }

  @Test
  void booleansAreJsonBooleansOnly() {
    assertThat(render(ParameterType.BOOLEAN, true)).isEqualTo("true");
    assertThat(render(ParameterType.BOOLEAN, false)).isEqualTo("false");
    assertRefused(ParameterType.BOOLEAN, "true", "must be a JSON boolean");
    assertRefused(ParameterType.BOOLEAN, BigDecimal.ONE, "must be a JSON boolean");
  }

  @Test
  void datesAreRealCalendarDates() {
    assertThat(render(ParameterType.DATE, "2021-08-01")).isEqualTo("DATE '2021-08-01'");
    assertThat(render(ParameterType.DATE, "2024-02-29")).isEqualTo("DATE '2024-02-29'");
    assertRefused(ParameterType.DATE, "2023-02-29", "real calendar date");
    assertRefused(ParameterType.DATE, "2021-13-01", "real calendar date");
    assertRefused(ParameterType.DATE, "2021-04-31", "real calendar date");
    assertRefused(ParameterType.DATE, "0000-01-01", "year");
    assertRefused(ParameterType.DATE, "2021/08/01", "yyyy-MM-dd");
    assertRefused(ParameterType.DATE, "2021-8-1", "yyyy-MM-dd");
    assertRefused(ParameterType.DATE, "2021-08-01'", "yyyy-MM-dd");
    assertRefused(ParameterType.DATE, "2021-08-01 00:00:00", "yyyy-MM-dd");
    assertRefused(ParameterType.DATE, new BigDecimal("20210801"), "yyyy-MM-dd");
  }

  @ParameterizedTest
  @CsvSource({
    "2021-08-01 12:00:00,TIMESTAMP '2021-08-01 12:00:00.000'",
    "2021-08-01T12:00:00,TIMESTAMP '2021-08-01 12:00:00.000'",
    "2021-08-01 12:00:00.5,TIMESTAMP '2021-08-01 12:00:00.500'",
    "2021-08-01 23:59:59.123,TIMESTAMP '2021-08-01 23:59:59.123'",
    "2021-08-01 00:00:00.1234,TIMESTAMP '2021-08-01 00:00:00.123400'",
    "2021-08-01 00:00:00.123456789,TIMESTAMP '2021-08-01 00:00:00.123456789'",
  })
  void timestampsRenderWithSpaceAndFractionDigits(String json, String literal) {
    assertThat(render(ParameterType.TIMESTAMP, json)).isEqualTo(literal);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2021-08-01",
        "2021-08-01 24:00:00",
        "2021-08-01 12:60:00",
        "2021-08-01 12:00:60",
        "2021-02-30 12:00:00",
        "2021-08-01 12:00:00Z",
        "2021-08-01 12:00:00+09:00",
        "2021-08-01 12:00",
        "2021-08-01 12:00:00.1234567890",
        "2021-08-01  12:00:00",
        "2021-08-01 12:00:00."
      })
  void timestampsRefuseInvalidText(String text) {
    assertThatThrownBy(() -> render(ParameterType.TIMESTAMP, text))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void parameterNameInErrorIsTruncated() {
    InvalidParameterException e = new InvalidParameterException("x".repeat(100) + "\n", "r");
    assertThat(e.parameter()).isEqualTo("x".repeat(64) + "...");
    assertThat(e.getMessage()).doesNotContain("\n");
  }
}
