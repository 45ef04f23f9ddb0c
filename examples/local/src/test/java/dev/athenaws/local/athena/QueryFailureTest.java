package dev.athenaws.local.athena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

class QueryFailureTest {
  private static EmulatorClient client;

  @BeforeAll
  static void start() throws Exception {
    client = EmulatorClient.create();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void parametersAreBoundPositionallyAsLiterals() {
    String id =
        client.run(
            "SELECT ? AS s, ? AS n, ? AS d, '?' AS q -- ? in a comment",
            "'it''s'",
            "42",
            "DATE '2021-08-01'");
    List<List<String>> rows = EmulatorClient.values(client.pages(id, null));
    assertThat(rows.get(1)).containsExactly("it's", "42", "2021-08-01", "?");
    assertThat(client.execution(id).executionParameters())
        .containsExactly("'it''s'", "42", "DATE '2021-08-01'");
  }

  @Test
  void parameterCountMismatchFailsTheQuery() {
    AthenaError tooFew = failed(client.start("SELECT ? AS a, ? AS b", "1"));
    assertThat(tooFew.errorCategory()).isEqualTo(2);
    assertThat(tooFew.errorMessage()).contains("expected 2 but found 1");
    AthenaError tooMany = failed(client.start("SELECT 1", "1"));
    assertThat(tooMany.errorMessage()).contains("expected 0 but found 1");
  }

  @Test
  void syntaxErrorFailsAsAUserError() {
    String id = client.start("SELEC 1");
    AthenaError e = failed(id);
    assertThat(e.errorCategory()).isEqualTo(2);
    assertThat(e.errorType()).isEqualTo(1000);
    assertThat(e.retryable()).isFalse();
    assertThat(e.errorMessage())
        .startsWith("SYNTAX_ERROR: ")
        .contains("SELEC")
        .doesNotContain("\n");
    assertThat(client.execution(id).status().stateChangeReason()).isEqualTo(e.errorMessage());
  }

  @Test
  void missingTableOrColumnIs1301() {
    AthenaError table = failed(client.start("SELECT * FROM no_such_table"));
    assertThat(table.errorCategory()).isEqualTo(2);
    assertThat(table.errorType()).isEqualTo(1301);
    assertThat(table.errorMessage()).startsWith("TABLE_NOT_FOUND: ").contains("no_such_table");
    AthenaError column = failed(client.start("SELECT no_such_column FROM range(1)"));
    assertThat(column.errorType()).isEqualTo(1301);
    assertThat(column.errorMessage()).startsWith("COLUMN_NOT_FOUND: ").contains("no_such_column");
  }

  @Test
  void unknownDatabaseFails() {
    String id =
        client
            .athena
            .startQueryExecution(
                b -> b.queryString("SELECT 1").queryExecutionContext(c -> c.database("nodb")))
            .queryExecutionId();
    assertThat(failed(id).errorMessage()).contains("nodb");
  }

  private static AthenaError failed(String id) {
    QueryExecution q = client.await(id);
    assertThat(q.status().state()).isEqualTo(QueryExecutionState.FAILED);
    assertThat(q.status().completionDateTime()).isNotNull();
    return q.status().athenaError();
  }
}
