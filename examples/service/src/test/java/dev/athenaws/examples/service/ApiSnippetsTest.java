package dev.athenaws.examples.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.AthenaSettings;
import dev.athenaws.AthenaWs;
import dev.athenaws.Outcome;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.catalog.NamedQuery;
import dev.athenaws.catalog.ParameterSpec;
import dev.athenaws.catalog.ParameterType;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.error.InvalidParameterException;
import dev.athenaws.notify.Connection;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.notify.PostOutcome;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaQuery;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * The code of the snippets in docs/api.md, between {@code snippet:start}/{@code snippet:end}
 * markers, run against core's in-process fakes (an Athena speaking the real wire protocol, virtual
 * time) with their effect asserted. DocsSnippetsTest checks that the doc shows exactly these
 * regions.
 */
class ApiSnippetsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final VirtualTime time = new VirtualTime();
  private final FakeAthena fakeAthena = FakeAthena.start(time);
  private final List<byte[]> posted = new CopyOnWriteArrayList<>();
  private final ConnectionNotifier notifier = mock(ConnectionNotifier.class);
  private final Connection connection = Connection.of("conn-1");

  @AfterEach
  void stopFakes() {
    fakeAthena.close();
  }

  /** The catalog of the doc: one named query with a required and an optional, bounded parameter. */
  static QueryCatalog catalogInCode() {
    // snippet:start catalogInCode
    QueryCatalog catalog =
        QueryCatalog.of(
            List.of(
                NamedQuery.named("logins")
                    .description("Logins of one user, most recent first")
                    .sql(
                        "SELECT username, login_time FROM logins WHERE username = ?"
                            + " ORDER BY login_time DESC LIMIT ?")
                    .parameters(
                        List.of(
                            ParameterSpec.required("user", ParameterType.STRING),
                            ParameterSpec.builder("limit", ParameterType.INTEGER)
                                .defaultValue(new BigDecimal(10))
                                .min(BigDecimal.ONE)
                                .max(new BigDecimal(1000))
                                .build()))
                    .build()),
            "logins"); // the default query: what a request that names no query runs
    // snippet:end catalogInCode
    return catalog;
  }

  @Test
  void theCatalogInCodeBindsClientValuesAsTypedLiteralsAndRefusesOutOfRange() {
    QueryCatalog catalog = catalogInCode();

    assertThat(catalog.bind(null, Map.of("user", "o'brien")).executionParameters())
        .containsExactly("'o''brien'", "10");
    assertThat(catalog.bind("logins", Map.of("user", "a", "limit", 5)).executionParameters())
        .containsExactly("'a'", "5");
    assertThatThrownBy(() -> catalog.bind("logins", Map.of("user", "a", "limit", 0)))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void thePlainServiceRunsAClientsQueryEndToEnd() throws IOException {
    when(notifier.post(any(), any()))
        .thenAnswer(
            call -> {
              posted.add(call.getArgument(1));
              return new PostOutcome.Delivered(1);
            });
    fakeAthena.nextQuery(
        FakeAthenaQuery.builder()
            .running(Duration.ofSeconds(3))
            .column("username", "varchar")
            .column("login_time", "varchar")
            .page(List.of("username", "login_time"), List.of("alice", "2024-05-01 10:00:00"))
            .build());
    AthenaClient athena = fakeAthena.client();
    QueryCatalog catalog = catalogInCode();
    VirtualTime clock = time;
    VirtualTime sleeper = time;
    // FakeAthena's result objects are in no S3: this run pages GetQueryResults.
    AthenaSettings settings =
        AthenaSettings.builder()
            .workGroup("reports")
            .resultFetch(AthenaSettings.ResultFetch.API)
            .build();

    // snippet:start plainService
    AthenaWs ws =
        AthenaWs.builder()
            .athenaClient(athena) // optional: else a default AthenaClient, owned and closed by ws
            .notifier(notifier) // ApiGateway.notifier().build(), or your own (below)
            .catalog(catalog)
            .settings(settings) // work group, database, ...; results from S3 by default
            .clock(clock)
            .sleeper(sleeper) // optional: tests pass virtual time
            .build();

    // for each text frame of a client, on a worker thread:
    Outcome outcome =
        ws.handle(
            connection,
            "{\"action\":\"query\",\"requestId\":\"r1\",\"parameters\":{\"user\":\"alice\"}}");

    // when the server stops:
    ws.close();
    // snippet:end plainService

    assertThat(outcome).isEqualTo(new Outcome.Ran(new PublishResult.Completed(1, 1)));
    JsonNode start = fakeAthena.requests(FakeAthena.START).get(0).body();
    assertThat(start.path("WorkGroup").asText()).isEqualTo("reports");
    assertThat(start.path("ExecutionParameters").toString()).isEqualTo("[\"'alice'\",\"10\"]");
    List<JsonNode> sent = new ArrayList<>();
    for (byte[] message : posted) {
      sent.add(JSON.readTree(message));
    }
    assertThat(sent)
        .extracting(m -> m.path("type").asText())
        .startsWith("accepted")
        .endsWith("rows", "complete");
    assertThat(sent.get(sent.size() - 2).path("results").toString())
        .isEqualTo("[{\"username\":\"alice\",\"login_time\":\"2024-05-01 10:00:00\"}]");
  }
}
