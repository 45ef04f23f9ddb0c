package dev.athenaws.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.InvalidParameterException;
import dev.athenaws.error.UnknownQueryException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryCatalogBindTest {
  private final QueryCatalog catalog =
      QueryCatalog.fromClasspath("dev/athenaws/catalog/all-types.json");

  @Test
  void defaultQueryBindsWithoutParameters() {
    Statement bound = catalog.bind(null, Map.of());
    assertThat(bound.queryName()).isEqualTo("no-params");
    assertThat(bound.sql()).isEqualTo("SELECT '?' AS q, \"?\" -- ?\n/* ? */ FROM t");
    assertThat(bound.executionParameters()).isEmpty();
    assertThat(catalog.bind(null, null).executionParameters()).isEmpty();
    assertThat(catalog.bind("no-params", null)).isEqualTo(bound);
  }

  @Test
  void everyTypeBoundInMarkerOrder() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("ts", "2021-08-01 23:59:59.5");
    values.put("s", "it's");
    values.put("i", new BigDecimal("-7"));
    values.put("d", new BigDecimal("99.990"));
    values.put("b", Boolean.FALSE);
    values.put("dt", "2024-02-29");
    Statement bound = catalog.bind("all_types", values);
    assertThat(bound.sql()).isEqualTo(catalog.find("all_types").orElseThrow().sql());
    assertThat(bound.executionParameters())
        .containsExactly(
            "'it''s'",
            "-7",
            "99.990",
            "false",
            "DATE '2024-02-29'",
            "TIMESTAMP '2021-08-01 23:59:59.500'");
  }

  @Test
  void absentOptionalParametersTakeTheirDefaults() {
    Statement bound = catalog.bind("all_types", Map.of("s", "abc"));
    assertThat(bound.executionParameters())
        .containsExactly(
            "'abc'",
            "5",
            "12.50",
            "true",
            "DATE '2021-08-01'",
            "TIMESTAMP '2021-08-01 12:00:00.000'");
  }

  @Test
  void nullValueCountsAsAbsent() {
    Map<String, Object> values = new HashMap<>();
    values.put("s", "abc");
    values.put("i", null);
    assertThat(catalog.bind("all_types", values).executionParameters().get(1)).isEqualTo("5");
    values.put("s", null);
    assertInvalid(() -> catalog.bind("all_types", values), "s", "is required");
  }

  @Test
  void missingRequiredParameterIsRefused() {
    assertInvalid(() -> catalog.bind("all_types", Map.of()), "s", "is required");
  }

  @Test
  void undeclaredParameterIsRefused() {
    assertInvalid(
        () -> catalog.bind("all_types", Map.of("s", "a", "limit", BigDecimal.ONE)),
        "limit",
        "is not a parameter of query 'all_types'");
    assertInvalid(
        () -> catalog.bind(null, Map.of("x", "1")), "x", "is not a parameter of query 'no-params'");
    Map<String, Object> nullKey = new HashMap<>();
    nullKey.put(null, "x");
    assertInvalid(() -> catalog.bind("no-params", nullKey), "null", "is not a parameter");
    assertInvalid(
        () -> catalog.bind("all_types", Map.of("s", "a", "y".repeat(500), "1")),
        "y".repeat(64) + "...",
        "is not a parameter");
  }

  @Test
  void everyRuleAppliesAtBind() {
    assertInvalid(() -> bindAll("s", "ABC"), "s", "must match the pattern");
    assertInvalid(() -> bindAll("s", "a".repeat(21)), "s", "at most 20 characters");
    assertInvalid(() -> bindAll("s", new BigDecimal("1")), "s", "must be a JSON string");
    assertInvalid(() -> bindAll("i", new BigDecimal("11")), "i", "must be <= 10");
    assertInvalid(() -> bindAll("i", new BigDecimal("-11")), "i", "must be >= -10");
    assertInvalid(() -> bindAll("i", "x"), "i", "must be an integer");
    assertInvalid(() -> bindAll("d", new BigDecimal("100.51")), "d", "must be <= 100.5");
    assertInvalid(() -> bindAll("b", "true"), "b", "must be a JSON boolean");
    assertInvalid(() -> bindAll("dt", "2021-02-29"), "dt", "real calendar date");
    assertInvalid(() -> bindAll("ts", "yesterday"), "ts", "timestamp string");
    assertInvalid(
        () -> catalog.bind("colour", Map.of("colour", "blue")), "colour", "allowed values");
    assertThat(catalog.bind("colour", Map.of("colour", "it's")).executionParameters())
        .containsExactly("'it''s'");
    assertThat(catalog.bind("colour", Map.of()).executionParameters()).containsExactly("'red'");
  }

  @Test
  void numericStringsAreAcceptedForNumbers() {
    assertThat(bindAll("i", "-3").executionParameters().get(1)).isEqualTo("-3");
    assertThat(bindAll("d", "0.10").executionParameters().get(2)).isEqualTo("0.10");
  }

  @Test
  void unknownQueryIsRefusedWithTruncatedName() {
    assertThatThrownBy(() -> catalog.bind("nope", Map.of()))
        .isInstanceOfSatisfying(
            UnknownQueryException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_QUERY);
              assertThat(e.query()).isEqualTo("nope");
              assertThat(e.getMessage()).isEqualTo("Unknown query 'nope'");
            });
    String longName = "q".repeat(200) + "\u0000";
    assertThatThrownBy(() -> catalog.bind(longName, Map.of()))
        .isInstanceOfSatisfying(
            UnknownQueryException.class,
            e -> {
              assertThat(e.query()).isEqualTo("q".repeat(64) + "...");
              assertThat(e.getMessage()).hasSizeLessThan(100).doesNotContain("\u0000");
            });
  }

  @Test
  void noNameAndNoDefaultQueryIsUnknownQuery() {
    QueryCatalog noDefault =
        QueryCatalog.of(List.of(NamedQuery.named("a").sql("SELECT 1").build()), null);
    assertThatThrownBy(() -> noDefault.bind(null, Map.of()))
        .isInstanceOfSatisfying(
            UnknownQueryException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_QUERY);
              assertThat(e.query()).isNull();
              assertThat(e.getMessage()).contains("no default query");
            });
  }

  @Test
  void catalogIsUnmodifiable() {
    assertThatThrownBy(() -> catalog.queries().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    NamedQuery q = catalog.find("all_types").orElseThrow();
    assertThatThrownBy(() -> q.parameters().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> q.columnTypes().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private Statement bindAll(String name, Object value) {
    Map<String, Object> values = new HashMap<>();
    values.put("s", "abc");
    values.put(name, value);
    return catalog.bind("all_types", values);
  }

  static void assertInvalid(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String parameter, String reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidParameterException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
              assertThat(e.parameter()).isEqualTo(parameter);
              assertThat(e.reason()).contains(reason);
            });
  }
}
