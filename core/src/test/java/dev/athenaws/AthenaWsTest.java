package dev.athenaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.catalog.NamedQuery;
import dev.athenaws.catalog.ParameterSpec;
import dev.athenaws.catalog.ParameterType;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.internal.query.CompletionWaiter;
import dev.athenaws.internal.query.PageFetcher;
import dev.athenaws.internal.query.QueryStarter;
import dev.athenaws.notify.Connection;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaFault;
import dev.athenaws.testing.FakeAthenaQuery;
import dev.athenaws.testing.FakeManagementApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The front door over the wire fakes in virtual time: what a client receives for each frame. */
class AthenaWsTest {

  /** Results from GetQueryResults only: these tests give no S3 reader. */
  static final AthenaSettings API_RESULTS =
      AthenaSettings.builder().resultFetch(AthenaSettings.ResultFetch.API).build();

  static final QueryCatalog CATALOG =
      QueryCatalog.of(
          List.of(
              NamedQuery.named("by-a")
                  .sql("SELECT n FROM t WHERE a = ?")
                  .parameters(List.of(ParameterSpec.required("a", ParameterType.STRING)))
                  .build()),
          null);
  private static final String QUERY =
      "{\"action\":\"query\",\"query\":\"by-a\",\"parameters\":{\"a\":\"x\"},\"requestId\":\"r1\"}";

  private final FrontDoorWire wire = new FrontDoorWire();
  private final VirtualTime time = wire.time;
  private final FakeAthena athena = wire.athena;
  private final FakeManagementApi api = wire.api;
  private final Connection client = wire.client;
  private final ConnectionNotifier notifier = wire.notifier;
  private final AthenaWs ws =
      AthenaWs.builder()
          .athenaClient(athena.client())
          .notifier(notifier)
          .catalog(CATALOG)
          .settings(API_RESULTS)
          .clock(time)
          .sleeper(time)
          .build();

  @AfterEach
  void close() {
    ws.close();
    wire.close();
  }

  private Resumption.Builder resumption(String queryExecutionId) {
    return Resumption.builder(client).requestId("r1").queryExecutionId(queryExecutionId);
  }

  private List<JsonNode> received() {
    return wire.received();
  }

  private List<String> types() {
    return Inbox.types(api, "conn-1=");
  }

  private JsonNode last() {
    List<JsonNode> m = received();
    return m.get(m.size() - 1);
  }

  /** A SELECT of column n over pages, its header row on page 1 (as Athena returns it). */
  private static FakeAthenaQuery.Builder numbers(int pages, int rowsPerPage) {
    return FakeAthenaQuery.numberedSelect(pages, rowsPerPage);
  }

  @Test
  void aFrameThatIsNotJsonIsRefusedWithBadRequest() {
    assertThat(ws.handle(client, "{not json"))
        .isEqualTo(new Outcome.Refused(ErrorCode.BAD_REQUEST));
    assertThat(types()).containsExactly("error");
    assertThat(last().path("code").asText()).isEqualTo("BAD_REQUEST");
    assertThat(athena.requests()).isEmpty();
  }

  @Test
  void listQueriesIsAnsweredWithTheCatalogWithoutItsSql() {
    assertThat(ws.handle(client, "{\"action\":\"listQueries\",\"requestId\":\"l1\"}"))
        .isEqualTo(new Outcome.Listed());
    JsonNode catalog = last();
    assertThat(catalog.path("type").asText()).isEqualTo("catalog");
    assertThat(catalog.path("requestId").asText()).isEqualTo("l1");
    assertThat(catalog.path("queries").get(0).path("name").asText()).isEqualTo("by-a");
    assertThat(catalog.toString()).doesNotContain("SELECT");
  }

  @Test
  void anUnknownQueryIsRefused() {
    Outcome outcome =
        ws.handle(client, "{\"action\":\"query\",\"query\":\"nope\",\"requestId\":\"r1\"}");

    assertThat(outcome).isEqualTo(new Outcome.Refused(ErrorCode.UNKNOWN_QUERY));
    assertThat(last().path("code").asText()).isEqualTo("UNKNOWN_QUERY");
    assertThat(last().path("requestId").asText()).isEqualTo("r1");
  }

  @Test
  void anInvalidParameterIsRefusedNamingItsField() {
    Outcome outcome =
        ws.handle(client, "{\"action\":\"query\",\"query\":\"by-a\",\"parameters\":{}}");

    assertThat(outcome).isEqualTo(new Outcome.Refused(ErrorCode.INVALID_PARAMETER));
    assertThat(last().path("code").asText()).isEqualTo("INVALID_PARAMETER");
    assertThat(last().path("field").asText()).isEqualTo("a");
  }

  @Test
  void rawSqlIsRefusedNamingTheSqlField() {
    Outcome outcome = ws.handle(client, "{\"action\":\"query\",\"sql\":\"SELECT 1\"}");

    assertThat(outcome).isEqualTo(new Outcome.Refused(ErrorCode.BAD_REQUEST));
    assertThat(last().path("field").asText()).isEqualTo("sql");
  }

  @Test
  void aQueryRunsToCompleteOnTheCallingThread() {
    athena.nextQuery(numbers(2, 3).running(Duration.ofSeconds(2)).build());

    Outcome outcome = ws.handle(client, QUERY);

    assertThat(outcome).isEqualTo(new Outcome.Ran(new PublishResult.Completed(6, 1)));
    assertThat(types()).startsWith("accepted").contains("progress").endsWith("rows", "complete");
    assertThat(
            athena.requests(FakeAthena.START).get(0).body().path("ExecutionParameters").toString())
        .isEqualTo("[\"'x'\"]");
  }

  @Test
  void atTheDeadlineTheHandOffTakesTheRunningQuery() {
    athena.nextQuery(numbers(1, 3).running(Duration.ofSeconds(60)).build());
    AtomicReference<HandOff.Request> taken = new AtomicReference<>();

    Outcome outcome =
        ws.handle(
            client,
            QUERY,
            RunOptions.defaults()
                .withDeadline(
                    Duration.ofSeconds(5),
                    r -> {
                      taken.set(r);
                      return true;
                    }));

    String id = received().get(0).path("queryExecutionId").asText();
    assertThat(outcome).isEqualTo(new Outcome.HandedOff(id, Continuation.start()));
    assertThat(taken.get().queryExecutionId()).isEqualTo(id);
    assertThat(taken.get().statement().queryName()).isEqualTo("by-a");
    assertThat(taken.get().requestId()).isEqualTo("r1");
    assertThat(athena.calls(FakeAthena.STOP)).isZero();
    assertThat(types()).containsOnly("accepted", "progress");
  }

  @Test
  void aRefusedHandOffStopsTheQueryWithTimeout() {
    athena.nextQuery(numbers(1, 3).running(Duration.ofSeconds(60)).build());

    Outcome outcome =
        ws.handle(
            client, QUERY, RunOptions.defaults().withDeadline(Duration.ofSeconds(5), r -> false));

    assertThat(outcome)
        .isEqualTo(new Outcome.Ran(new PublishResult.Failed(ErrorCode.TIMEOUT, true)));
    assertThat(athena.calls(FakeAthena.STOP)).isEqualTo(1);
    assertThat(last().path("message").asText())
        .isEqualTo("The query did not finish within 5 s and was stopped.");
  }

  @Test
  void aHandOffThatThrowsStopsTheQueryWithInternal() {
    athena.nextQuery(numbers(1, 3).running(Duration.ofSeconds(60)).build());

    Outcome outcome =
        ws.handle(
            client,
            QUERY,
            RunOptions.defaults()
                .withDeadline(
                    Duration.ofSeconds(5),
                    r -> {
                      throw new IllegalStateException("no state machine");
                    }));

    assertThat(outcome)
        .isEqualTo(new Outcome.Ran(new PublishResult.Failed(ErrorCode.INTERNAL, true)));
    assertThat(athena.calls(FakeAthena.STOP)).isEqualTo(1);
    assertThat(last().path("message").asText()).isEqualTo(RunFlow.HANDOFF_FAILED);
  }

  @Test
  void aThrottledHandOffStopsTheQueryWithAthenaBusyAsABusyAthenaDoes() {
    athena.nextQuery(numbers(1, 3).running(Duration.ofSeconds(60)).build());
    ThrottledException busy =
        new ThrottledException(
            ThrottledException.Service.STEP_FUNCTIONS,
            "StartExecution",
            ThrottledException.Reason.THROTTLED,
            5,
            null);

    Outcome outcome =
        ws.handle(
            client,
            QUERY,
            RunOptions.defaults()
                .withDeadline(
                    Duration.ofSeconds(5),
                    r -> {
                      throw busy;
                    }));

    assertThat(outcome)
        .isEqualTo(new Outcome.Ran(new PublishResult.Failed(ErrorCode.ATHENA_BUSY, true)));
    assertThat(athena.calls(FakeAthena.STOP)).isEqualTo(1);
    assertThat(types()).filteredOn("error"::equals).hasSize(1);
    assertThat(last().path("code").asText()).isEqualTo("ATHENA_BUSY");
    assertThat(last().path("message").asText())
        .isEqualTo("Step Functions is throttling; try again");
  }

  @Test
  void aThrottledHandOffAtOnceIsAthenaBusy() {
    Outcome outcome =
        ws.handle(
            client,
            QUERY,
            RunOptions.defaults()
                .handOffAtOnce(
                    r -> {
                      throw new ThrottledException(
                          ThrottledException.Service.STEP_FUNCTIONS,
                          "StartExecution",
                          ThrottledException.Reason.SERVER_ERROR,
                          5,
                          null);
                    }));

    assertThat(outcome).isEqualTo(new Outcome.NotStarted(ErrorCode.ATHENA_BUSY));
    assertThat(athena.requests()).isEmpty();
    assertThat(types()).containsExactly("error");
    assertThat(last().path("code").asText()).isEqualTo("ATHENA_BUSY");
    assertThat(last().path("message").asText())
        .isEqualTo("Step Functions is unavailable; try again");
  }

  @ParameterizedTest(name = "hand-off answers {0}")
  @CsvSource({
    "taken, HandedOff, accepted",
    "refused, Ran, ATHENA_BUSY",
    "reused request id, Refused, BAD_REQUEST"
  })
  void aStartAthenaKeepsRefusingUntilTheDeadlineGoesToTheHandOff(
      String answer, String outcomeType, String told) {
    athena.failNext("StartQueryExecution", 1000, FakeAthenaFault.concurrencyLimit());

    Outcome outcome =
        ws.handle(
            client,
            QUERY,
            RunOptions.defaults()
                .withDeadline(
                    Duration.ofSeconds(5),
                    r -> {
                      assertThat(r.queryExecutionId()).isNull();
                      if (answer.equals("reused request id")) {
                        throw new AthenaWsException(
                            ErrorCode.BAD_REQUEST, "requestId r1 was used for another query");
                      }
                      return answer.equals("taken");
                    }));

    assertThat(outcome.getClass().getSimpleName()).isEqualTo(outcomeType);
    assertThat(types()).hasSize(1);
    JsonNode only = last();
    assertThat(
            only.path("type").asText().equals("accepted") ? "accepted" : only.path("code").asText())
        .isEqualTo(told);
  }

  @Test
  void handingOffAtOnceStartsNothingHereAndAcceptsWithoutAnId() {
    AtomicReference<HandOff.Request> taken = new AtomicReference<>();

    Outcome outcome =
        ws.handle(
            client,
            QUERY,
            RunOptions.defaults()
                .handOffAtOnce(
                    r -> {
                      taken.set(r);
                      return true;
                    }));

    assertThat(outcome).isEqualTo(new Outcome.HandedOff(null, Continuation.start()));
    assertThat(athena.requests()).isEmpty();
    assertThat(taken.get().queryExecutionId()).isNull();
    assertThat(types()).containsExactly("accepted");
    assertThat(last().has("queryExecutionId")).isFalse();
  }

  @Test
  void aResumptionPausesWhenTimeRunsLowAndTheNextOneFinishesWithoutLossOrRepeat() {
    String id = athena.addQuery(numbers(3, 4).build());
    PublishResult first =
        ws.resume(
            resumption(id)
                .queryName("by-a")
                .timeBudget(() -> Duration.ZERO, Duration.ofSeconds(1))
                .build());

    assertThat(first).isInstanceOf(PublishResult.Paused.class);
    Continuation next = ((PublishResult.Paused) first).next();
    assertThat(next.pageNumber()).isEqualTo(2);
    PublishResult second = ws.resume(resumption(id).queryName("by-a").from(next).build());

    assertThat(second).isEqualTo(new PublishResult.Completed(12, 2));
    assertThat(received().get(0).path("state").asText()).isEqualTo("SUCCEEDED");
    List<String> values = new ArrayList<>();
    received().stream()
        .filter(m -> m.path("type").asText().equals("rows"))
        .forEach(m -> m.path("results").forEach(r -> values.add(r.path("n").asText())));
    assertThat(values).hasSize(12).doesNotHaveDuplicates();
    assertThat(
            received().stream()
                .filter(m -> m.path("type").asText().equals("rows"))
                .map(m -> m.path("seq").asInt())
                .toList())
        .containsExactly(0, 1);
  }

  @Test
  void aResumptionOfARunningQueryWaitsOnlyWithinItsBudget() {
    String id = athena.addQuery(numbers(1, 3).running(Duration.ofMinutes(5)).build());
    java.time.Instant begin = time.instant();

    PublishResult result =
        ws.resume(
            resumption(id)
                .timeBudget(RemainingTime.until(begin.plusSeconds(10), time), Duration.ofSeconds(2))
                .build());

    assertThat(result).isEqualTo(new PublishResult.Paused(Continuation.start()));
    assertThat(time.since(begin)).isLessThanOrEqualTo(Duration.ofSeconds(8));
    assertThat(athena.calls(FakeAthena.STOP)).isZero();
  }

  @Test
  void aStateMachineFailureIsReportedAsOneError() {
    PublishResult result =
        ws.resume(resumption("q-9").failure(new Resumption.Failure.Cancelled()).build());

    assertThat(result).isEqualTo(new PublishResult.Failed(ErrorCode.QUERY_CANCELLED, true));
    assertThat(last().path("message").asText()).isEqualTo(RunFlow.CANCELLED);
    assertThat(athena.requests()).isEmpty();
  }

  @Test
  void closeEndsThePrefetchThreads() throws InterruptedException {
    Set<Thread> before = prefetchThreads();
    athena.nextQuery(numbers(3, 2).build());
    ws.handle(client, QUERY);
    Set<Thread> mine = prefetchThreads();
    mine.removeAll(before);
    assertThat(mine).isNotEmpty();

    ws.close();

    for (Thread t : mine) {
      t.join(Duration.ofSeconds(10).toMillis());
      assertThat(t.isAlive()).isFalse();
    }
  }

  private static Set<Thread> prefetchThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("athena-ws-prefetch") && t.isAlive())
        .collect(Collectors.toSet());
  }

  @Test
  void anUnreachableClientAtAcceptedStopsTheQueryAndEndsTheRunWithoutThrowing() {
    QueryStarter starter = mock(QueryStarter.class);
    CompletionWaiter waiter = mock(CompletionWaiter.class);
    PageFetcher fetcher = mock(PageFetcher.class);
    ConnectionNotifier unreachable = mock(ConnectionNotifier.class);
    when(starter.start(any(), any(), any())).thenReturn("q-1");
    when(unreachable.post(any(), any()))
        .thenThrow(new AthenaWsException(ErrorCode.INTERNAL, "endpoint cannot be reached"));
    try (AthenaWs mocked =
        AthenaWs.builder()
            .notifier(unreachable)
            .catalog(CATALOG)
            .queryStarter(starter)
            .completionWaiter(waiter)
            .pageFetcher(fetcher)
            .build()) {

      Outcome outcome = mocked.handle(client, QUERY);

      assertThat(outcome)
          .isEqualTo(new Outcome.Ran(new PublishResult.Failed(ErrorCode.INTERNAL, false)));
      verify(waiter).stop("q-1");
      verify(waiter, never()).await(anyString(), any(), any(), any());
      verifyNoInteractions(fetcher);
    }
  }
}
