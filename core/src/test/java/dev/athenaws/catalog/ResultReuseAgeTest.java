package dev.athenaws.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.error.CatalogException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A named query's own result reuse age: catalog JSON, builder, and what a statement carries. */
class ResultReuseAgeTest {
  private static final String TEMPLATE =
      "{\"queries\":[{\"name\":\"q\",\"sql\":\"SELECT ?\",\"resultReuseMaxAgeMinutes\":%s,"
          + "\"parameters\":[{\"name\":\"p\",\"type\":\"integer\",\"required\":true}]}]}";

  @ParameterizedTest
  @ValueSource(ints = {1, 60, 10080})
  void theCatalogFieldIsReadAndTheBoundStatementCarriesIt(int minutes) {
    QueryCatalog catalog = QueryCatalog.fromJsonString(String.format(TEMPLATE, minutes));

    assertThat(catalog.find("q").orElseThrow().resultReuse()).contains(Duration.ofMinutes(minutes));
    Statement bound = Statement.of(catalog.find("q").orElseThrow(), List.of("1"));
    assertThat(bound.resultReuse()).contains(Duration.ofMinutes(minutes));
  }

  @Test
  void withoutTheFieldTheDeploymentsSettingApplies() {
    QueryCatalog catalog =
        QueryCatalog.fromJsonString("{\"queries\":[{\"name\":\"q\",\"sql\":\"SELECT 1\"}]}");

    assertThat(catalog.find("q").orElseThrow().resultReuse()).isEmpty();
    assertThat(Statement.of(catalog.find("q").orElseThrow(), List.of()).resultReuse()).isEmpty();
    assertThat(Statement.rawSql("SELECT 1").resultReuse()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "10081", "1.5", "\"60\"", "true", "null", "99999999999"})
  void anythingButWholeMinutesFromOneToSevenDaysIsRefusedAtLoad(String value) {
    assertThatThrownBy(() -> QueryCatalog.fromJsonString(String.format(TEMPLATE, value)))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("query 'q'")
        .hasMessageContaining("'resultReuseMaxAgeMinutes'")
        .hasMessageContaining("1 to 10080");
  }

  @Test
  void theBuilderTakesTheSameRange() {
    NamedQuery q =
        NamedQuery.named("q").sql("SELECT 1").resultReuseMaxAge(Duration.ofHours(2)).build();

    assertThat(q.resultReuse()).contains(Duration.ofMinutes(120));
    assertThat(q.withColumnTypes(java.util.Map.of("c", "integer")).resultReuse())
        .contains(Duration.ofMinutes(120));
    for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(90), Duration.ofMinutes(10081))) {
      assertThatThrownBy(() -> NamedQuery.named("q").sql("SELECT 1").resultReuseMaxAge(bad).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("query 'q': field 'resultReuseMaxAgeMinutes'");
      assertThatThrownBy(() -> new Statement("SELECT 1", List.of(), "q", bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("resultReuseMaxAge");
    }
  }
}
