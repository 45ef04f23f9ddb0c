package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.QueryFailedException;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaFault;
import dev.athenaws.testing.FakeAthenaQuery;
import dev.athenaws.testing.FixedRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * {@link CompletionWaiter#describe}: one status read over the wire, push-backs retried with {@link
 * AthenaRetry#DEFAULT}'s throttling backoff (200 ms doubling, jitter 0.5 at a fixed 0.5: sleeps of
 * 150, 300, 600, 1200 ms), never stopping the query.
 */
class CompletionWaiterDescribeTest {
  private final VirtualTime time = new VirtualTime();
  private final FakeAthena fake = FakeAthena.start(time);
  private final CompletionWaiter waiter =
      CompletionWaiter.builder(fake.client())
          .sleeper(time)
          .clock(time)
          .random(new FixedRandom(0.5))
          .build();

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void readsTheStatusOnceWithoutSleeping() {
    String id = fake.addQuery(FakeAthenaQuery.builder().running(Duration.ofMinutes(1)).build());

    QueryExecution execution = waiter.describe(id);

    assertThat(execution.queryExecutionId()).isEqualTo(id);
    assertThat(execution.status().state()).isEqualTo(QueryExecutionState.RUNNING);
    assertThat(fake.calls(FakeAthena.GET)).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void throttlingTooManyRequestsAndServerErrorsAreRetried() {
    String id = fake.addQuery(FakeAthenaQuery.succeeded());
    fake.failNext(FakeAthena.GET, 1, FakeAthenaFault.throttling());
    fake.failNext(FakeAthena.GET, 1, FakeAthenaFault.tooManyRequests());
    fake.failNext(FakeAthena.GET, 1, FakeAthenaFault.internal());

    QueryExecution execution = waiter.describe(id);

    assertThat(execution.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
    assertThat(fake.calls(FakeAthena.GET)).isEqualTo(4);
    assertThat(time.sleeps())
        .isEqualTo(List.of(Duration.ofMillis(150), Duration.ofMillis(300), Duration.ofMillis(600)));
  }

  @Test
  void pushBackUntilTheRetriesRunOutIsAthenaBusyAndLeavesTheQueryAlone() {
    String id = fake.addQuery(FakeAthenaQuery.builder().running(Duration.ofMinutes(1)).build());
    fake.failNext(FakeAthena.GET, 5, FakeAthenaFault.throttling());

    assertThatThrownBy(() -> waiter.describe(id))
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ThrottledException.Reason.THROTTLED);
              assertThat(e.attempts()).isEqualTo(5);
              assertThat(e.operation()).isEqualTo("GetQueryExecution");
              assertThat(e.code()).isEqualTo(ErrorCode.ATHENA_BUSY);
            });
    assertThat(fake.calls(FakeAthena.GET)).isEqualTo(5);
    assertThat(fake.calls(FakeAthena.STOP)).isZero();
    assertThat(fake.state(id)).isEqualTo("RUNNING");
  }

  @Test
  void anUnknownQueryIsRejectedAtOnce() {
    String id = "00000000-0000-4000-8000-999999999999";

    assertThatThrownBy(() -> waiter.describe(id))
        .isInstanceOfSatisfying(
            QueryFailedException.class,
            e -> {
              assertThat(e.queryExecutionId()).contains(id);
              assertThat(e.getMessage()).contains("was not found");
            });
    assertThat(fake.calls(FakeAthena.GET)).isEqualTo(1);
  }

  @Test
  void aNullIdIsRefused() {
    assertThatThrownBy(() -> waiter.describe(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("queryExecutionId");
  }
}
