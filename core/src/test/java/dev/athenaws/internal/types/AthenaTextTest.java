package dev.athenaws.internal.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AthenaText prints each contract value exactly as Athena does. */
class AthenaTextTest {

  static String fmt(String signature, Object value) {
    return AthenaText.format(AthenaType.parse(signature), value);
  }

  @Test
  void numbers() {
    // docs/aws-behaviour.md: decimal plain 0.10; double NaN/Infinity/-Infinity or exponent form
    assertThat(fmt("boolean", true)).isEqualTo("true");
    assertThat(fmt("tinyint", -12)).isEqualTo("-12");
    assertThat(fmt("bigint", Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
    assertThat(fmt("real", 1.0E-5f)).isEqualTo("1.0E-5");
    assertThat(fmt("double", 1.234E10)).isEqualTo("1.234E10");
    assertThat(fmt("double", 0.25)).isEqualTo("0.25");
    assertThat(fmt("double", Double.NaN)).isEqualTo("NaN");
    assertThat(fmt("double", Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(fmt("decimal(10,2)", new BigDecimal("0.1"))).isEqualTo("0.10");
    assertThat(fmt("decimal(10,2)", new BigDecimal("1E+3"))).isEqualTo("1000.00");
    assertThat(fmt("decimal", new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThatThrownBy(() -> fmt("decimal(10,1)", new BigDecimal("0.15")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void temporals() {
    // docs/aws-behaviour.md; uber/athenadriver UndocumentedAthena.md
    assertThat(fmt("date", LocalDate.of(2017, 1, 2))).isEqualTo("2017-01-02");
    assertThat(fmt("time", LocalTime.of(1, 2, 3, 456_000_000))).isEqualTo("01:02:03.456");
    assertThat(fmt("timestamp", LocalDateTime.of(2017, 1, 1, 0, 0)))
        .isEqualTo("2017-01-01 00:00:00.000");
    assertThat(fmt("timestamp(6)", LocalDateTime.of(2017, 1, 1, 0, 0, 0, 1000)))
        .isEqualTo("2017-01-01 00:00:00.000001");
    assertThat(fmt("timestamp(9)", LocalDateTime.of(2017, 1, 1, 0, 0, 0, 1)))
        .isEqualTo("2017-01-01 00:00:00.000000001");
    assertThat(fmt("timestamp(3)", LocalDateTime.of(2017, 1, 1, 0, 0, 0, 999_999)))
        .isEqualTo("2017-01-01 00:00:00.000");
    assertThat(
            fmt(
                "timestamp with time zone",
                ZonedDateTime.of(
                    LocalDateTime.of(2001, 8, 22, 3, 4, 5, 321_000_000),
                    ZoneId.of("America/Los_Angeles"))))
        .isEqualTo("2001-08-22 03:04:05.321 America/Los_Angeles");
    assertThat(
            fmt(
                "timestamp with time zone",
                ZonedDateTime.of(LocalDateTime.of(2017, 1, 1, 0, 0), ZoneId.of("UTC"))))
        .isEqualTo("2017-01-01 00:00:00.000 UTC");
    assertThat(
            fmt(
                "timestamp with time zone",
                ZonedDateTime.of(LocalDateTime.of(2017, 1, 1, 0, 0), ZoneOffset.UTC)))
        .isEqualTo("2017-01-01 00:00:00.000 +00:00");
    assertThat(
            fmt(
                "time with time zone",
                new TimeWithZone(LocalTime.of(1, 2, 3, 456_000_000), ZoneOffset.ofHours(-8))))
        .isEqualTo("01:02:03.456-08:00");
    assertThat(
            fmt(
                "time with time zone",
                new TimeWithZone(
                    LocalTime.of(1, 2, 3, 456_000_000), ZoneId.of("America/Los_Angeles"))))
        .isEqualTo("01:02:03.456 America/Los_Angeles");
  }

  @Test
  void intervalsAndBinary() {
    // uber/athenadriver UndocumentedAthena.md: 2 00:00:00.000 and 0-3
    assertThat(fmt("interval day to second", Duration.ofDays(2))).isEqualTo("2 00:00:00.000");
    assertThat(fmt("interval day to second", Duration.parse("-P1DT2H3M4.5S")))
        .isEqualTo("-1 02:03:04.500");
    assertThat(fmt("interval year to month", Period.ofMonths(3))).isEqualTo("0-3");
    assertThat(fmt("interval year to month", Period.of(-1, -2, 0))).isEqualTo("-1-2");
    assertThat(fmt("interval year to month", Period.ofMonths(14))).isEqualTo("1-2");
    assertThatThrownBy(() -> fmt("interval year to month", Period.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fmt("varbinary", new byte[] {0, 1, (byte) 0xff})).isEqualTo("00 01 ff");
    assertThat(fmt("varbinary", new byte[0])).isEqualTo("");
  }

  @Test
  void containers() throws Exception {
    // PyAthena tests/pyathena/test_cursor.py test_complex: [1, 2], {1=2, 3=4}, {a=1, b=2}
    assertThat(fmt("array(integer)", Arrays.asList(1, null, 2))).isEqualTo("[1, null, 2]");
    assertThat(fmt("array(integer)", List.of())).isEqualTo("[]");
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(1, 2);
    m.put(3, null);
    assertThat(fmt("map(integer, integer)", m)).isEqualTo("{1=2, 3=null}");
    assertThat(fmt("map(varchar, varchar)", Map.of())).isEqualTo("{}");
    assertThat(fmt("row(a integer, b varchar)", Map.of("b", "x", "a", 1))).isEqualTo("{a=1, b=x}");
    assertThat(
            fmt(
                "array(row(a integer, b array(double)))",
                List.of(Map.of("a", 1, "b", List.of(1.5d)))))
        .isEqualTo("[{a=1, b=[1.5]}]");
    assertThat(fmt("json", new ObjectMapper().readTree("{\"a\": [1, 2]}")))
        .isEqualTo("{\"a\":[1,2]}");
    assertThat(fmt("array", "[1, 2]")).isEqualTo("[1, 2]");
    assertThat(fmt("geometry", "POINT (1 2)")).isEqualTo("POINT (1 2)");
  }

  @Test
  void rejectsValuesOfTheWrongClass() {
    assertThatThrownBy(() -> fmt("integer", 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Long")
        .hasMessageContaining("integer");
    assertThatThrownBy(() -> fmt("array(integer)", "[1]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fmt("integer", null)).isEqualTo("null");
  }
}
