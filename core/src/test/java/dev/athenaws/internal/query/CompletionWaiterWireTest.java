package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.QueryFailedException;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.retry.Backoff;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaFault;
import dev.athenaws.testing.FakeAthenaQuery;
import dev.athenaws.testing.FixedRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * The real SDK client against FakeAthena in virtual time. Polling without jitter: sleeps of 100,
 * 200, 400, 800, 1600, 3200 ms then 5 s, so polls land at 0.1, 0.3, 0.7, 1.5, 3.1, 6.3, 11.3 s, ...
 */
class CompletionWaiterWireTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final VirtualTime time = new VirtualTime();
  private final FakeAthena fake = FakeAthena.start(time);
  private final CompletionWaiter waiter = waiter(time);
  private final List<QueryProgress> progress = new ArrayList<>();

  @AfterEach
  void close() {
    fake.close();
  }

  private CompletionWaiter waiter(dev.athenaws.retry.Sleeper sleeper) {
    return CompletionWaiter.builder(fake.client())
        .polling(Backoff.POLLING.withJitter(0))
        .sleeper(sleeper)
        .clock(time)
        .random(new FixedRandom(0.5))
        .build();
  }

  private static List<Duration> millis(long... ms) {
    List<Duration> out = new ArrayList<>();
    for (long m : ms) {
      out.add(Duration.ofMillis(m));
    }
    return out;
  }

  @Test
  void succeededCarriesStatementKindStatsAndPollCount() {
    String id =
        fake.addQuery(
            FakeAthenaQuery.builder()
                .queued(Duration.ofSeconds(1))
                .running(Duration.ofSeconds(2))
                .scanRate(1_000_000)
                .build());

    QueryOutcome outcome = waiter.await(id, MINUTE, progress::add, CancellationSignal.NEVER);

    assertThat(outcome).isInstanceOf(QueryOutcome.Succeeded.class);
    QueryOutcome.Succeeded s = (QueryOutcome.Succeeded) outcome;
    assertThat(s.queryExecutionId()).isEqualTo(id);
    assertThat(s.statementKind()).isEqualTo(StatementKind.SELECT);
    assertThat(s.outputLocation()).endsWith(id + ".csv");
    assertThat(s.stats()).isEqualTo(new QueryStats(2000L, 2_000_000L, 3000L, 1000L, false));
    assertThat(s.polls()).isEqualTo(5).isEqualTo(fake.calls(FakeAthena.GET));
    assertThat(time.sleeps()).isEqualTo(millis(100, 200, 400, 800, 1600));
    assertThat(fake.calls(FakeAthena.STOP)).isZero();
  }

  @Test
  void failedCarriesAthenaError() {
    // Message shape from the Athena error catalog (TABLE_NOT_FOUND is category 2, user).
    String message =
        "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.default.nope' does not exist";
    String id =
        fake.addQuery(
            FakeAthenaQuery.builder()
                .running(Duration.ofMillis(500))
                .fails(2, 1301, false, message, message)
                .build());

    QueryOutcome outcome =
        waiter.await(id, MINUTE, QueryProgressListener.NONE, CancellationSignal.NEVER);

    assertThat(outcome)
        .isEqualTo(
            new QueryOutcome.Failed(
                id,
                new QueryError(2, 1301, false, message),
                message,
                new QueryStats(500L, 500_000L, 500L, 0L, false),
                3));
  }

  @Test
  void cancelledElsewhereEndsTheWaitAtOnce() {
    String id =
        fake.addQuery(
            FakeAthenaQuery.builder()
                .running(Duration.ofMillis(500))
                .cancelled("Query was cancelled by user")
                .build());

    QueryOutcome outcome =
        waiter.await(id, MINUTE, QueryProgressListener.NONE, CancellationSignal.NEVER);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            QueryOutcome.Cancelled.class,
            c -> {
              assertThat(c.byUs()).isFalse();
              assertThat(c.stateChangeReason()).isEqualTo("Query was cancelled by user");
              assertThat(c.polls()).isEqualTo(3);
            });
    assertThat(fake.calls(FakeAthena.GET)).isEqualTo(3);
    assertThat(fake.calls(FakeAthena.STOP)).isZero();
    assertThat(time.sleeps()).hasSize(3);
  }

  @Test
  void queuedAgainAfterRunningIsNormal() {
    String id =
        fake.addQuery(
            FakeAthenaQuery.builder()
                .running(Duration.ofSeconds(1))
                .queued(Duration.ofSeconds(1))
                .running(Duration.ofSeconds(3))
                .build());

    QueryOutcome outcome = waiter.await(id, MINUTE, progress::add, CancellationSignal.NEVER);

    assertThat(outcome).isInstanceOf(QueryOutcome.Succeeded.class);
    assertThat(outcome.polls()).isEqualTo(6);
    // Polls at 0.1, 0.3, 0.7 (RUNNING), 1.5 (QUEUED), 3.1 (RUNNING), 6.3 s (SUCCEEDED).
    assertThat(progress)
        .extracting(QueryProgress::state)
        .containsExactly(
            QueryExecutionState.RUNNING,
            QueryExecutionState.RUNNING,
            QueryExecutionState.RUNNING,
            QueryExecutionState.QUEUED,
            QueryExecutionState.RUNNING,
            QueryExecutionState.SUCCEEDED);
  }

  @Test
  void progressIsReportedOnStateChangesAndStatisticsChangesOnly() {
    String id =
        fake.addQuery(
            FakeAthenaQuery.builder()
                .queued(Duration.ofMillis(500))
                .running(Duration.ofSeconds(1))
                .scanRate(1_000_000)
                .build());

    waiter.await(id, MINUTE, progress::add, CancellationSignal.NEVER);

    // Polls at 0.1 (QUEUED), 0.3 (QUEUED, nothing new: no callback), 0.7 (RUNNING), 1.5
    // (SUCCEEDED).
    assertThat(progress)
        .containsExactly(
            new QueryProgress(QueryExecutionState.QUEUED, Duration.ofMillis(100), 0L, 0L),
            new QueryProgress(QueryExecutionState.RUNNING, Duration.ofMillis(700), 200_000L, 200L),
            new QueryProgress(
                QueryExecutionState.SUCCEEDED, Duration.ofMillis(1500), 1_000_000L, 1000L));
  }

  @Test
  void theDeadlineStopsTheQueryOnceWithoutOversleeping() {
    String id = fake.addQuery(FakeAthenaQuery.builder().running(Duration.ofMinutes(10)).build());

    QueryOutcome outcome =
        waiter.await(
            id, Duration.ofSeconds(2), QueryProgressListener.NONE, CancellationSignal.NEVER);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            QueryOutcome.TimedOut.class,
            t -> {
              assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(2));
              assertThat(t.polls()).isEqualTo(5);
              assertThat(t.stats().engineExecutionTimeMillis()).isEqualTo(2000L);
            });
    // The last sleep is cut to the 500 ms left; the last poll happens at the deadline.
    assertThat(time.sleeps()).isEqualTo(millis(100, 200, 400, 800, 500));
    assertThat(fake.calls(FakeAthena.STOP)).isEqualTo(1);
    assertThat(fake.requests(FakeAthena.STOP).get(0).body().path("QueryExecutionId").asText())
        .isEqualTo(id);
    assertThat(fake.state(id)).isEqualTo("CANCELLED");
  }

  @Test
  void withStopAtDeadlineOffTheDeadlineLeavesTheQueryRunningButCancelStillStops() {
    CompletionWaiter handingOff =
        CompletionWaiter.builder(fake.client())
            .polling(Backoff.POLLING.withJitter(0))
            .sleeper(time)
            .clock(time)
            .random(new FixedRandom(0.5))
            .stopAtDeadline(false)
            .build();
    String id = fake.addQuery(FakeAthenaQuery.builder().running(Duration.ofMinutes(10)).build());

    QueryOutcome outcome =
        handingOff.await(
            id, Duration.ofSeconds(2), QueryProgressListener.NONE, CancellationSignal.NEVER);

    assertThat(outcome).isInstanceOf(QueryOutcome.TimedOut.class);
    assertThat(fake.calls(FakeAthena.STOP)).isZero();
    assertThat(fake.state(id)).isEqualTo("RUNNING");

    QueryOutcome cancelled =
        handingOff.await(id, Duration.ofSeconds(2), QueryProgressListener.NONE, () -> true);
    assertThat(cancelled).isInstanceOf(QueryOutcome.Cancelled.class);
    assertThat(fake.calls(FakeAthena.STOP)).isEqualTo(1);
    assertThat(fake.state(id)).isEqualTo("CANCELLED");
  }

  @Test
  void aCancelSignalStopsTheQuery() {
    String id = fake.addQuery(FakeAthenaQuery.builder().running(Duration.ofMinutes(10)).build());
    CancellationFlag flag = new CancellationFlag();
    QueryProgressListener cancelOnSecond =
        p -> {
          progress.add(p);
          if (progress.size() == 2) {
            flag.cancel();
          }
        };

    QueryOutcome outcome = waiter.await(id, MINUTE, cancelOnSecond, flag);

    assertThat(outcome)
        .isEqualTo(
            new QueryOutcome.Cancelled(
                id, true, null, new QueryStats(300L, 300_000L, 300L, 0L, false), 2));
    assertThat(time.sleeps()).hasSize(2);
    assertThat(fake.calls(FakeAthena.STOP)).isEqualTo(1);
    assertThat(fake.state(id)).isEqualTo("CANCELLED");
  }

  @Test
  void aSignalRaisedBeforeTheWaitStopsWithoutPolling() {
    String id = fake.addQuery(FakeAthenaQuery.builder().running(Duration.ofMinutes(10)).build());
    CancellationFlag flag = new CancellationFlag();
    flag.cancel();

    QueryOutcome outcome = waiter.await(id, MINUTE, QueryProgressListener.NONE, flag);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            QueryOutcome.Cancelled.class,
            c -> {
              assertThat(c.byUs()).isTrue();
              assertThat(c.polls()).isZero();
              assertThat(c.stats()).isEqualTo(QueryStats.EMPTY);
            });
    assertThat(fake.calls(FakeAthena.GET)).isZero();
    assertThat(fake.calls(FakeAthena.STOP)).isEqualTo(1);
  }

  @Test
  void anInterruptStopsTheQueryAndKeepsTheFlag() {
    String id = fake.addQuery(FakeAthenaQuery.builder().running(Duration.ofMinutes(10)).build());
    int[] sleeps = {0};
    CompletionWaiter interrupting =
        waiter(
            d -> {
              if (++sleeps[0] == 3) {
                throw new InterruptedException("test");
              }
              time.sleep(d);
            });

    QueryOutcome outcome;
    try {
      outcome =
          interrupting.await(id, MINUTE, QueryProgressListener.NONE, CancellationSignal.NEVER);
    } finally {
      assertThat(Thread.interrupted()).isTrue();
    }

    assertThat(outcome)
        .isInstanceOfSatisfying(
            QueryOutcome.Cancelled.class,
            c -> {
              assertThat(c.byUs()).isTrue();
              assertThat(c.polls()).isEqualTo(2);
            });
    // The stop went out although the thread was interrupted.
    assertThat(fake.calls(FakeAthena.STOP)).isEqualTo(1);
    assertThat(fake.state(id)).isEqualTo("CANCELLED");
  }

  @Test
  void throttledPollsAreRetriedWithinTheDeadline() {
    String id = fake.addQuery(FakeAthenaQuery.builder().running(Duration.ofSeconds(1)).build());
    fake.failNext(FakeAthena.GET, 1, FakeAthenaFault.throttling());
    fake.failNext(FakeAthena.GET, 1, FakeAthenaFault.internal());

    QueryOutcome outcome =
        waiter.await(id, MINUTE, QueryProgressListener.NONE, CancellationSignal.NEVER);

    assertThat(outcome).isInstanceOf(QueryOutcome.Succeeded.class);
    assertThat(outcome.polls()).isEqualTo(5).isEqualTo(fake.calls(FakeAthena.GET));
    // Poll at 0.1 throttled, 0.25 server error (THROTTLING backoff 150, 300 ms), then 0.55 RUNNING,
    // and polling resumes at its second delay: 0.75 RUNNING, 1.15 SUCCEEDED.
    assertThat(time.sleeps()).isEqualTo(millis(100, 150, 300, 200, 400));
  }

  @Test
  void throttlingAtTheDeadlineTimesOut() {
    String id = fake.addQuery(FakeAthenaQuery.builder().running(Duration.ofMinutes(10)).build());
    fake.failNext(FakeAthena.GET, 4, FakeAthenaFault.throttling());

    QueryOutcome outcome =
        waiter.await(
            id, Duration.ofMillis(200), QueryProgressListener.NONE, CancellationSignal.NEVER);

    assertThat(outcome).isInstanceOf(QueryOutcome.TimedOut.class);
    assertThat(outcome.polls()).isEqualTo(2);
    assertThat(time.sleeps()).isEqualTo(millis(100, 100));
    assertThat(fake.calls(FakeAthena.STOP)).isEqualTo(1);
  }

  @Test
  void pollsThrottledUntilTheRetriesRunOutStopTheQuery() {
    String id = fake.addQuery(FakeAthenaQuery.builder().running(Duration.ofMinutes(10)).build());
    fake.failNext(FakeAthena.GET, 5, FakeAthenaFault.internal());

    assertThatThrownBy(
            () -> waiter.await(id, MINUTE, QueryProgressListener.NONE, CancellationSignal.NEVER))
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ThrottledException.Reason.SERVER_ERROR);
              assertThat(e.attempts()).isEqualTo(5);
              assertThat(e.operation()).isEqualTo("GetQueryExecution");
            });
    assertThat(fake.calls(FakeAthena.GET)).isEqualTo(5);
    assertThat(fake.calls(FakeAthena.STOP)).isEqualTo(1);
  }

  @Test
  void anUnknownQueryFails() {
    String id = "00000000-0000-4000-8000-999999999999";

    assertThatThrownBy(
            () -> waiter.await(id, MINUTE, QueryProgressListener.NONE, CancellationSignal.NEVER))
        .isInstanceOfSatisfying(
            QueryFailedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.QUERY_FAILED);
              assertThat(e.queryExecutionId()).contains(id);
              assertThat(e.getMessage()).contains("was not found");
            });
    assertThat(fake.calls(FakeAthena.GET)).isEqualTo(1);
  }

  @Test
  void aListenerThatThrowsStopsTheQuery() {
    String id = fake.addQuery(FakeAthenaQuery.builder().running(Duration.ofMinutes(10)).build());
    IllegalStateException boom = new IllegalStateException("connection gone");

    assertThatThrownBy(
            () ->
                waiter.await(
                    id,
                    MINUTE,
                    p -> {
                      throw boom;
                    },
                    CancellationSignal.NEVER))
        .isSameAs(boom);
    assertThat(fake.calls(FakeAthena.STOP)).isEqualTo(1);
  }
}
