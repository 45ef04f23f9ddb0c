package dev.athenaws.internal.types;

import static dev.athenaws.internal.types.ScalarConvertersGoldenTest.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.error.ValueFormatException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden values of hinted array, map and row texts. */
class NestedConvertersGoldenTest {

  @Test
  void arrays() {
    // PyAthena tests/pyathena/test_cursor.py test_complex: col_array [1, 2]; docs/aws-behaviour.md
    // [1, 2]
    assertThat(convert("array(integer)", "[1, 2]")).isEqualTo(List.of(1, 2));
    assertThat(convert("array(bigint)", "[1, 2, null]")).isEqualTo(Arrays.asList(1L, 2L, null));
    assertThat(convert("array(varchar)", "[]")).isEqualTo(List.of());
    assertThat(convert("array(varchar)", "[a, b c, ]")).isEqualTo(List.of("a", "b c", ""));
    assertThat(convert("array(varchar)", "[x[y, z}]")).isEqualTo(List.of("x[y", "z}"));
    assertThat(convert("array(date)", "[2017-01-02]")).isEqualTo(List.of(LocalDate.of(2017, 1, 2)));
    assertThat(convert("array(timestamp)", "[2017-01-01 00:00:00.000, 2017-01-01 00:00:01.000]"))
        .isEqualTo(
            List.of(LocalDateTime.of(2017, 1, 1, 0, 0), LocalDateTime.of(2017, 1, 1, 0, 0, 1)));
    assertThat(convert("array(array(integer))", "[[1, 2], [], null, [3]]"))
        .isEqualTo(Arrays.asList(List.of(1, 2), List.of(), null, List.of(3)));
  }

  @Test
  void maps() {
    // PyAthena test_complex: col_map {1=2, 3=4}; docs/aws-behaviour.md {k=v, k2=v2}
    Map<Object, Object> expected = new LinkedHashMap<>();
    expected.put(1, 2);
    expected.put(3, 4);
    assertThat(convert("map(integer, integer)", "{1=2, 3=4}")).isEqualTo(expected);
    Map<Object, Object> withNull = new LinkedHashMap<>();
    withNull.put("b", null);
    withNull.put("a", new BigDecimal("1.50"));
    Object converted = convert("map(varchar, decimal(5,2))", "{b=null, a=1.5}");
    assertThat(converted).isEqualTo(withNull);
    assertThat(List.copyOf(((Map<?, ?>) converted).keySet())).isEqualTo(List.of("b", "a"));
    assertThat(convert("map(varchar, varchar)", "{}")).isEqualTo(Map.of());
    assertThat(convert("map(varchar, varchar)", "{k=a=b}")).isEqualTo(Map.of("k", "a=b"));
    assertThat(convert("map(varchar, array(bigint))", "{x=[1, 2], y=[]}"))
        .isEqualTo(Map.of("x", List.of(1L, 2L), "y", List.of()));
  }

  @Test
  void rows() {
    // PyAthena test_complex: col_struct {a=1, b=2}; uber/athenadriver: ROW(1, 2.0) -> {field0=1,
    // field1=2.0}
    assertThat(convert("row(a integer, b integer)", "{a=1, b=2}"))
        .isEqualTo(Map.of("a", 1, "b", 2));
    assertThat(convert("row(integer, double)", "{field0=1, field1=2.0}"))
        .isEqualTo(Map.of("field0", 1, "field1", 2.0d));
    Map<String, Object> withNull = new LinkedHashMap<>();
    withNull.put("a", null);
    withNull.put("b", "x");
    assertThat(convert("row(a integer, b varchar)", "{a=null, b=x}")).isEqualTo(withNull);
  }

  @Test
  void nestedRowsAsPyAthenaHints() {
    // PyAthena tests/pyathena/test_cursor.py test_complex_with_type_hints, case 2 and 3
    Object positions =
        convert(
            "row(header row(stamp varchar, seq integer), x double, y double)",
            "{header={stamp=2024-01-01, seq=123}, x=4.736, y=0.583}");
    assertThat(positions)
        .isEqualTo(
            Map.of("header", Map.of("stamp", "2024-01-01", "seq", 123), "x", 4.736d, "y", 0.583d));
    Object data =
        convert(
            "array(row(pos row(x integer, y integer), vel row(x double)))",
            "[{pos={x=1, y=2}, vel={x=0.5}}, {pos={x=3, y=4}, vel={x=1.5}}]");
    assertThat(data)
        .isEqualTo(
            List.of(
                Map.of("pos", Map.of("x", 1, "y", 2), "vel", Map.of("x", 0.5d)),
                Map.of("pos", Map.of("x", 3, "y", 4), "vel", Map.of("x", 1.5d))));
  }

  @Test
  void arrayOfRowsKeepsFieldOrder() {
    Object v = convert("array(row(b varchar, a integer))", "[{b=x, a=1}, null]");
    assertThat((List<?>) v).hasSize(2).element(1).isNull();
    assertThat(List.copyOf(((Map<?, ?>) ((List<?>) v).get(0)).keySet()))
        .isEqualTo(List.of("b", "a"));
  }

  @Test
  void resultsAreUnmodifiable() {
    List<?> list = (List<?>) convert("array(integer)", "[1]");
    Map<?, ?> map = (Map<?, ?>) convert("map(varchar, integer)", "{a=1}");
    Map<?, ?> row = (Map<?, ?>) convert("row(a integer)", "{a=1}");
    assertThatThrownBy(list::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(row::clear).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void ambiguousVarcharElementsAreDetectedWhereTheShapeAllows() {
    // docs/aws-behaviour.md: ARRAY['a, b'] and ARRAY['a','b'] both print [a, b]: documented
    // ambiguity.
    assertThat(convert("array(varchar)", "[a, b]")).isEqualTo(List.of("a", "b"));
    assertThatThrownBy(() -> convert("row(a varchar, b integer)", "{a=x, y, b=1}"))
        .isInstanceOf(ValueFormatException.class)
        .hasMessageContaining("3 fields where the hint has 2");
    assertThatThrownBy(() -> convert("map(varchar, varchar)", "{k=a, k=b}"))
        .isInstanceOf(ValueFormatException.class)
        .hasMessageContaining("duplicate key");
  }

  @Test
  void invalidElementNamesOuterTypeAndElement() {
    assertThatThrownBy(() -> convert("array(integer)", "[1, x]"))
        .isInstanceOfSatisfying(
            ValueFormatException.class,
            e -> {
              assertThat(e.type()).isEqualTo("array(integer)");
              assertThat(e.value()).isEqualTo("[1, x]");
              assertThat(e.column()).isNull();
              assertThat(e.getMessage()).contains("element 1 is not a valid integer: 'x'");
            });
  }
}
