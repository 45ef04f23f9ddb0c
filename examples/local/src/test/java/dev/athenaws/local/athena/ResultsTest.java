package dev.athenaws.local.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.StatementType;

class ResultsTest {
  private static EmulatorClient client;

  @BeforeAll
  static void start() throws Exception {
    client = EmulatorClient.create();
    client.run("CREATE TABLE events (id INTEGER, name VARCHAR)");
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void headerRowOnlyOnPageOneOfAMultiPageSelect() {
    String id = client.run("SELECT range AS n, 'v' || range AS s FROM range(25) ORDER BY range");
    List<GetQueryResultsResponse> pages = client.pages(id, 10);
    assertThat(pages).extracting(p -> p.resultSet().rows().size()).containsExactly(10, 10, 6);
    assertThat(pages.get(2).nextToken()).isNull();
    List<List<String>> rows = EmulatorClient.values(pages);
    assertThat(rows.get(0)).containsExactly("n", "s");
    List<List<String>> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      expected.add(List.of(Integer.toString(i), "v" + i));
    }
    assertThat(rows.subList(1, rows.size())).isEqualTo(expected);
    assertThat(pages)
        .allSatisfy(p -> assertThat(p.resultSet().resultSetMetadata().columnInfo()).hasSize(2));
  }

  @Test
  void defaultPageIsAThousandRowsIncludingTheHeader() {
    String id = client.run("SELECT range AS n FROM range(2500)");
    List<GetQueryResultsResponse> pages = client.pages(id, null);
    assertThat(pages).extracting(p -> p.resultSet().rows().size()).containsExactly(1000, 1000, 501);
  }

  @Test
  void nullIsADatumWithoutValueAndEmptyStringStaysEmpty() {
    String id = client.run("SELECT NULL AS a, '' AS b, CAST(NULL AS INTEGER) AS c");
    GetQueryResultsResponse page = client.pages(id, null).get(0);
    var data = page.resultSet().rows().get(1).data();
    assertThat(data.get(0).varCharValue()).isNull();
    assertThat(data.get(1).varCharValue()).isEqualTo("");
    assertThat(data.get(2).varCharValue()).isNull();
    assertThat(page.resultSet().resultSetMetadata().columnInfo().get(0).type())
        .isEqualTo("unknown");
  }

  @Test
  void showTablesAndDescribeHaveNoHeaderRow() {
    String show = client.run("SHOW TABLES");
    QueryExecution q = client.execution(show);
    assertThat(q.statementType()).isEqualTo(StatementType.UTILITY);
    List<List<String>> tables = EmulatorClient.values(client.pages(show, null));
    assertThat(tables).contains(List.of("events")).doesNotContain(List.of("tab_name"));
    String describe = client.run("DESCRIBE events");
    GetQueryResultsResponse page = client.pages(describe, null).get(0);
    assertThat(EmulatorClient.values(List.of(page)))
        .containsExactly(
            List.of("id                  \tint                 \t                    "),
            List.of("name                \tstring              \t                    "));
    assertThat(page.resultSet().resultSetMetadata().columnInfo().get(0).type()).isEqualTo("string");
  }

  @Test
  void insertAndCtasReportTheirUpdateCount() {
    String insert = client.run("INSERT INTO events VALUES (1, 'a'), (2, NULL), (3, '')");
    assertThat(client.execution(insert).substatementType()).isEqualTo("INSERT");
    GetQueryResultsResponse r = client.athena.getQueryResults(b -> b.queryExecutionId(insert));
    assertThat(r.updateCount()).isEqualTo(3L);
    assertThat(r.resultSet().rows()).isEmpty();
    assertThat(r.resultSet().resultSetMetadata().columnInfo())
        .singleElement()
        .satisfies(c -> assertThat(c.name() + " " + c.type()).isEqualTo("rows bigint"));
    String ctas = client.run("CREATE TABLE events_copy AS SELECT * FROM events");
    QueryExecution q = client.execution(ctas);
    assertThat(q.statementType()).isEqualTo(StatementType.DDL);
    assertThat(q.substatementType()).isEqualTo("CREATE_TABLE_AS_SELECT");
    assertThat(client.athena.getQueryResults(b -> b.queryExecutionId(ctas)).updateCount())
        .isEqualTo(3L);
    String drop = client.run("DROP TABLE events_copy");
    assertThat(client.execution(drop).substatementType()).isEqualTo("DROP_TABLE");
    assertThat(client.athena.getQueryResults(b -> b.queryExecutionId(drop)).resultSet().rows())
        .isEmpty();
  }

  @Test
  void maxResultsOutOfRangeIsAnInvalidRequest() {
    String id = client.run("SELECT 1");
    assertThatThrownBy(
            () -> client.athena.getQueryResults(b -> b.queryExecutionId(id).maxResults(1001)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("1001");
    assertThatThrownBy(
            () -> client.athena.getQueryResults(b -> b.queryExecutionId(id).maxResults(0)))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(
            () -> client.athena.getQueryResults(b -> b.queryExecutionId(id).nextToken("garbage")))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void unknownOperationAndMalformedBodiesAreJsonErrors() {
    EmulatorResponse unknown =
        client.emulator.handle("AmazonAthena.ListWorkGroups", "{}".getBytes());
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.bodyText()).isEqualTo("{\"__type\":\"UnknownOperationException\"}");
    EmulatorResponse malformed =
        client.emulator.handle("AmazonAthena.GetQueryExecution", "{".getBytes());
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.bodyText()).contains("SerializationException");
    EmulatorResponse missing =
        client.emulator.handle(
            "AmazonAthena.GetQueryResults", "{\"QueryExecutionId\":\"x\"}".getBytes());
    assertThat(missing.bodyText())
        .isEqualTo(
            "{\"__type\":\"InvalidRequestException\",\"Message\":\"QueryExecution x was not found\","
                + "\"AthenaErrorCode\":\"INVALID_INPUT\"}");
  }
}
