package dev.athenaws.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.internal.types.AthenaType;
import dev.athenaws.internal.types.TimeWithZone;
import dev.athenaws.internal.types.ValueConverters;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
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

/** Expected texts follow "The JSON encoding for browsers" in docs/protocol.md. */
class ValueJsonWriterTest {
  private final ValueJsonWriter writer = new ValueJsonWriter();

  private String json(Object v) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      writer.write(g, v);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toString();
  }

  @Test
  void scalars() {
    assertThat(json(null)).isEqualTo("null");
    assertThat(json(true)).isEqualTo("true");
    assertThat(json(false)).isEqualTo("false");
    assertThat(json(-12)).isEqualTo("-12");
    assertThat(json(Integer.MIN_VALUE)).isEqualTo("-2147483648");
    assertThat(json("a\"b")).isEqualTo("\"a\\\"b\"");
    assertThat(json("")).isEqualTo("\"\"");
  }

  @Test
  void longsBeyondTwoToThe53AreStrings() {
    long safe = (1L << 53) - 1;
    assertThat(json(safe)).isEqualTo("9007199254740991");
    assertThat(json(-safe)).isEqualTo("-9007199254740991");
    assertThat(json(safe + 1)).isEqualTo("\"9007199254740992\"");
    assertThat(json(-safe - 1)).isEqualTo("\"-9007199254740992\"");
    assertThat(json(Long.MAX_VALUE)).isEqualTo("\"9223372036854775807\"");
    assertThat(json(Long.MIN_VALUE)).isEqualTo("\"-9223372036854775808\"");
    assertThat(json(0L)).isEqualTo("0");
    assertThat(json(BigInteger.valueOf(safe))).isEqualTo("9007199254740991");
    assertThat(json(BigInteger.TWO.pow(70))).isEqualTo("\"1180591620717411303424\"");
  }

  @Test
  void decimalsArePlainStringsKeepingScale() {
    assertThat(json(new BigDecimal("0.10"))).isEqualTo("\"0.10\"");
    assertThat(json(new BigDecimal("-12.500"))).isEqualTo("\"-12.500\"");
    assertThat(json(new BigDecimal("1E+3"))).isEqualTo("\"1000\"");
    assertThat(json(new BigDecimal("1E-7"))).isEqualTo("\"0.0000001\"");
    assertThat(json(new BigDecimal("0"))).isEqualTo("\"0\"");
  }

  @Test
  void floatingPoint() throws IOException {
    assertThat(json(1.5d)).isEqualTo("1.5");
    assertThat(json(1.234E10)).isEqualTo("1.234E10");
    assertThat(json(Double.NaN)).isEqualTo("\"NaN\"");
    assertThat(json(Double.POSITIVE_INFINITY)).isEqualTo("\"Infinity\"");
    assertThat(json(Double.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
    assertThat(json(1.5f)).isEqualTo("1.5");
    assertThat(json(1.0E-5f)).isEqualTo("1.0E-5");
    assertThat(json(Float.NaN)).isEqualTo("\"NaN\"");
    assertThat(json(Float.POSITIVE_INFINITY)).isEqualTo("\"Infinity\"");
    assertThat(json(Float.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
    assertThat(new ObjectMapper().readTree("[" + json(1.0E-5f) + "]").get(0).isNumber()).isTrue();
  }

  @Test
  void datesAndTimes() {
    assertThat(json(LocalDate.of(2017, 1, 2))).isEqualTo("\"2017-01-02\"");
    assertThat(json(LocalTime.of(1, 2, 3, 456_000_000))).isEqualTo("\"01:02:03.456\"");
    assertThat(json(LocalTime.of(1, 2))).isEqualTo("\"01:02:00.000\"");
    assertThat(json(LocalTime.of(1, 2, 3, 456_789_000))).isEqualTo("\"01:02:03.456789\"");
    assertThat(json(LocalTime.of(1, 2, 3, 456_789_012))).isEqualTo("\"01:02:03.456789012\"");
    assertThat(json(LocalDateTime.of(2017, 1, 1, 0, 0))).isEqualTo("\"2017-01-01T00:00:00.000\"");
    assertThat(json(LocalDateTime.of(2017, 12, 31, 23, 59, 59, 1_000)))
        .isEqualTo("\"2017-12-31T23:59:59.000001\"");
    assertThat(json(LocalDateTime.of(1, 2, 3, 4, 5, 6, 7)))
        .isEqualTo("\"0001-02-03T04:05:06.000000007\"");
    assertThat(json(LocalDate.of(10000, 1, 1))).isEqualTo("\"+10000-01-01\"");
    assertThat(json(LocalDate.of(-1, 1, 1))).isEqualTo("\"-0001-01-01\"");
  }

  @Test
  void zonedValues() {
    LocalDateTime t = LocalDateTime.of(2001, 8, 22, 3, 4, 5, 321_000_000);
    assertThat(json(ZonedDateTime.of(t, ZoneId.of("America/Los_Angeles"))))
        .isEqualTo("\"2001-08-22T03:04:05.321-07:00[America/Los_Angeles]\"");
    assertThat(json(ZonedDateTime.of(t, ZoneOffset.ofHours(8))))
        .isEqualTo("\"2001-08-22T03:04:05.321+08:00\"");
    assertThat(json(ZonedDateTime.of(t, ZoneOffset.UTC))).isEqualTo("\"2001-08-22T03:04:05.321Z\"");
    assertThat(json(ZonedDateTime.of(t, ZoneId.of("UTC"))))
        .isEqualTo("\"2001-08-22T03:04:05.321Z[UTC]\"");
    LocalTime lt = LocalTime.of(1, 2, 3, 456_000_000);
    assertThat(json(new TimeWithZone(lt, ZoneOffset.ofHours(-8))))
        .isEqualTo("\"01:02:03.456-08:00\"");
    assertThat(json(new TimeWithZone(lt, ZoneId.of("America/Los_Angeles"))))
        .isEqualTo("\"01:02:03.456[America/Los_Angeles]\"");
  }

  @Test
  void intervals() {
    assertThat(json(Period.of(1, 2, 0))).isEqualTo("\"P1Y2M\"");
    assertThat(json(Period.ZERO)).isEqualTo("\"P0M\"");
    assertThat(json(Period.of(-1, -2, 0))).isEqualTo("\"-P1Y2M\"");
    assertThat(json(Period.ofMonths(3))).isEqualTo("\"P3M\"");
    assertThat(json(Period.ofYears(5))).isEqualTo("\"P5Y\"");
    assertThat(json(Period.ofMonths(-3))).isEqualTo("\"-P3M\"");
    Duration d = Duration.ofDays(2).plusHours(3).plusMinutes(4).plusMillis(5678);
    assertThat(json(d)).isEqualTo("\"P2DT3H4M5.678S\"");
    assertThat(json(Duration.ZERO)).isEqualTo("\"PT0S\"");
    assertThat(json(Duration.ofDays(2))).isEqualTo("\"P2D\"");
    assertThat(json(Duration.ofMillis(500))).isEqualTo("\"PT0.5S\"");
    assertThat(json(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusMillis(4500).negated()))
        .isEqualTo("\"-P1DT2H3M4.5S\"");
    assertThat(json(Duration.ofMillis(-500))).isEqualTo("\"-PT0.5S\"");
    assertThat(json(Duration.ofHours(1).plusNanos(1))).isEqualTo("\"PT1H0.000000001S\"");
    assertThat(json(Duration.ofSeconds(Long.MIN_VALUE)))
        .isEqualTo("\"-P106751991167300DT15H30M8S\"");
  }

  @Test
  void binaryJsonAndFallbacks() throws IOException {
    assertThat(json(new byte[] {0, 1, (byte) 0xff})).isEqualTo("\"AAH/\"");
    assertThat(json(new byte[0])).isEqualTo("\"\"");
    assertThat(json(new byte[] {(byte) 0xfb, (byte) 0xff})).isEqualTo("\"+/8=\"");
    assertThat(json(new ObjectMapper().readTree("{\"a\":[1,null,\"x\"]}")))
        .isEqualTo("{\"a\":[1,null,\"x\"]}");
    assertThat(json((short) 7)).isEqualTo("7");
    assertThat(json(java.util.UUID.fromString("00000000-0000-0000-0000-000000000001")))
        .isEqualTo("\"00000000-0000-0000-0000-000000000001\"");
  }

  @Test
  void nestedListsAndMaps() {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put("k", List.of(1, 2));
    m.put(5, Arrays.asList(null, new BigDecimal("0.10")));
    m.put(LocalDate.of(2020, 1, 2), Map.of("x", Double.NaN));
    m.put(9007199254740993L, true);
    m.put(new BigDecimal("1.50"), null);
    assertThat(json(Arrays.asList(m, List.of(), Map.of(), null)))
        .isEqualTo(
            "[{\"k\":[1,2],\"5\":[null,\"0.10\"],\"2020-01-02\":{\"x\":\"NaN\"},"
                + "\"9007199254740993\":true,\"1.50\":null},[],{},null]");
  }

  private String jsonColumn(String athenaText) {
    return json(ValueConverters.forType(AthenaType.parse("json")).convert(athenaText));
  }

  @Test
  void jsonValuesKeepEveryDigitAtEveryDepth() {
    assertThat(jsonColumn("12345678901234567890.123456789"))
        .isEqualTo("\"12345678901234567890.123456789\"");
    assertThat(jsonColumn("9007199254740993")).isEqualTo("\"9007199254740993\"");
    assertThat(jsonColumn("-9007199254740993")).isEqualTo("\"-9007199254740993\"");
    assertThat(jsonColumn("123456789012345678901234567890"))
        .isEqualTo("\"123456789012345678901234567890\"");
    assertThat(
            jsonColumn("{\"a\":[9007199254740993,{\"b\":0.1000000000000000055511151231257827}]}"))
        .isEqualTo(
            "{\"a\":[\"9007199254740993\",{\"b\":\"0.1000000000000000055511151231257827\"}]}");
  }

  @Test
  void jsonNumbersADoubleHoldsExactlyStayNumbers() {
    assertThat(jsonColumn("{\"n\":9007199254740991,\"m\":-12,\"x\":0.25,\"y\":1.5E10,\"z\":0.1}"))
        .isEqualTo("{\"n\":9007199254740991,\"m\":-12,\"x\":0.25,\"y\":1.5E10,\"z\":0.1}");
    assertThat(jsonColumn("[true,null,\"s\"]")).isEqualTo("[true,null,\"s\"]");
    assertThat(jsonColumn("1e400")).isEqualTo("\"1E+400\"");
  }
}
