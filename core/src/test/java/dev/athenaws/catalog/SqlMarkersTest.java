package dev.athenaws.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlMarkersTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "SELECT 1 | 0",
        "SELECT ? | 1",
        "SELECT ?, ?, ? | 3",
        "SELECT '?' | 0",
        "SELECT 'it''s ?' , ? | 1",
        "SELECT \"col?\" FROM t WHERE a = ? | 1",
        "SELECT \"a\"\"?\" , ? | 1",
        "SELECT 1 -- ? comment | 0",
        "SELECT /* ? */ ? | 1",
        "SELECT /* '?' */ ? /* \"x */ | 1",
        "SELECT '--' , ? | 1",
        "SELECT '/*' , ? , '*/' | 1",
        "SELECT 5-?-2 | 1",
        "SELECT 4/?/2 | 1",
        "SELECT U&'?' , X'00' , ? | 1",
      })
  void countsMarkersOutsideLiteralsAndComments(String sql, int expected) {
    assertThat(SqlMarkers.count(sql)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void lineCommentEndsAtNewline() {
    assertThat(SqlMarkers.count("SELECT 1 -- ?\n, ? -- ?")).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELECT 'abc", "SELECT \"abc", "SELECT /* x", "SELECT 'it''"})
  void refusesUnterminatedRegions(String sql) {
    assertThatThrownBy(() -> SqlMarkers.count(sql))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unterminated");
  }
}
