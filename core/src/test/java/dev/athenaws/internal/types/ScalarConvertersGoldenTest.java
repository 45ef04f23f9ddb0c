package dev.athenaws.internal.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.error.ValueFormatException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * Golden values: Athena's exact text of each scalar type and the Java value it must map to. Every
 * fixture names the source of its format.
 */
class ScalarConvertersGoldenTest {

  static Object convert(String signature, String text) {
    return ValueConverters.forType(AthenaType.parse(signature)).convert(text);
  }

  @Test
  void booleans() {
    // docs/aws-behaviour.md: boolean true/false
    assertThat(convert("boolean", "true")).isEqualTo(Boolean.TRUE);
    assertThat(convert("boolean", "false")).isEqualTo(Boolean.FALSE);
  }

  @Test
  void integersAtTheirLimits() {
    // PyAthena tests/pyathena/test_cursor.py test_complex: 127, 32767, 2147483647,
    // 9223372036854775807
    assertThat(convert("tinyint", "127")).isEqualTo(127);
    assertThat(convert("tinyint", "-128")).isEqualTo(-128);
    assertThat(convert("smallint", "32767")).isEqualTo(32767);
    assertThat(convert("smallint", "-32768")).isEqualTo(-32768);
    assertThat(convert("integer", "2147483647")).isEqualTo(Integer.MAX_VALUE);
    assertThat(convert("integer", "-2147483648")).isEqualTo(Integer.MIN_VALUE);
    assertThat(convert("integer", "-12")).isEqualTo(-12);
    assertThat(convert("integer", "0")).isEqualTo(0);
    assertThat(convert("bigint", "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(convert("bigint", "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(convert("bigint", "9007199254740993")).isEqualTo(9007199254740993L);
  }

  @Test
  void floatingPoint() {
    // docs/aws-behaviour.md: double may be NaN, Infinity, -Infinity or exponent form;
    // PyAthena test_complex: col_float 0.5, col_double 0.25
    assertThat(convert("real", "0.5")).isEqualTo(0.5f);
    assertThat(convert("float", "1.5")).isEqualTo(1.5f);
    assertThat(convert("real", "1.0E-5")).isEqualTo(1.0E-5f);
    assertThat(convert("real", "3.4028235E38")).isEqualTo(Float.MAX_VALUE);
    assertThat(convert("real", "1.4E-45")).isEqualTo(Float.MIN_VALUE);
    assertThat(convert("real", "NaN")).isEqualTo(Float.NaN);
    assertThat(convert("real", "-Infinity")).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(convert("double", "0.25")).isEqualTo(0.25d);
    assertThat(convert("double", "1.234E10")).isEqualTo(1.234E10d);
    assertThat(convert("double", "-1.0E-5")).isEqualTo(-1.0E-5d);
    assertThat(convert("double", "1.7976931348623157E308")).isEqualTo(Double.MAX_VALUE);
    assertThat(convert("double", "4.9E-324")).isEqualTo(Double.MIN_VALUE);
    assertThat(convert("double", "0.1")).isEqualTo(0.1d);
    assertThat(convert("double", "123456.78901234567")).isEqualTo(123456.78901234567d);
    assertThat(convert("double", "NaN")).isEqualTo(Double.NaN);
    assertThat(convert("double", "Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(convert("double", "-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(convert("double", "-0.0")).isEqualTo(-0.0d);
  }

  @Test
  void decimalsKeepTheColumnScale() {
    // docs/aws-behaviour.md: decimal plain 0.10; PyAthena test_complex col_decimal decimal(10,1)
    // "0.1"
    assertThat(convert("decimal(10,2)", "0.10")).isEqualTo(new BigDecimal("0.10"));
    assertThat(convert("decimal(10,1)", "0.1")).isEqualTo(new BigDecimal("0.1"));
    assertThat(convert("decimal(10,3)", "-12.500")).isEqualTo(new BigDecimal("-12.500"));
    assertThat(convert("decimal(10,3)", "-12.5")).isEqualTo(new BigDecimal("-12.500"));
    assertThat(convert("decimal(5,0)", "42")).isEqualTo(new BigDecimal("42"));
    assertThat(convert("decimal(38,0)", "12345678901234567890123456789012345678"))
        .isEqualTo(new BigDecimal("12345678901234567890123456789012345678"));
    assertThat(convert("decimal(18,18)", "0.123456789123456789"))
        .isEqualTo(new BigDecimal("0.123456789123456789"));
    // Scale unknown (ColumnInfo without precision): the text's own scale.
    assertThat(convert("decimal", "1.50")).isEqualTo(new BigDecimal("1.50"));
    assertThat(((BigDecimal) convert("decimal(10,2)", "7")).scale()).isEqualTo(2);
  }

  @Test
  void stringsStayExact() {
    // docs/aws-behaviour.md: the empty string is VarCharValue "" and stays "" (NULL never reaches
    // converters)
    assertThat(convert("varchar", "")).isEqualTo("");
    assertThat(convert("varchar", "a string")).isEqualTo("a string");
    assertThat(convert("char(3)", "ab ")).isEqualTo("ab ");
    assertThat(convert("uuid", "1b4e28ba-2fa1-11d2-883f-0016d3cca427"))
        .isEqualTo("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    assertThat(convert("ipaddress", "10.0.0.1")).isEqualTo("10.0.0.1");
    assertThat(convert("geometry", "POINT (1 2)")).isEqualTo("POINT (1 2)");
    // ColumnInfo array/map/row without a hint: Athena's text unchanged (PyAthena test_complex).
    assertThat(convert("array", "[1, 2]")).isEqualTo("[1, 2]");
    assertThat(convert("map", "{1=2, 3=4}")).isEqualTo("{1=2, 3=4}");
    assertThat(convert("row", "{a=1, b=2}")).isEqualTo("{a=1, b=2}");
  }

  @Test
  void datesAndTimes() {
    // docs/aws-behaviour.md / uber/athenadriver UndocumentedAthena.md: date 2017-01-02, time
    // 01:02:03.456
    assertThat(convert("date", "2017-01-02")).isEqualTo(LocalDate.of(2017, 1, 2));
    assertThat(convert("date", "2020-02-29")).isEqualTo(LocalDate.of(2020, 2, 29));
    assertThat(convert("date", "0001-01-01")).isEqualTo(LocalDate.of(1, 1, 1));
    assertThat(convert("time", "01:02:03.456")).isEqualTo(LocalTime.of(1, 2, 3, 456_000_000));
    assertThat(convert("time", "23:59:59")).isEqualTo(LocalTime.of(23, 59, 59));
    assertThat(convert("time", "00:00:00.123456789")).isEqualTo(LocalTime.of(0, 0, 0, 123_456_789));
  }

  @Test
  void timestampsOfEachPrecision() {
    // docs/aws-behaviour.md: timestamp 2017-01-01 00:00:00.000 (precision 3, can be 6/9); Trino
    // prints
    // timestamp(0) without a fraction.
    assertThat(convert("timestamp", "2017-01-01 00:00:00.000"))
        .isEqualTo(LocalDateTime.of(2017, 1, 1, 0, 0));
    assertThat(convert("timestamp(0)", "2017-01-01 12:34:56"))
        .isEqualTo(LocalDateTime.of(2017, 1, 1, 12, 34, 56));
    assertThat(convert("timestamp(6)", "2017-01-01 12:34:56.123456"))
        .isEqualTo(LocalDateTime.of(2017, 1, 1, 12, 34, 56, 123_456_000));
    assertThat(convert("timestamp(9)", "1999-12-31 23:59:59.999999999"))
        .isEqualTo(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_999));
  }

  @Test
  void zonedTimestampsKeepTheZoneAsGiven() {
    // uber/athenadriver UndocumentedAthena.md: 2001-08-22 03:04:05.321 America/Los_Angeles;
    // docs/aws-behaviour.md: zone id or offset; PyAthena test_complex col_timestamp_tz in UTC.
    ZonedDateTime la =
        (ZonedDateTime)
            convert("timestamp with time zone", "2001-08-22 03:04:05.321 America/Los_Angeles");
    assertThat(la.toLocalDateTime()).isEqualTo(LocalDateTime.of(2001, 8, 22, 3, 4, 5, 321_000_000));
    assertThat(la.getZone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
    assertThat(la.getOffset()).isEqualTo(ZoneOffset.ofHours(-7));
    ZonedDateTime utc =
        (ZonedDateTime) convert("timestamp with time zone", "2017-01-01 00:00:00.000 UTC");
    assertThat(utc.getZone().getId()).isEqualTo("UTC");
    assertThat(convert("timestamp(3) with time zone", "2017-01-01 00:00:00.000 +08:00"))
        .isEqualTo(ZonedDateTime.of(2017, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)));
    assertThat(convert("timestamp(6) with time zone", "2017-01-01 00:00:00.000001 -03:30"))
        .isEqualTo(ZonedDateTime.of(2017, 1, 1, 0, 0, 0, 1000, ZoneOffset.ofHoursMinutes(-3, -30)));
  }

  @Test
  void aDstOverlapTakesTheEarlierOffsetLikeTrinoAndAGapIsRefused() {
    // 2021-11-07 in New York: 02:00 EDT (-04:00) falls back to 01:00 EST (-05:00), so 01:30 happens
    // twice. Athena prints both instants alike; Trino reads the text with the first valid offset.
    ZoneId ny = ZoneId.of("America/New_York");
    String text = "2021-11-07 01:30:00.000 America/New_York";
    ZonedDateTime overlap = (ZonedDateTime) convert("timestamp(3) with time zone", text);
    assertThat(overlap.getOffset()).isEqualTo(ZoneOffset.ofHours(-4));
    assertThat(overlap.toInstant()).hasToString("2021-11-07T05:30:00Z");
    ZonedDateTime later = overlap.withLaterOffsetAtOverlap();
    assertThat(later.getOffset()).isEqualTo(ZoneOffset.ofHours(-5));
    assertThat(AthenaText.format(AthenaType.parse("timestamp(3) with time zone"), later))
        .isEqualTo(text); // the later instant prints the same: the text cannot tell them apart
    assertThat(overlap.getZone()).isEqualTo(ny);

    // 2021-03-14 in New York: 02:00 EST jumps to 03:00 EDT; 02:30 never happens, no instant
    // prints as it, and Trino refuses it as a literal. It is not shifted to 03:30.
    assertThatThrownBy(
            () ->
                convert("timestamp(3) with time zone", "2021-03-14 02:30:00.000 America/New_York"))
        .isInstanceOf(ValueFormatException.class)
        .hasMessageContaining("daylight saving gap");
    assertThat(convert("timestamp(3) with time zone", "2021-03-14 03:30:00.000 America/New_York"))
        .isEqualTo(ZonedDateTime.of(2021, 3, 14, 3, 30, 0, 0, ny));
  }

  @Test
  void timesWithZone() {
    // uber/athenadriver UndocumentedAthena.md: 01:02:03.456 America/Los_Angeles;
    // docs/aws-behaviour.md / Trino: 01:02:03.456 -08:00 and 01:02:03.456+08:00.
    LocalTime t = LocalTime.of(1, 2, 3, 456_000_000);
    assertThat(convert("time with time zone", "01:02:03.456 America/Los_Angeles"))
        .isEqualTo(new TimeWithZone(t, ZoneId.of("America/Los_Angeles")));
    assertThat(convert("time with time zone", "01:02:03.456 -08:00"))
        .isEqualTo(new TimeWithZone(t, ZoneOffset.ofHours(-8)));
    assertThat(convert("time with time zone", "01:02:03.456+08:00"))
        .isEqualTo(new TimeWithZone(t, ZoneOffset.ofHours(8)));
    assertThat(convert("time with time zone", "01:02:03 UTC"))
        .isEqualTo(new TimeWithZone(LocalTime.of(1, 2, 3), ZoneId.of("UTC")));
  }

  @Test
  void intervals() {
    // uber/athenadriver UndocumentedAthena.md: INTERVAL '2' DAY -> 2 00:00:00.000, '3' MONTH ->
    // 0-3;
    // docs/aws-behaviour.md / the value contract: negative forms -1-2 and -1 02:03:04.500.
    assertThat(convert("interval year to month", "0-3")).isEqualTo(Period.ofMonths(3));
    assertThat(convert("interval year to month", "5-0")).isEqualTo(Period.ofYears(5));
    assertThat(convert("interval year to month", "-1-2")).isEqualTo(Period.of(-1, -2, 0));
    assertThat(convert("interval day to second", "2 00:00:00.000")).isEqualTo(Duration.ofDays(2));
    assertThat(convert("interval day to second", "-1 02:03:04.500"))
        .isEqualTo(Duration.parse("-P1DT2H3M4.5S"));
    assertThat(convert("interval day to second", "0 00:00:00.001")).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void varbinary() {
    // docs/aws-behaviour.md: 00 01 ff; PyAthena test_complex col_binary b"123" -> 31 32 33;
    // an empty string is zero bytes.
    assertThat((byte[]) convert("varbinary", "00 01 ff")).containsExactly(0, 1, 0xff);
    assertThat((byte[]) convert("varbinary", "31 32 33")).containsExactly('1', '2', '3');
    assertThat((byte[]) convert("varbinary", "")).isEmpty();
    assertThat((byte[]) convert("varbinary", "7f")).containsExactly(0x7f);
  }

  @Test
  void json() throws Exception {
    // uber/athenadriver UndocumentedAthena.md: JSON '"Hello Athena"' -> "Hello Athena";
    // PyAthena test_complex: CAST(col_map AS json) -> {"1":2,"3":4}
    ObjectMapper om = new ObjectMapper();
    assertThat(convert("json", "\"Hello Athena\"")).isEqualTo(om.readTree("\"Hello Athena\""));
    assertThat(convert("json", "{\"1\":2,\"3\":4}")).isEqualTo(om.readTree("{\"1\":2,\"3\":4}"));
    assertThat(convert("json", "[1,2]")).isEqualTo(om.readTree("[1,2]"));
    assertThat(convert("json", "null")).isEqualTo(om.readTree("null"));
  }

  @Test
  void convertersAreBuiltOncePerTypeAndReusable() {
    ValueConverter c = ValueConverters.forType(AthenaType.parse("bigint"));
    assertThat(c.convert("1")).isEqualTo(1L);
    assertThat(c.convert("2")).isEqualTo(2L);
  }
}
