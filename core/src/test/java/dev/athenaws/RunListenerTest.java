package dev.athenaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.RunListener.Measure;
import dev.athenaws.RunListener.Phase;
import dev.athenaws.RunListener.Result;
import dev.athenaws.RunListener.RunEnded;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.notify.Connection;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaFault;
import dev.athenaws.testing.FakeAthenaQuery;
import dev.athenaws.testing.FakeManagementApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** What the {@link RunListener} is told, and the log context ({@link MDC}) of a call. */
class RunListenerTest {
  private static final String QUERY =
      "{\"action\":\"query\",\"query\":\"by-a\",\"parameters\":{\"a\":\"x\"},\"requestId\":\"r1\"}";

  private final FrontDoorWire wire = new FrontDoorWire();
  private final FakeAthena athena = wire.athena;
  private final FakeManagementApi api = wire.api;
  private final Connection client = wire.client;
  private final List<RunEnded> runs = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> contexts = new CopyOnWriteArrayList<>();
  private final AthenaWs ws =
      front(
          on(
              run -> {
                runs.add(run);
                contexts.add(MDC.getCopyOfContextMap());
              }));

  private static RunListener on(java.util.function.Consumer<RunEnded> action) {
    return new RunListener() {
      @Override
      public void runEnded(RunEnded run) {
        action.accept(run);
      }
    };
  }

  private AthenaWs front(RunListener listener) {
    return AthenaWs.builder()
        .athenaClient(athena.client())
        .notifier(wire.notifier)
        .catalog(AthenaWsTest.CATALOG)
        .settings(AthenaWsTest.API_RESULTS)
        .clock(wire.time)
        .sleeper(wire.time)
        .listener(listener)
        .build();
  }

  @AfterEach
  void close() {
    ws.close();
    wire.close();
    MDC.clear();
  }

  @Test
  void aCompletedQueryReportsItsNameIdTimesRowsMessagesAndAthenaCalls() {
    athena.nextQuery(
        FakeAthenaQuery.numberedSelect(2, 3)
            .queued(Duration.ofSeconds(1))
            .running(Duration.ofSeconds(2))
            .build());

    Outcome outcome = ws.handle(client, QUERY);

    assertThat(outcome).isInstanceOf(Outcome.Ran.class);
    assertThat(runs).hasSize(1);
    RunEnded run = runs.get(0);
    assertThat(run.phase()).isEqualTo(Phase.HANDLE);
    assertThat(run.result()).isEqualTo(Result.COMPLETED);
    assertThat(run.queryName()).isEqualTo("by-a");
    assertThat(run.queryExecutionId()).isEqualTo(lastStartedId());
    assertThat(run.errorCode()).isNull();
    assertThat(run.measure(Measure.ROWS)).isEqualTo(6L);
    assertThat(run.measure(Measure.MESSAGES)).isEqualTo(api.posts("conn-1="));
    assertThat(run.measure(Measure.MESSAGE_BYTES))
        .isEqualTo(
            api.messages("conn-1=").stream()
                .mapToLong(m -> m.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .sum());
    assertThat(run.measure(Measure.ATHENA_CALLS)).isEqualTo((long) athena.requests().size());
    assertThat(run.measure(Measure.ATHENA_RETRIES)).isZero();
    assertThat(run.measure(Measure.QUEUE_TIME_MILLIS)).isEqualTo(1000L);
    assertThat(run.measure(Measure.ENGINE_TIME_MILLIS)).isEqualTo(2000L);
    assertThat(run.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }

  private String lastStartedId() {
    List<String> ids =
        api.messages("conn-1=").stream()
            .filter(m -> m.contains("\"accepted\""))
            .map(m -> m.replaceAll(".*\"queryExecutionId\":\"([^\"]+)\".*", "$1"))
            .toList();
    return ids.get(ids.size() - 1);
  }

  @Test
  void athenaRetriesAndPostRetriesAreCounted() {
    athena.failNext("StartQueryExecution", 2, FakeAthenaFault.throttling());
    athena.nextQuery(FakeAthenaQuery.numberedSelect(1, 2).build());
    api.failNext("conn-1=", 429);

    ws.handle(client, QUERY);

    RunEnded run = runs.get(0);
    assertThat(run.result()).isEqualTo(Result.COMPLETED);
    assertThat(run.measure(Measure.ATHENA_RETRIES)).isEqualTo(2L);
    assertThat(run.measure(Measure.ATHENA_CALLS)).isEqualTo((long) athena.requests().size());
    assertThat(run.measure(Measure.POSTS_RETRIED)).isEqualTo(1L);
    assertThat(run.measure(Measure.POSTS_THROTTLED)).isZero();
  }

  @Test
  void aRefusedFrameReportsItsCodeWithoutTheClientsQueryName() {
    ws.handle(client, "{\"action\":\"query\",\"query\":\"made-up-by-the-client\"}");
    ws.refuse(client, new AthenaWsException(ErrorCode.ATHENA_BUSY, "busy"));

    assertThat(runs).extracting(RunEnded::result).containsExactly(Result.REFUSED, Result.REFUSED);
    assertThat(runs)
        .extracting(RunEnded::errorCode)
        .containsExactly(ErrorCode.UNKNOWN_QUERY, ErrorCode.ATHENA_BUSY);
    assertThat(runs).extracting(RunEnded::queryName).containsOnlyNulls();
    assertThat(runs.get(0).measure(Measure.ATHENA_CALLS)).isZero();
  }

  @Test
  void aResumeReportsItsPhaseAndQuery() {
    String id = athena.addQuery(FakeAthenaQuery.numberedSelect(1, 4).build());

    ws.resume(
        Resumption.builder(client).requestId("r1").queryExecutionId(id).queryName("by-a").build());

    RunEnded run = runs.get(0);
    assertThat(run.phase()).isEqualTo(Phase.RESUME);
    assertThat(run.result()).isEqualTo(Result.COMPLETED);
    assertThat(run.queryExecutionId()).isEqualTo(id);
    assertThat(run.queryName()).isEqualTo("by-a");
    assertThat(run.measure(Measure.ROWS)).isEqualTo(4L);
  }

  @Test
  void theCallsLogContextCarriesTheConnectionAndQueryIdsAndIsPutBackAfterwards() {
    String id = athena.addQuery(FakeAthenaQuery.numberedSelect(1, 1).build());
    MDC.put("AWSRequestId", "lambda-1");
    MDC.put(RunWatch.CONNECTION_ID, "outer");

    ws.resume(Resumption.builder(client).requestId("r1").queryExecutionId(id).build());

    assertThat(contexts.get(0))
        .containsEntry("AWSRequestId", "lambda-1")
        .containsEntry(RunWatch.CONNECTION_ID, "conn-1=")
        .containsEntry(RunWatch.QUERY_EXECUTION_ID, id);
    assertThat(MDC.get(RunWatch.CONNECTION_ID)).isEqualTo("outer");
    assertThat(MDC.get(RunWatch.QUERY_EXECUTION_ID)).isNull();
    assertThat(MDC.get("AWSRequestId")).isEqualTo("lambda-1");
  }

  @Test
  void aQueryStartedInHandleSetsItsIdInTheLogContext() {
    athena.nextQuery(FakeAthenaQuery.numberedSelect(1, 1).build());

    ws.handle(client, QUERY);

    assertThat(contexts.get(0))
        .containsEntry(RunWatch.QUERY_EXECUTION_ID, lastStartedId())
        .containsEntry(RunWatch.CONNECTION_ID, "conn-1=");
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void aListenerThatThrowsDoesNotBreakTheRun() {
    try (AthenaWs failing =
        front(
            on(
                run -> {
                  throw new IllegalStateException("listener bug");
                }))) {
      athena.nextQuery(FakeAthenaQuery.numberedSelect(1, 2).build());

      Outcome outcome = failing.handle(client, QUERY);
      Outcome again = failing.handle(client, "{\"action\":\"listQueries\"}");

      assertThat(outcome).isInstanceOf(Outcome.Ran.class);
      assertThat(((Outcome.Ran) outcome).result()).isInstanceOf(PublishResult.Completed.class);
      assertThat(again).isEqualTo(new Outcome.Listed());
    }
  }
}
