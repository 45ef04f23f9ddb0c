package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.error.ThrottledException.Reason;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.InternalServerException;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.ThrottleReason;
import software.amazon.awssdk.services.athena.model.TooManyRequestsException;

class PushBackTest {
  private static AthenaException withCode(String code, int status) {
    return (AthenaException)
        AthenaException.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .build();
  }

  @Test
  void theConcurrencyLimitIsItsOwnReason() {
    assertThat(
            PushBack.of(
                TooManyRequestsException.builder()
                    .statusCode(400)
                    .reason(ThrottleReason.CONCURRENT_QUERY_LIMIT_EXCEEDED)
                    .build()))
        .isEqualTo(Reason.CONCURRENT_QUERY_LIMIT);
    assertThat(PushBack.of(TooManyRequestsException.builder().statusCode(400).build()))
        .isEqualTo(Reason.THROTTLED);
  }

  @Test
  void rateLimitsAndServerErrorsArePushBacks() {
    assertThat(PushBack.of(withCode("ThrottlingException", 400))).isEqualTo(Reason.THROTTLED);
    assertThat(PushBack.of(withCode("SomethingElse", 429))).isEqualTo(Reason.THROTTLED);
    assertThat(PushBack.of(withCode("ServiceUnavailable", 503))).isEqualTo(Reason.SERVER_ERROR);
    assertThat(PushBack.of(InternalServerException.builder().statusCode(500).build()))
        .isEqualTo(Reason.SERVER_ERROR);
  }

  @Test
  void otherFailuresAreNot() {
    assertThat(PushBack.of(InvalidRequestException.builder().statusCode(400).build())).isNull();
    assertThat(PushBack.of(withCode("AccessDeniedException", 400))).isNull();
    assertThat(PushBack.of(SdkClientException.create("no region configured"))).isNull();
    assertThat(PushBack.of(withCode("NotImplemented", 501))).isNull();
    // Clock skew: the SDK retries it after correcting its clock offset; this loop cannot.
    assertThat(PushBack.of(withCode("RequestTimeTooSkewed", 403))).isNull();
  }

  @Test
  void clientSideFailuresTheSdkCallsRetryableAreNetworkFailures() {
    assertThat(
            PushBack.of(
                SdkClientException.create(
                    "Unable to execute HTTP request", new SocketException("Connection reset"))))
        .isEqualTo(Reason.NETWORK);
    assertThat(
            PushBack.of(
                SdkClientException.create(
                    "Unable to execute HTTP request", new ConnectException("Connection refused"))))
        .isEqualTo(Reason.NETWORK);
    assertThat(
            PushBack.of(
                SdkClientException.create(
                    "wrapped",
                    new UncheckedIOException(new SocketTimeoutException("Read timed out")))))
        .isEqualTo(Reason.NETWORK);
    assertThat(PushBack.of(ApiCallAttemptTimeoutException.create(5000))).isEqualTo(Reason.NETWORK);
    assertThat(PushBack.of(withCode("RequestTimeoutException", 400)))
        .isEqualTo(Reason.SERVER_ERROR);
  }

  @Test
  void anInterruptIsACancellationAndNeverRetried() {
    assertThat(
            PushBack.of(
                AbortedException.create("Thread was interrupted", new InterruptedIOException())))
        .isNull();
    Thread.currentThread().interrupt();
    try {
      assertThat(PushBack.of(SdkClientException.create("x", new SocketException("reset"))))
          .isNull();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void theSdksOwnAttemptsCountTowardsTheBound() {
    SdkClientException thrice =
        (SdkClientException)
            SdkClientException.builder()
                .message("reset")
                .cause(new SocketException("reset"))
                .numAttempts(3)
                .build();
    assertThat(PushBack.attempts(thrice)).isEqualTo(3);
    assertThat(PushBack.attempts(SdkClientException.create("reset"))).isEqualTo(1);
  }
}
