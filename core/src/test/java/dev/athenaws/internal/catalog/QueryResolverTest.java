package dev.athenaws.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.catalog.Statement;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryResolverTest {
  private final QueryCatalog catalog = QueryCatalog.cloudTrailExample();

  @Test
  void namedQueriesBindThroughTheCatalog() {
    Statement q = QueryResolver.catalogOnly(catalog).resolve(null, Map.of(), null);

    assertThat(q.queryName()).isEqualTo("create-table-events");
    assertThat(q.isRawSql()).isFalse();
    assertThat(q.executionParameters()).isEmpty();
  }

  @Test
  void rawSqlIsRefusedUnlessEnabled() {
    assertThatThrownBy(() -> QueryResolver.catalogOnly(catalog).resolve(null, Map.of(), "SELECT 1"))
        .isInstanceOfSatisfying(
            AthenaWsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
        .hasMessageContaining("disabled");
  }

  @Test
  void enabledRawSqlRunsAsIsWithoutParameters() {
    QueryResolver resolver = QueryResolver.allowingRawSql(catalog);

    Statement q = resolver.resolve(null, Map.of(), "SELECT 1");

    assertThat(q.sql()).isEqualTo("SELECT 1");
    // No fake catalog name: the statement is raw SQL, shown as such in logs.
    assertThat(q.queryName()).isNull();
    assertThat(q.isRawSql()).isTrue();
    assertThat(q.label()).isEqualTo("raw SQL");
    assertThatThrownBy(() -> resolver.resolve("events-by-name", Map.of(), "SELECT 1"))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> resolver.resolve(null, Map.of(), "SELECT ?"))
        .isInstanceOfSatisfying(
            AthenaWsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
        .hasMessageContaining("1 ? marker(s)");
    assertThatThrownBy(() -> resolver.resolve(null, Map.of(), "SELECT 'open"))
        .isInstanceOfSatisfying(
            AthenaWsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    assertThatThrownBy(() -> resolver.resolve(null, Map.of(), "  ")).hasMessageContaining("blank");
  }
}
