package dev.athenaws.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.InvalidParameterException;
import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of rendering: a value is bound as exactly itself, or refused with INVALID_PARAMETER.
 */
class RenderingPropertiesTest {
  private static final ValueRules STRING =
      ValueRules.of(ParameterSpec.required("s", ParameterType.STRING));
  private static final ValueRules INTEGER =
      ValueRules.of(ParameterSpec.required("i", ParameterType.INTEGER));
  private static final ValueRules DECIMAL =
      ValueRules.of(ParameterSpec.required("d", ParameterType.DECIMAL));

  @Provide
  Arbitrary<String> nastyStrings() {
    Arbitrary<Character> nasty =
        Arbitraries.of(
            '\'', '"', '\\', '\u0000', '\n', '\r', '\t', '\u001f', '\u007f', '’', '＇', '\ud83d',
            '\ude00', '?', '-', '/', '*', ';');
    Arbitrary<Character> chars =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, Arbitraries.chars().all()),
            net.jqwik.api.Tuple.of(2, nasty),
            net.jqwik.api.Tuple.of(2, Arbitraries.chars().ascii()));
    return Arbitraries.oneOf(
        chars.list().ofMaxSize(40).map(RenderingPropertiesTest::join),
        chars.list().ofMinSize(1000).ofMaxSize(1100).map(RenderingPropertiesTest::join),
        Arbitraries.strings().all().ofMaxLength(200));
  }

  private static String join(java.util.List<Character> cs) {
    StringBuilder b = new StringBuilder(cs.size());
    cs.forEach(b::append);
    return b.toString();
  }

  @Property(tries = 500)
  void stringLiteralIsOneBalancedLiteralThatUnRendersToTheInput(@ForAll("nastyStrings") String s) {
    String literal;
    try {
      literal = STRING.render(s);
      Statistics.label("string").collect("bound");
    } catch (InvalidParameterException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
      Statistics.label("string").collect("refused");
      return;
    } finally {
      // never vacuous: both outcomes occur often
      Statistics.label("string")
          .coverage(
              c -> {
                c.check("bound").percentage(p -> p > 10);
                c.check("refused").percentage(p -> p > 10);
              });
    }
    assertThat(literal.length()).isBetween(2, 1024);
    InjectionTest.assertOneStringLiteral(literal);
    String unrendered = literal.substring(1, literal.length() - 1).replace("''", "'");
    assertThat(unrendered).isEqualTo(s);
  }

  @Provide
  Arbitrary<BigDecimal> decimals() {
    Arbitrary<BigInteger> unscaled =
        Arbitraries.oneOf(
            Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(45).negate(), BigInteger.TEN.pow(45)),
            Arbitraries.longs().map(BigInteger::valueOf));
    Arbitrary<Integer> scale =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-45, 45),
            Arbitraries.of(
                Integer.MIN_VALUE + 1, Integer.MAX_VALUE, -1_000_000_000, 1_000_000_000));
    return net.jqwik.api.Combinators.combine(unscaled, scale).as(BigDecimal::new);
  }

  @Property(tries = 1000)
  void integerRenderingRoundTripsOrIsRefused(@ForAll("decimals") BigDecimal value) {
    String literal;
    try {
      literal = INTEGER.render(value);
      Statistics.label("integer").collect("bound");
    } catch (InvalidParameterException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
      Statistics.label("integer").collect("refused");
      return;
    } finally {
      Statistics.label("integer")
          .coverage(
              c -> {
                c.check("bound").percentage(p -> p > 5);
                c.check("refused").percentage(p -> p > 5);
              });
    }
    assertThat(literal).matches("-?[0-9]{1,19}");
    assertThat(new BigDecimal(literal)).isEqualByComparingTo(value);
  }

  @Property(tries = 1000)
  void longsRoundTripAsIntegers(@ForAll long value) {
    if (value == Long.MIN_VALUE) { // documented: refused, see Numbers.integer
      assertThatThrownBy(() -> INTEGER.render(value)).isInstanceOf(InvalidParameterException.class);
      return;
    }
    assertThat(INTEGER.render(BigDecimal.valueOf(value))).isEqualTo(Long.toString(value));
    assertThat(INTEGER.render(value)).isEqualTo(Long.toString(value));
    assertThat(INTEGER.render(Long.toString(value))).isEqualTo(Long.toString(value));
  }

  @Property(tries = 1000)
  void decimalRenderingRoundTripsOrIsRefused(@ForAll("decimals") BigDecimal value) {
    String literal;
    try {
      literal = DECIMAL.render(value);
      Statistics.label("decimal").collect("bound");
    } catch (InvalidParameterException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
      Statistics.label("decimal").collect("refused");
      return;
    } finally {
      Statistics.label("decimal")
          .coverage(
              c -> {
                c.check("bound").percentage(p -> p > 5);
                c.check("refused").percentage(p -> p > 5);
              });
    }
    assertThat(literal).matches("-?[0-9]+(\\.[0-9]+)?");
    assertThat(literal.replaceAll("[-.]", "").replaceFirst("^0+(?=.)", ""))
        .hasSizeLessThanOrEqualTo(38);
    BigDecimal back = new BigDecimal(literal);
    assertThat(back).isEqualByComparingTo(value);
    if (value.scale() >= 0) {
      assertThat(back.scale()).isEqualTo(value.scale());
    }
  }
}
