package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import dev.athenaws.retry.Backoff;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FixedRandom;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.GetQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.GetQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.StopQueryExecutionRequest;

/** Decisions of the waiter, with the AthenaClient mocked at the boundary. */
class PollingCompletionWaiterTest {
  private final AthenaClient client = mock(AthenaClient.class);
  private final VirtualTime time = new VirtualTime();
  private final CompletionWaiter waiter =
      CompletionWaiter.builder(client)
          .polling(Backoff.POLLING.withJitter(0))
          .sleeper(time)
          .clock(time)
          .random(new FixedRandom(0))
          .build();

  private static GetQueryExecutionResponse in(String state) {
    return GetQueryExecutionResponse.builder()
        .queryExecution(
            QueryExecution.builder().queryExecutionId("q").status(s -> s.state(state)).build())
        .build();
  }

  private static AthenaException denied() {
    return (AthenaException)
        AthenaException.builder()
            .statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build())
            .build();
  }

  @Test
  void cancelledIsTerminal() {
    when(client.getQueryExecution(any(GetQueryExecutionRequest.class)))
        .thenReturn(in("RUNNING"), in("CANCELLED"), in("RUNNING"));

    QueryOutcome outcome =
        waiter.await(
            "q", Duration.ofMinutes(1), QueryProgressListener.NONE, CancellationSignal.NEVER);

    assertThat(outcome).isInstanceOf(QueryOutcome.Cancelled.class);
    verify(client, times(2)).getQueryExecution(any(GetQueryExecutionRequest.class));
    verify(client, never()).stopQueryExecution(any(StopQueryExecutionRequest.class));
    verifyNoMoreInteractions(client);
  }

  @Test
  void anUnknownStateOrMissingStatusKeepsPolling() {
    GetQueryExecutionResponse noStatus =
        GetQueryExecutionResponse.builder()
            .queryExecution(QueryExecution.builder().build())
            .build();
    when(client.getQueryExecution(any(GetQueryExecutionRequest.class)))
        .thenReturn(noStatus, in("SOMETHING_NEW"), in("SUCCEEDED"));

    QueryOutcome outcome =
        waiter.await(
            "q", Duration.ofMinutes(1), QueryProgressListener.NONE, CancellationSignal.NEVER);

    assertThat(outcome).isInstanceOf(QueryOutcome.Succeeded.class);
    assertThat(outcome.polls()).isEqualTo(3);
  }

  @Test
  void aStopThatFailsStillReportsTheTimeout() {
    when(client.getQueryExecution(any(GetQueryExecutionRequest.class))).thenReturn(in("RUNNING"));
    when(client.stopQueryExecution(any(StopQueryExecutionRequest.class))).thenThrow(denied());

    QueryOutcome outcome =
        waiter.await(
            "q", Duration.ofMillis(250), QueryProgressListener.NONE, CancellationSignal.NEVER);

    assertThat(outcome).isInstanceOf(QueryOutcome.TimedOut.class);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
    verify(client, times(1)).stopQueryExecution(any(StopQueryExecutionRequest.class));
  }

  @Test
  void aPollFailureThatIsNoPushBackIsThrownAfterStopping() {
    when(client.getQueryExecution(any(GetQueryExecutionRequest.class))).thenThrow(denied());

    assertThatThrownBy(
            () ->
                waiter.await(
                    "q",
                    Duration.ofMinutes(1),
                    QueryProgressListener.NONE,
                    CancellationSignal.NEVER))
        .isInstanceOf(AthenaException.class);
    verify(client, times(1)).getQueryExecution(any(GetQueryExecutionRequest.class));
    verify(client, times(1)).stopQueryExecution(any(StopQueryExecutionRequest.class));
  }

  /**
   * An interrupt during a poll, as the SDK reports it: a bare AbortedException, or (when it lands
   * while a response is read, as seen when a Spring Boot service shut down its query pool) an
   * SdkClientException whose cause is the abort.
   */
  static Stream<SdkClientException> interruptsDuringAPoll() {
    return Stream.of(
        AbortedException.create("Thread was interrupted"),
        SdkClientException.create(
            "Unable to unmarshall response (null)",
            AbortedException.create("Thread was interrupted")));
  }

  @ParameterizedTest
  @MethodSource("interruptsDuringAPoll")
  void anInterruptDuringAPollCancelsAndStops(SdkClientException interrupt) {
    when(client.getQueryExecution(any(GetQueryExecutionRequest.class))).thenThrow(interrupt);

    QueryOutcome outcome;
    try {
      outcome =
          waiter.await(
              "q", Duration.ofMinutes(1), QueryProgressListener.NONE, CancellationSignal.NEVER);
    } finally {
      assertThat(Thread.interrupted()).isTrue();
    }

    assertThat(outcome).isEqualTo(new QueryOutcome.Cancelled("q", true, null, QueryStats.EMPTY, 1));
    verify(client, times(1)).getQueryExecution(any(GetQueryExecutionRequest.class));
    verify(client, times(1)).stopQueryExecution(any(StopQueryExecutionRequest.class));
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(
            () ->
                waiter.await(
                    "q", Duration.ZERO, QueryProgressListener.NONE, CancellationSignal.NEVER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("timeout");
    assertThatThrownBy(
            () ->
                waiter.await(
                    null,
                    Duration.ofSeconds(1),
                    QueryProgressListener.NONE,
                    CancellationSignal.NEVER))
        .hasMessage("queryExecutionId");
    assertThatThrownBy(
            () -> waiter.await("q", Duration.ofSeconds(1), null, CancellationSignal.NEVER))
        .hasMessage("listener");
    assertThatThrownBy(
            () -> waiter.await("q", Duration.ofSeconds(1), QueryProgressListener.NONE, null))
        .hasMessage("cancel");
    verifyNoMoreInteractions(client);
  }
}
