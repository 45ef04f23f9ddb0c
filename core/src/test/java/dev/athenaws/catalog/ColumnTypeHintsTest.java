package dev.athenaws.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.error.CatalogException;
import dev.athenaws.internal.types.AthenaType;
import org.junit.jupiter.api.Test;

class ColumnTypeHintsTest {
  private static final String TEMPLATE =
      "{\"queries\":[{\"name\":\"q\",\"sql\":\"SELECT 1\",\"columnTypes\":{\"c\":\"%s\"}}]}";

  @Test
  void hintsAreParsedForTheMapper() {
    NamedQuery q =
        QueryCatalog.fromJsonString(String.format(TEMPLATE, "array(row(a integer, b varchar))"))
            .find("q")
            .orElseThrow();

    assertThat(q.columnTypeHints())
        .containsEntry("c", AthenaType.parse("array(row(a integer, b varchar))"));
  }

  @Test
  void theExampleCatalogsHintsParse() {
    QueryCatalog.cloudTrailExample()
        .queries()
        .forEach(q -> assertThat(q.columnTypeHints()).hasSameSizeAs(q.columnTypes()));
  }

  @Test
  void malformedOrUnknownHintsFailAtLoadNamingTheColumn() {
    assertThatThrownBy(() -> QueryCatalog.fromJsonString(String.format(TEMPLATE, "array(integer")))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("'c'")
        .hasMessageContaining("position");
    assertThatThrownBy(
            () -> QueryCatalog.fromJsonString(String.format(TEMPLATE, "map(varchar, intger)")))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("unknown type");
  }

  @Test
  void hintsThatDifferOnlyInCaseClashAtLoad() {
    // Athena lower-cases labels and hints match in any case: which of the two applies is unclear.
    assertThatThrownBy(
            () ->
                QueryCatalog.fromJsonString(
                    "{\"queries\":[{\"name\":\"q\",\"sql\":\"SELECT 1\","
                        + "\"columnTypes\":{\"userName\":\"json\",\"username\":\"varchar\"}}]}"))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("'userName' and 'username'");
  }
}
