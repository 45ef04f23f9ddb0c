package dev.athenaws.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.athenaws.AthenaWsException;
import dev.athenaws.ErrorCode;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.notify.ConnectionRef;
import dev.athenaws.query.CompletionWaiter;
import dev.athenaws.query.PageFetcher;
import dev.athenaws.query.QueryStarter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failures of the notifier itself, with mocks of the runner's collaborators. */
class QueryRunnerTest {
  private final QueryStarter starter = mock(QueryStarter.class);
  private final CompletionWaiter waiter = mock(CompletionWaiter.class);
  private final PageFetcher fetcher = mock(PageFetcher.class);
  private final ConnectionNotifier notifier = mock(ConnectionNotifier.class);
  private final QueryRunner runner =
      new QueryRunner(
          starter, waiter, ResultPublisher.builder(notifier, fetcher).build(), Duration.ofMinutes(1));
  private final PublishTarget target =
      new PublishTarget(ConnectionRef.of("c1", "abc123", "eu-west-1", "dev"), "r1", null);

  @Test
  void anUnreachableClientAtAcceptedStopsTheQueryAndEndsTheRunWithoutThrowing() {
    when(starter.start(anyString(), any(), any(), any())).thenReturn("q-1");
    when(notifier.post(any(), any()))
        .thenThrow(new AthenaWsException(ErrorCode.INTERNAL, "endpoint cannot be reached"));

    PublishResult result =
        runner.run(QueryJob.of(target, "m1", "SELECT 1", List.of(), Map.of()), PauseCondition.NEVER);

    assertThat(result).isEqualTo(new PublishResult.Failed(ErrorCode.INTERNAL, false));
    verify(waiter).stop("q-1");
    verify(waiter, never()).await(anyString(), any(), any(), any());
    verifyNoInteractions(fetcher);
  }
}
