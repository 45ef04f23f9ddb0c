package dev.athenaws.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementTest {
  private static final NamedQuery Q =
      NamedQuery.named("q")
          .sql("SELECT ?")
          .parameters(List.of(ParameterSpec.required("p", ParameterType.INTEGER)))
          .build();

  @Test
  void aBoundCatalogQueryKeepsItsSqlAndName() {
    Statement s = Statement.of(Q, List.of("1"));

    assertThat(s.sql()).isSameAs(Q.sql());
    assertThat(s.executionParameters()).containsExactly("1");
    assertThat(s.queryName()).isEqualTo("q");
    assertThat(s.isRawSql()).isFalse();
    assertThat(s.label()).isEqualTo("q");
  }

  @Test
  void literalsMustMatchTheMarkers() {
    assertThatThrownBy(() -> Statement.of(Q, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sql has 1 ? marker(s) but 0 execution parameter(s) are given");
    assertThatThrownBy(() -> new Statement("SELECT ? OR 1=1 OR ?", List.of("1"), "q"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Statement.of(Q, List.of("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("execution parameters must be 1..1024 characters");
    assertThatThrownBy(() -> Statement.of(Q, List.of("1".repeat(1025))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Statement.of(Q, List.of("1".repeat(1024))).executionParameters()).hasSize(1);
  }

  @Test
  void rawSqlHasNoNameAndNoParameters() {
    Statement raw = Statement.rawSql("SELECT 1");

    assertThat(raw.queryName()).isNull();
    assertThat(raw.executionParameters()).isEmpty();
    assertThat(raw.isRawSql()).isTrue();
    assertThat(raw.label()).isEqualTo(Statement.RAW_SQL_LABEL);
    assertThatThrownBy(() -> Statement.rawSql("SELECT ?"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Statement.rawSql("SELECT 'unclosed"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Statement.rawSql(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sql must not be blank");
    assertThatThrownBy(() -> Statement.rawSql("x".repeat(NamedQuery.MAX_SQL_BYTES + 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theListIsCopiedAndNullsAndBadNamesAreRefused() {
    List<String> literals = new ArrayList<>(List.of("1"));
    Statement s = new Statement("SELECT ?", literals, "q");
    literals.add("2");
    assertThat(s.executionParameters()).containsExactly("1");
    assertThatThrownBy(() -> new Statement(null, List.of(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("sql");
    assertThatThrownBy(() -> new Statement("SELECT 1", null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("executionParameters");
    assertThatThrownBy(() -> new Statement("SELECT 1", List.of(), " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queryName");
    assertThatThrownBy(() -> new Statement("SELECT 1", List.of(), "raw SQL"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queryName");
  }
}
