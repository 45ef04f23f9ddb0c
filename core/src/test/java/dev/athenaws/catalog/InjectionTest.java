package dev.athenaws.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.InvalidParameterException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Classic injection strings: each stays one quoted literal, or is refused; the SQL never changes.
 */
class InjectionTest {
  private static final String SQL = "SELECT * FROM t WHERE name = ? AND n = ?";

  private final QueryCatalog catalog =
      QueryCatalog.of(
          List.of(
              NamedQuery.named("q")
                  .sql(SQL)
                  .parameters(
                      List.of(
                          ParameterSpec.required("name", ParameterType.STRING),
                          ParameterSpec.optional(
                              "n", ParameterType.INTEGER, java.math.BigDecimal.ONE)))
                  .build()),
          null);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "' OR 1=1 --",
        "'; DROP TABLE x; --",
        "x' UNION SELECT * FROM secrets WHERE '1'='1",
        "’ OR 1=1 --",
        "‘ OR ‘1’=‘1",
        "＇ OR 1=1 --",
        "\\' OR 1=1 --",
        "\\",
        "a\\'b",
        "line1\n' OR 1=1 --\n",
        "/* ' */ ?",
        "? ? ?",
        "''",
        "'",
      })
  void injectionStringsStayOneLiteral(String attack) {
    Statement bound = catalog.bind("q", Map.of("name", attack));
    assertThat(bound.sql()).isSameAs(catalog.find("q").orElseThrow().sql()).isEqualTo(SQL);
    assertThat(bound.executionParameters()).hasSize(2);
    String literal = bound.executionParameters().get(0);
    assertThat(literal).isEqualTo("'" + attack.replace("'", "''") + "'");
    assertOneStringLiteral(literal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"' OR 1=1 --\u0000", "\u0000", "a\u0000'; DROP TABLE x; --", "\u001a"})
  void controlCharactersAreRefused(String attack) {
    assertThatThrownBy(() -> catalog.bind("q", Map.of("name", attack)))
        .isInstanceOfSatisfying(
            InvalidParameterException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
              assertThat(e.parameter()).isEqualTo("name");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"1; DROP TABLE x", "1 OR 1=1", "1--", "0x1", "1e3"})
  void injectionIntoNumbersIsRefused(String attack) {
    assertThatThrownBy(() -> catalog.bind("q", Map.of("name", "a", "n", attack)))
        .isInstanceOfSatisfying(
            InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("n"));
  }

  @Test
  void injectionThroughParameterNamesIsRefused() {
    assertThatThrownBy(() -> catalog.bind("q", Map.of("name", "a", "name' OR 1=1 --", "x")))
        .isInstanceOfSatisfying(
            InvalidParameterException.class,
            e -> assertThat(e.reason()).isEqualTo("is not a parameter of query 'q'"));
  }

  /** Scans like the Trino lexer: one literal from first to last char, every inner quote doubled. */
  static void assertOneStringLiteral(String literal) {
    assertThat(literal).startsWith("'").endsWith("'").hasSizeGreaterThanOrEqualTo(2);
    String inner = literal.substring(1, literal.length() - 1);
    for (int i = 0; i < inner.length(); i++) {
      if (inner.charAt(i) == '\'') {
        assertThat(i + 1).as("quote at %d is doubled", i).isLessThan(inner.length());
        assertThat(inner.charAt(i + 1)).isEqualTo('\'');
        i++;
      }
    }
  }
}
