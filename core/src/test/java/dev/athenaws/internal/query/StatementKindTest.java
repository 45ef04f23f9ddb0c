package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.StatementType;

class StatementKindTest {

  @ParameterizedTest(name = "{0}/{1} -> header row {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "DML, SELECT, true",
        "dml, select, true",
        "DML, null, true",
        "DML, INSERT, false",
        "DML, UNLOAD, false",
        "DDL, CREATE_TABLE_AS_SELECT, false",
        "DDL, CREATE_TABLE, false",
        "UTILITY, SHOW_TABLES, false",
        "UTILITY, DESCRIBE_TABLE, false",
        "UTILITY, EXPLAIN, false",
        "null, null, false",
        "null, SELECT, false"
      })
  void onlySelectHasAHeaderRow(String type, String sub, boolean header) {
    assertThat(new StatementKind(type, sub).hasHeaderRow()).isEqualTo(header);
  }

  @Test
  void readsTheQueryExecution() {
    QueryExecution execution =
        QueryExecution.builder()
            .statementType(StatementType.UTILITY)
            .substatementType("SHOW_TABLES")
            .build();

    assertThat(StatementKind.of(execution)).isEqualTo(new StatementKind("UTILITY", "SHOW_TABLES"));
    assertThat(StatementKind.of(QueryExecution.builder().build()).hasHeaderRow()).isFalse();
  }
}
