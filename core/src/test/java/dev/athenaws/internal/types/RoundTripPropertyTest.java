package dev.athenaws.internal.types;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * parse(format(v)) == v for generated Java values of every scalar type, and format(parse(t)) == t
 * for generated canonical Athena texts.
 */
class RoundTripPropertyTest {
  private static final String[] REGIONS = {
    "UTC", "America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe"
  };

  /** A type signature with a generated value of its contract class. */
  record Case(String signature, Object value) {}

  @Property(tries = 1000)
  void parseOfFormatIsTheValue(@ForAll("values") Case c) {
    AthenaType type = AthenaType.parse(c.signature());
    String text = AthenaText.format(type, c.value());
    Object back = ValueConverters.forType(type).convert(text);
    if (c.value() instanceof byte[]) {
      assertThat((byte[]) back).containsExactly((byte[]) c.value());
    } else {
      assertThat(back).as("%s '%s'", c.signature(), text).isEqualTo(c.value());
    }
  }

  @Property(tries = 1000)
  void formatOfParseIsTheCanonicalText(@ForAll("texts") Case c) {
    AthenaType type = AthenaType.parse(c.signature());
    String text = (String) c.value();
    Object parsed = ValueConverters.forType(type).convert(text);
    assertThat(AthenaText.format(type, parsed)).as(c.signature()).isEqualTo(text);
  }

  @Provide
  Arbitrary<Case> values() {
    return Arbitraries.oneOf(
        Arbitraries.of(true, false).map(v -> new Case("boolean", v)),
        Arbitraries.integers().between(-128, 127).map(v -> new Case("tinyint", v)),
        Arbitraries.integers().between(-32768, 32767).map(v -> new Case("smallint", v)),
        Arbitraries.integers().map(v -> new Case("integer", v)),
        Arbitraries.longs().map(v -> new Case("bigint", v)),
        floats().map(v -> new Case("real", v)),
        doubles().map(v -> new Case("double", v)),
        decimals(),
        Arbitraries.strings().ofMaxLength(20).map(v -> new Case("varchar", v)),
        dates().map(v -> new Case("date", v)),
        precision().flatMap(p -> times(p).map(t -> new Case("time(" + p + ")", t))),
        precision()
            .flatMap(
                p ->
                    Combinators.combine(dates(), times(p))
                        .as((d, t) -> new Case("timestamp(" + p + ")", LocalDateTime.of(d, t)))),
        Combinators.combine(dates(), times(3), zones())
            .as(
                (d, t, z) ->
                    new Case(
                        "timestamp with time zone",
                        ZonedDateTime.ofLocal(LocalDateTime.of(d, t), z, null))),
        Combinators.combine(times(3), zones())
            .as((t, z) -> new Case("time with time zone", new TimeWithZone(t, z))),
        Arbitraries.integers()
            .between(-1_000_000, 1_000_000)
            .map(
                m -> new Case("interval year to month", Period.ofYears(m / 12).withMonths(m % 12))),
        Arbitraries.longs()
            .between(-100_000_000_000_000L, 100_000_000_000_000L)
            .map(ms -> new Case("interval day to second", Duration.ofMillis(ms))),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(b -> new Case("varbinary", b)),
        json().map(j -> new Case("json", j)));
  }

  @Provide
  Arbitrary<Case> texts() {
    Arbitrary<String> digits =
        Arbitraries.strings()
            .numeric()
            .ofMinLength(1)
            .ofMaxLength(18)
            .filter(s -> s.length() == 1 || s.charAt(0) != '0');
    Arbitrary<String> sign = Arbitraries.of("", "-");
    return Arbitraries.oneOf(
        Combinators.combine(sign, digits)
            .as((s, d) -> new Case("bigint", s + d))
            .filter(c -> !c.value().equals("-0")),
        doubles().map(d -> new Case("double", Double.toString(d))),
        floats().map(f -> new Case("real", Float.toString(f))),
        Combinators.combine(sign, digits, Arbitraries.strings().numeric().ofLength(4))
            .as((s, i, f) -> new Case("decimal(38,4)", s + i + "." + f))
            .filter(c -> !c.value().equals("-0.0000")),
        Combinators.combine(yyyyMmDd(), hhMmSs(), fraction(3))
            .as((d, t, f) -> new Case("timestamp", d + " " + t + f)),
        Combinators.combine(yyyyMmDd(), hhMmSs(), fraction(6))
            .as((d, t, f) -> new Case("timestamp(6)", d + " " + t + f)),
        Combinators.combine(yyyyMmDd(), hhMmSs(), fraction(9), Arbitraries.of(REGIONS))
            .as((d, t, f, z) -> new Case("timestamp(9) with time zone", d + " " + t + f + " " + z))
            .filter(RoundTripPropertyTest::notInDstGap),
        Combinators.combine(yyyyMmDd(), hhMmSs(), fraction(3), offsets())
            .as((d, t, f, z) -> new Case("timestamp with time zone", d + " " + t + f + " " + z)),
        Combinators.combine(hhMmSs(), fraction(3), offsets())
            .as((t, f, z) -> new Case("time with time zone", t + f + z)),
        Combinators.combine(hhMmSs(), fraction(3), Arbitraries.of(REGIONS))
            .as((t, f, z) -> new Case("time with time zone", t + f + " " + z)),
        yyyyMmDd().map(d -> new Case("date", d)),
        Combinators.combine(
                sign,
                Arbitraries.integers().between(0, 99999),
                Arbitraries.integers().between(0, 11))
            .as((s, y, m) -> new Case("interval year to month", s + y + "-" + m))
            .filter(c -> !((String) c.value()).matches("-0-0")),
        Combinators.combine(sign, Arbitraries.integers().between(0, 99999), hhMmSs(), fraction(3))
            .as((s, d, t, f) -> new Case("interval day to second", s + d + " " + t + f))
            .filter(c -> !((String) c.value()).matches("-0 00:00:00\\.000")),
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(8)
            .map(b -> new Case("varbinary", AthenaText.format(AthenaType.parse("varbinary"), b))),
        Arbitraries.integers()
            .between(0, 9)
            .list()
            .ofMaxSize(4)
            .map(l -> new Case("array(integer)", l.toString())));
  }

  private static boolean notInDstGap(Case c) {
    String s = (String) c.value();
    LocalDateTime ldt =
        (LocalDateTime)
            ValueConverters.forType(AthenaType.parse("timestamp(9)"))
                .convert(s.substring(0, s.lastIndexOf(' ')));
    ZoneId zone = ZoneId.of(s.substring(s.lastIndexOf(' ') + 1));
    return zone.getRules().isValidOffset(ldt, zone.getRules().getOffset(ldt));
  }

  private static Arbitrary<Integer> precision() {
    return Arbitraries.of(3, 6, 9);
  }

  private static Arbitrary<Float> floats() {
    return Arbitraries.oneOf(
        Arbitraries.floats(),
        Arbitraries.integers().map(Float::intBitsToFloat),
        Arbitraries.of(
            Float.NaN,
            Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            -0.0f,
            Float.MIN_VALUE,
            Float.MAX_VALUE,
            1.0E-5f));
  }

  private static Arbitrary<Double> doubles() {
    return Arbitraries.oneOf(
        Arbitraries.doubles(),
        Arbitraries.longs().map(Double::longBitsToDouble),
        Arbitraries.integers().between(-1_000_000, 1_000_000).map(i -> i / 1000.0),
        Arbitraries.of(
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            -0.0,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            1.234E10,
            1.0E-5));
  }

  private static Arbitrary<Case> decimals() {
    return Combinators.combine(
            Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(37).negate(), BigInteger.TEN.pow(37)),
            Arbitraries.integers().between(0, 37))
        .as(
            (unscaled, scale) ->
                new Case("decimal(38," + scale + ")", new BigDecimal(unscaled, scale)));
  }

  private static Arbitrary<LocalDate> dates() {
    return Arbitraries.longs()
        .between(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
        .map(LocalDate::ofEpochDay);
  }

  private static Arbitrary<LocalTime> times(int precision) {
    long unit = (long) Math.pow(10, 9 - precision);
    return Arbitraries.longs()
        .between(0, 86_399_999_999_999L)
        .map(n -> LocalTime.ofNanoOfDay(n / unit * unit));
  }

  private static Arbitrary<ZoneId> zones() {
    return Arbitraries.oneOf(
        Arbitraries.of(REGIONS).map(ZoneId::of),
        Arbitraries.integers()
            .between(-18 * 60, 18 * 60)
            .map(m -> ZoneOffset.ofTotalSeconds(m * 60)));
  }

  private static Arbitrary<String> offsets() {
    return Combinators.combine(
            Arbitraries.of("+", "-"),
            Arbitraries.integers().between(0, 17),
            Arbitraries.integers().between(0, 59))
        .as((s, h, m) -> String.format("%s%02d:%02d", s, h, m))
        .filter(s -> !s.equals("-00:00"));
  }

  private static Arbitrary<String> yyyyMmDd() {
    return dates().map(LocalDate::toString);
  }

  private static Arbitrary<String> hhMmSs() {
    return times(0)
        .map(t -> String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
  }

  private static Arbitrary<String> fraction(int digits) {
    return Arbitraries.strings().numeric().ofLength(digits).map(f -> "." + f);
  }

  private static Arbitrary<JsonNode> json() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(10).map(f::textNode),
        Arbitraries.integers().map(f::numberNode),
        Arbitraries.strings()
            .alpha()
            .ofMaxLength(5)
            .list()
            .ofMaxSize(3)
            .map(
                l -> {
                  var arr = f.arrayNode();
                  l.forEach(arr::add);
                  return arr;
                }),
        Arbitraries.strings()
            .alpha()
            .ofMinLength(1)
            .ofMaxLength(5)
            .set()
            .ofMaxSize(3)
            .map(
                keys -> {
                  var obj = f.objectNode();
                  keys.forEach(k -> obj.put(k, k.length()));
                  return obj;
                }));
  }
}
