package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserSafeMessageTest {
  @Test
  void keepsTheUsefulPartAndRedactsLocations() {
    String athena =
        "Access denied when writing output to url: s3://acme-prod-results/athena/abc.csv. "
            + "Role arn:aws:iam::123456789012:role/athena-ws lacks s3:PutObject";

    String safe = UserSafeMessage.of(athena, "fallback");

    assertThat(safe)
        .startsWith("Access denied when writing output to url: s3://<redacted>")
        .doesNotContain("acme-prod-results")
        .doesNotContain("123456789012")
        .contains("<arn redacted>");
  }

  @Test
  void replacesControlCharactersAndCapsTheLength() {
    assertThat(UserSafeMessage.of("a\u0000b\tc", "f")).isEqualTo("a b c");
    assertThat(UserSafeMessage.of("x".repeat(2000), "f"))
        .hasSize(UserSafeMessage.MAX_LENGTH)
        .endsWith("...");
  }

  @Test
  void usesTheFallbackForNothing() {
    assertThat(UserSafeMessage.of(null, "f")).isEqualTo("f");
    assertThat(UserSafeMessage.of("  ", "f")).isEqualTo("f");
  }
}
