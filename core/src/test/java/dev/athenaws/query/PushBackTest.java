package dev.athenaws.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.query.AthenaBusyException.Reason;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
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
    assertThat(PushBack.of(SdkClientException.create("connection reset"))).isNull();
  }
}
