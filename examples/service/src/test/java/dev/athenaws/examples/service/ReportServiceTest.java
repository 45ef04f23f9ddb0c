package dev.athenaws.examples.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.AthenaWs;
import dev.athenaws.catalog.NamedQuery;
import dev.athenaws.catalog.ParameterSpec;
import dev.athenaws.catalog.ParameterType;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.catalog.Statement;
import dev.athenaws.internal.query.CompletionWaiter;
import dev.athenaws.internal.query.PageFetcher;
import dev.athenaws.internal.query.QueryError;
import dev.athenaws.internal.query.QueryOutcome;
import dev.athenaws.internal.query.QueryProgress;
import dev.athenaws.internal.query.QueryProgressListener;
import dev.athenaws.internal.query.QueryStarter;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.RequestKey;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.notify.Connection;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.notify.PostOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.ResultSet;
import software.amazon.awssdk.services.athena.model.ResultSetMetadata;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * Unit tests of user code (ReportService) against Mockito mocks of athena-ws interfaces: no AWS, no
 * network, no sleeping. The real core classes (catalog, codec, publisher, runner) run in between,
 * so the tests read the exact JSON a browser would receive.
 */
class ReportServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  // snippet:start mockitoSetup
  private static final String SQL =
      "SELECT username, logins FROM logins_by_user WHERE username = ? LIMIT 10";

  private final QueryStarter starter = mock(QueryStarter.class);
  private final CompletionWaiter waiter = mock(CompletionWaiter.class);
  private final PageFetcher fetcher = mock(PageFetcher.class);
  private final ConnectionNotifier notifier = mock(ConnectionNotifier.class);
  private final Connection alice = Connection.of("conn-1");

  private final QueryCatalog catalog =
      QueryCatalog.of(
          List.of(
              NamedQuery.named("logins")
                  .description("Logins of one user")
                  .sql(SQL)
                  .parameters(List.of(ParameterSpec.required("user", ParameterType.STRING)))
                  .build()),
          "logins");
  private final ReportService service =
      new ReportService(
          AthenaWs.builder()
              .catalog(catalog)
              .notifier(notifier)
              .queryStarter(starter) // the advanced parts, mocked:
              .completionWaiter(waiter) // no AthenaClient is built or called
              .pageFetcher(fetcher)
              .queryTimeout(Duration.ofMinutes(5))
              .build());

  @AfterEach
  void closeService() {
    service.close();
  }

  @BeforeEach
  void clientIsConnected() {
    when(notifier.post(eq(alice), any())).thenReturn(new PostOutcome.Delivered(1));
  }

  // snippet:end mockitoSetup

  // snippet:start mockitoTest
  @Test
  void aNamedQueryIsStartedWithBoundParametersAndItsRowsStreamToTheClient() {
    when(starter.start(any(), any(), any())).thenReturn("q-1");
    when(waiter.await(eq("q-1"), any(), any(), any()))
        .thenAnswer(
            call -> {
              QueryProgressListener listener = call.getArgument(2);
              listener.onProgress(
                  new QueryProgress(
                      QueryExecutionState.RUNNING, Duration.ofMillis(1500), 2048L, null));
              return new QueryOutcome.Succeeded(
                  "q-1", StatementKind.SELECT, null, null, QueryStats.EMPTY, 2);
            });
    when(fetcher.fetch("q-1", null))
        .thenReturn(page(row("username", "logins"), row("o'brien", "3"), row("", null)));

    service.onMessage(
        alice,
        "{\"action\":\"query\",\"requestId\":\"r1\",\"query\":\"logins\","
            + "\"parameters\":{\"user\":\"o'brien\"}}");

    // The client value reached Athena only as a rendered literal, with a deterministic key.
    Statement bound = new Statement(SQL, List.of("'o''brien'"), "logins");
    verify(starter).start(eq(bound), eq(RequestKey.of("conn-1", "r1", bound)), any());
    List<JsonNode> sent = sent();
    assertThat(sent)
        .extracting(m -> m.get("type").asText())
        .containsExactly("accepted", "progress", "rows", "complete");
    assertThat(sent)
        .allSatisfy(
            m -> {
              assertThat(m.get("requestId").asText()).isEqualTo("r1");
              assertThat(m.get("queryExecutionId").asText()).isEqualTo("q-1");
            });
    assertThat(sent.get(1).get("state").asText()).isEqualTo("RUNNING");
    assertThat(sent.get(1).get("dataScannedBytes").asLong()).isEqualTo(2048);
    JsonNode rows = sent.get(2);
    assertThat(rows.get("seq").asInt()).isZero();
    // The header row of page 1 is dropped; "" and NULL stay apart; bigint is a JSON number.
    assertThat(rows.get("results").toString())
        .isEqualTo("[{\"username\":\"o'brien\",\"logins\":3},{\"username\":\"\",\"logins\":null}]");
    assertThat(sent.get(3).get("rowCount").asLong()).isEqualTo(2);
    assertThat(sent.get(3).get("chunks").asInt()).isEqualTo(1);
  }

  // snippet:end mockitoTest

  @Test
  void anInvalidParameterIsRefusedWithoutCallingAthena() {
    service.onMessage(
        alice,
        "{\"action\":\"query\",\"requestId\":\"r2\",\"query\":\"logins\",\"parameters\":{}}");

    verifyNoInteractions(starter, waiter, fetcher);
    JsonNode error = sent().get(0);
    assertThat(error.get("type").asText()).isEqualTo("error");
    assertThat(error.get("requestId").asText()).isEqualTo("r2");
    assertThat(error.get("code").asText()).isEqualTo("INVALID_PARAMETER");
    assertThat(error.get("message").asText()).contains("'user'");
    // The same error, with its field, as the Lambda adapter sends (one place builds it).
    assertThat(error.get("field").asText()).isEqualTo("user");
  }

  @Test
  void malformedJsonAndUnknownQueriesGetStableCodes() {
    service.onMessage(alice, "{\"action\":\"query\",");
    service.onMessage(alice, "{\"action\":\"query\",\"requestId\":\"r3\",\"query\":\"nope\"}");

    verifyNoInteractions(starter);
    assertThat(sent())
        .extracting(m -> m.get("code").asText())
        .containsExactly("BAD_REQUEST", "UNKNOWN_QUERY");
  }

  @Test
  void whenTheClientHasLeftItsQueryIsStoppedAndNothingMoreIsSent() {
    when(starter.start(any(), any(), any())).thenReturn("q-2");
    when(notifier.post(eq(alice), any())).thenReturn(new PostOutcome.Gone());

    service.onMessage(
        alice, "{\"action\":\"query\",\"query\":\"logins\",\"parameters\":{\"user\":\"bob\"}}");

    verify(waiter).stop("q-2");
    verify(waiter, never()).await(anyString(), any(), any(), any());
    verifyNoInteractions(fetcher);
    assertThat(sent()).extracting(m -> m.get("type").asText()).containsExactly("accepted");
  }

  @Test
  void aQueryAthenaFailedReachesTheClientWithAthenasCategory() {
    when(starter.start(any(), any(), any())).thenReturn("q-3");
    when(waiter.await(eq("q-3"), any(), any(), any()))
        .thenReturn(
            new QueryOutcome.Failed(
                "q-3",
                new QueryError(QueryError.USER, 1301, false, "TABLE_NOT_FOUND: logins_by_user"),
                null,
                QueryStats.EMPTY,
                3));

    service.onMessage(
        alice, "{\"action\":\"query\",\"query\":\"logins\",\"parameters\":{\"user\":\"bob\"}}");

    verifyNoInteractions(fetcher);
    JsonNode error = sent().get(1);
    assertThat(error.get("code").asText()).isEqualTo("QUERY_FAILED");
    assertThat(error.get("message").asText()).isEqualTo("TABLE_NOT_FOUND: logins_by_user");
    assertThat(error.get("athenaErrorCategory").asInt()).isEqualTo(QueryError.USER);
    assertThat(error.get("retryable").asBoolean()).isFalse();
  }

  @Test
  void listQueriesAnswersWithTheCatalog() {
    service.onMessage(alice, "{\"action\":\"listQueries\",\"requestId\":\"r4\"}");

    JsonNode catalogMessage = sent().get(0);
    assertThat(catalogMessage.get("type").asText()).isEqualTo("catalog");
    assertThat(catalogMessage.get("queries").toString())
        .isEqualTo(
            "[{\"name\":\"logins\",\"description\":\"Logins of one user\",\"default\":true,"
                + "\"parameters\":[{\"name\":\"user\",\"type\":\"string\",\"required\":true}]}]");
  }

  /** Every message posted to the client, in order, parsed. */
  private List<JsonNode> sent() {
    ArgumentCaptor<byte[]> payloads = ArgumentCaptor.forClass(byte[].class);
    verify(notifier, atLeastOnce()).post(eq(alice), payloads.capture());
    return payloads.getAllValues().stream().map(ReportServiceTest::parse).toList();
  }

  private static JsonNode parse(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static GetQueryResultsResponse page(Row... rows) {
    return GetQueryResultsResponse.builder()
        .resultSet(
            ResultSet.builder()
                .resultSetMetadata(
                    ResultSetMetadata.builder()
                        .columnInfo(column("username", "varchar"), column("logins", "bigint"))
                        .build())
                .rows(rows)
                .build())
        .build();
  }

  private static ColumnInfo column(String name, String type) {
    return ColumnInfo.builder().name(name).label(name).type(type).build();
  }

  /** A result row; a null value is SQL NULL (a Datum without VarCharValue). */
  private static Row row(String... values) {
    return Row.builder()
        .data(
            Arrays.stream(values)
                .map(
                    v ->
                        v == null
                            ? Datum.builder().build()
                            : Datum.builder().varCharValue(v).build())
                .toList())
        .build();
  }
}
