package dev.athenaws.lambda.sfn;

import static dev.athenaws.lambda.sfn.Fixtures.ARN;
import static dev.athenaws.lambda.sfn.Fixtures.connection;
import static dev.athenaws.lambda.sfn.Fixtures.key;
import static dev.athenaws.lambda.sfn.Fixtures.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.retry.RetryPolicy;
import dev.athenaws.retry.VirtualTime;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.KmsThrottlingException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/** The starter's decisions, with the SDK client mocked at its boundary. */
class SfnStarterTest {
  private static final String EXECUTION =
      "arn:aws:states:us-east-1:123456789012:execution:athena-ws:" + key().executionName();

  private final SfnClient client = mock(SfnClient.class);
  private final VirtualTime time = new VirtualTime();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  private StepFunctionsStarter starter(int maxAttempts) {
    return StepFunctionsStarter.builder(client)
        .stateMachineArn(ARN)
        .retry(RetryPolicy.THROTTLING.withMaxAttempts(maxAttempts))
        .sleeper(time)
        .random(() -> 0L)
        .build();
  }

  private String start() {
    return starter(3).start(connection(), "r-1", named(), key());
  }

  private static SfnException error(int status, String code) {
    return (SfnException)
        SfnException.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .message(code)
            .build();
  }

  private static StartExecutionResponse ok() {
    return StartExecutionResponse.builder().executionArn(EXECUTION).build();
  }

  @Test
  void startsWithTheKeyAsNameAndTheDocumentedInput() {
    when(client.startExecution(any(StartExecutionRequest.class))).thenReturn(ok());
    assertThat(start()).isEqualTo(EXECUTION);
    ArgumentCaptor<StartExecutionRequest> request =
        ArgumentCaptor.forClass(StartExecutionRequest.class);
    verify(client).startExecution(request.capture());
    assertThat(request.getValue().stateMachineArn()).isEqualTo(ARN);
    assertThat(request.getValue().name()).isEqualTo(key().executionName());
    assertThat(request.getValue().input())
        .isEqualTo(ExecutionInput.of(connection(), "r-1", named(), key()));
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void throttlingFiveHundredsAndNetworkFailuresAreRetriedWithBackoff() {
    when(client.startExecution(any(StartExecutionRequest.class)))
        .thenThrow(error(400, "ThrottlingException"))
        .thenThrow(error(503, "ServiceUnavailable"))
        .thenThrow(SdkClientException.create("connection reset"))
        .thenThrow(KmsThrottlingException.builder().statusCode(400).build())
        .thenReturn(ok());
    String arn = starter(5).start(connection(), "r-1", named(), key());
    assertThat(arn).isEqualTo(EXECUTION);
    verify(client, times(5)).startExecution(any(StartExecutionRequest.class));
    assertThat(time.sleeps())
        .containsExactly(
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(800),
            Duration.ofMillis(1600));
  }

  @Test
  void persistentThrottlingEndsThrottledWithTheCause() {
    SfnException last = error(400, "ThrottlingException");
    when(client.startExecution(any(StartExecutionRequest.class)))
        .thenThrow(error(400, "ThrottlingException"), error(400, "ThrottlingException"), last);
    assertThatThrownBy(this::start)
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.ATHENA_BUSY);
              assertThat(e.reason()).isEqualTo(ThrottledException.Reason.THROTTLED);
              assertThat(e).hasMessage("Step Functions is throttling; try again").hasCause(last);
            });
    verify(client, times(3)).startExecution(any(StartExecutionRequest.class));
    assertThat(time.sleeps()).hasSize(2);
  }

  @Test
  void anUnreachableStepFunctionsEndsThrottledNetwork() {
    when(client.startExecution(any(StartExecutionRequest.class)))
        .thenThrow(SdkClientException.create("connection refused"));
    assertThatThrownBy(this::start)
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ThrottledException.Reason.NETWORK);
              assertThat(e.service()).isEqualTo(ThrottledException.Service.STEP_FUNCTIONS);
            })
        .hasMessage("Step Functions could not be reached; try again");
    verify(client, times(3)).startExecution(any(StartExecutionRequest.class));
  }

  @Test
  void defaultBoundIsFiveCalls() {
    when(client.startExecution(any(StartExecutionRequest.class)))
        .thenThrow(error(500, "InternalFailure"));
    StepFunctionsStarter starter =
        StepFunctionsStarter.builder(client).stateMachineArn(ARN).sleeper(time).build();
    assertThatThrownBy(() -> starter.start(connection(), null, named(), key()))
        .isInstanceOf(AthenaWsException.class);
    verify(client, times(RetryPolicy.DEFAULT_MAX_ATTEMPTS))
        .startExecution(any(StartExecutionRequest.class));
    assertThat(RetryPolicy.DEFAULT_MAX_ATTEMPTS).isEqualTo(5);
  }

  @Test
  void persistentServerErrorsEndThrottledUnavailable() {
    when(client.startExecution(any(StartExecutionRequest.class)))
        .thenThrow(error(500, "InternalFailure"));
    assertThatThrownBy(this::start)
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> assertThat(e.reason()).isEqualTo(ThrottledException.Reason.SERVER_ERROR))
        .hasMessage("Step Functions is unavailable; try again");
    verify(client, times(3)).startExecution(any(StartExecutionRequest.class));
  }

  @Test
  void configurationErrorsAreInternalAndNotRetried() {
    SfnException denied = error(400, "AccessDeniedException");
    when(client.startExecution(any(StartExecutionRequest.class))).thenThrow(denied);
    assertThatThrownBy(this::start)
        .isInstanceOfSatisfying(
            AthenaWsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
              assertThat(e)
                  .hasMessage("cannot start state machine " + ARN + " (AccessDeniedException)")
                  .hasCause(denied);
            });
    verify(client, times(1)).startExecution(any(StartExecutionRequest.class));
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void existingExecutionWithAnotherInputIsBadRequest() {
    when(client.startExecution(any(StartExecutionRequest.class)))
        .thenThrow(ExecutionAlreadyExistsException.builder().statusCode(400).build());
    when(client.describeExecution(any(DescribeExecutionRequest.class)))
        .thenReturn(
            DescribeExecutionResponse.builder().executionArn(EXECUTION).input("{}").build());
    assertThatThrownBy(this::start)
        .isInstanceOfSatisfying(
            AthenaWsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
              assertThat(e)
                  .hasMessage("request id reused for a different query")
                  .hasCauseInstanceOf(ExecutionAlreadyExistsException.class);
            });
    ArgumentCaptor<DescribeExecutionRequest> describe =
        ArgumentCaptor.forClass(DescribeExecutionRequest.class);
    verify(client).describeExecution(describe.capture());
    assertThat(describe.getValue().executionArn()).isEqualTo(EXECUTION);
  }

  @Test
  void aRequestAnsweredTooOftenIsRefusedClearly() {
    when(client.startExecution(any(StartExecutionRequest.class)))
        .thenThrow(ExecutionAlreadyExistsException.builder().statusCode(400).build());
    when(client.describeExecution(any(DescribeExecutionRequest.class)))
        .thenReturn(
            DescribeExecutionResponse.builder()
                .executionArn(EXECUTION)
                .input(ExecutionInput.of(connection(), "r-1", named(), key()))
                .status("SUCCEEDED")
                .build());
    assertThatThrownBy(this::start)
        .isInstanceOfSatisfying(
            AthenaWsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
              assertThat(e).hasMessage(SfnStarter.REPEATED);
            });
    ArgumentCaptor<StartExecutionRequest> starts =
        ArgumentCaptor.forClass(StartExecutionRequest.class);
    verify(client, times(SfnStarter.MAX_REPLAYS + 1)).startExecution(starts.capture());
    assertThat(starts.getAllValues().get(SfnStarter.MAX_REPLAYS).name())
        .isEqualTo(key().executionName() + "-" + SfnStarter.MAX_REPLAYS)
        .hasSizeLessThanOrEqualTo(80);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void unreadableExistingExecutionIsTreatedAsReuse() {
    SfnException denied = error(400, "AccessDeniedException");
    when(client.startExecution(any(StartExecutionRequest.class)))
        .thenThrow(ExecutionAlreadyExistsException.builder().statusCode(400).build());
    when(client.describeExecution(any(DescribeExecutionRequest.class))).thenThrow(denied);
    assertThatThrownBy(this::start)
        .isInstanceOfSatisfying(
            AthenaWsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
              assertThat(e.getCause().getSuppressed()).containsExactly(denied);
            });
  }

  @Test
  void interruptionStopsRetrying() {
    when(client.startExecution(any(StartExecutionRequest.class)))
        .thenThrow(error(400, "ThrottlingException"));
    StepFunctionsStarter starter =
        StepFunctionsStarter.builder(client)
            .stateMachineArn(ARN)
            .sleeper(
                d -> {
                  throw new InterruptedException();
                })
            .build();
    assertThatThrownBy(() -> starter.start(connection(), "r-1", named(), key()))
        .isInstanceOfSatisfying(
            AthenaWsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_CANCELLED))
        .hasMessageStartingWith("Interrupted while starting");
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
    verify(client, times(1)).startExecution(any(StartExecutionRequest.class));
  }

  @Test
  void abortedCallIsNotRetried() {
    when(client.startExecution(any(StartExecutionRequest.class)))
        .thenThrow(AbortedException.create("aborted"));
    assertThatThrownBy(this::start)
        .isInstanceOfSatisfying(
            AthenaWsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_CANCELLED))
        .hasCauseInstanceOf(AbortedException.class);
    verify(client, times(1)).startExecution(any(StartExecutionRequest.class));
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void nullArgumentsAreRejectedBeforeAnyCall() {
    StepFunctionsStarter starter = starter(3);
    assertThatThrownBy(() -> starter.start(null, "r", named(), key()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("connection");
    assertThatThrownBy(() -> starter.start(connection(), "r", null, key()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("query");
    assertThatThrownBy(() -> starter.start(connection(), "r", named(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("key");
    verify(client, never()).startExecution(any(StartExecutionRequest.class));
  }
}
