package dev.athenaws.local.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Signature Version 2 presigned URLs, as the AWS CLI v1's {@code aws s3 presign} writes them,
 * expire at their {@code Expires} second (they used to be served forever: not recognised as
 * presigned).
 */
class PresignedV2Test {
  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

  @Test
  void aV2UrlWorksUntilItsExpiresSecondThenIsRefused() {
    assertThat(Presigned.checkV2("1800000000", NOW)).isEmpty();
    assertThat(Presigned.checkV2("1800000060", NOW)).isEmpty();
    assertThat(Presigned.checkV2("1799999999", NOW))
        .hasValueSatisfying(
            r -> {
              assertThat(r.status()).isEqualTo(403);
              assertThat(r.code()).isEqualTo("AccessDenied");
              assertThat(r.message()).isEqualTo("Request has expired");
            });
    assertThat(Presigned.checkV2("soon", NOW)).map(Presigned.Refusal::status).contains(403);
  }
}
