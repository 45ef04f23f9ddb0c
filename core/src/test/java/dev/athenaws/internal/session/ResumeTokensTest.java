package dev.athenaws.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.protocol.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeTokensTest {
  private static final byte[] SECRET =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OTHER =
      "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  private static final String QUERY = "a1b2c3d4-5678-90ab-cdef-111111111111";
  private static final String KEY = "ab".repeat(32);

  private static ResumeTokens tokens(byte[] current, List<byte[]> previous, Instant now) {
    return new ResumeTokens(
        current, previous, Duration.ofHours(2), Clock.fixed(now, ZoneOffset.UTC));
  }

  private static ResumeClaims claims(ResumeTokens t, String identity) {
    return new ResumeClaims(
        QUERY, "conn-1", identity, "r1", "events-between", Delivery.LINK, KEY, t.expiryFromNow());
  }

  @Test
  void aSignedTokenChecksBackToItsClaims() {
    ResumeTokens t = tokens(SECRET, List.of(), NOW);
    ResumeClaims c = claims(t, null);

    ResumeClaims back = t.check(t.sign(c), QUERY, null);

    assertThat(back).isEqualTo(c);
    assertThat(back.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
  }

  @Test
  void optionalClaimsMayBeAbsent() {
    ResumeTokens t = tokens(SECRET, List.of(), NOW);
    ResumeClaims c =
        new ResumeClaims(QUERY, "conn-1", null, null, null, Delivery.ROWS, KEY, t.expiryFromNow());

    assertThat(t.check(t.sign(c), QUERY, null)).isEqualTo(c);
  }

  @Test
  void aTokenForAnotherQueryIsRefused() {
    ResumeTokens t = tokens(SECRET, List.of(), NOW);
    String token = t.sign(claims(t, null));

    assertRefused(
        () -> t.check(token, "b1b2c3d4-5678-90ab-cdef-111111111111", null), "another query");
  }

  @Test
  void anExpiredTokenIsRefused() {
    ResumeTokens then = tokens(SECRET, List.of(), NOW);
    String token = then.sign(claims(then, null));
    ResumeTokens later = tokens(SECRET, List.of(), NOW.plus(Duration.ofHours(2)).plusSeconds(1));

    assertRefused(() -> later.check(token, QUERY, null), "expired");
    // Just before the expiry it is still good.
    ResumeTokens before = tokens(SECRET, List.of(), NOW.plus(Duration.ofHours(2)).minusSeconds(1));
    assertThat(before.check(token, QUERY, null).queryExecutionId()).isEqualTo(QUERY);
  }

  @Test
  void aTokenSignedWithAnotherSecretOrAlteredIsRefused() {
    ResumeTokens ours = tokens(SECRET, List.of(), NOW);
    ResumeTokens theirs = tokens(OTHER, List.of(), NOW);
    assertRefused(
        () -> ours.check(theirs.sign(claims(theirs, null)), QUERY, null), "not issued by");

    // Same key id, payload changed (another connection): the signature no longer matches.
    String token = ours.sign(claims(ours, null));
    String[] parts = token.split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("conn-1", "conn-2");
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];
    assertRefused(() -> ours.check(forged, QUERY, null), "not issued by");
  }

  @Test
  void anUnsignedTokenIsRefused() {
    ResumeTokens t = tokens(SECRET, List.of(), NOW);
    String[] parts = t.sign(claims(t, null)).split("\\.");
    String header =
        new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
            .replace("HS256", "none");
    String none =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[1]
            + ".";

    assertRefused(() -> t.check(none, QUERY, null), "not issued by");
  }

  @Test
  void malformedTokensAreRefused() {
    ResumeTokens t = tokens(SECRET, List.of(), NOW);
    for (String bad : List.of("", "abc", "a.b.c", "eyJhbGciOiJIUzI1NiJ9..x", "\u0000")) {
      assertRefused(() -> t.check(bad, QUERY, null), "");
    }
  }

  @Test
  void rotationAcceptsThePreviousSecretAndSignsWithTheCurrent() {
    ResumeTokens old = tokens(OTHER, List.of(), NOW);
    String oldToken = old.sign(claims(old, null));
    ResumeTokens rotated = tokens(SECRET, List.of(OTHER), NOW);

    assertThat(rotated.check(oldToken, QUERY, null).connectionId()).isEqualTo("conn-1");
    String fresh = rotated.sign(claims(rotated, null));
    assertThat(tokens(SECRET, List.of(), NOW).check(fresh, QUERY, null)).isNotNull();
    // Once the previous secret is dropped its tokens are refused.
    assertRefused(
        () -> tokens(SECRET, List.of(), NOW).check(oldToken, QUERY, null), "not issued by");
  }

  @Test
  void aTokenOfAnotherIdentityIsRefused() {
    ResumeTokens t = tokens(SECRET, List.of(), NOW);
    String alices = t.sign(claims(t, "alice"));

    assertThat(t.check(alices, QUERY, "alice").identity()).isEqualTo("alice");
    assertRefused(() -> t.check(alices, QUERY, "bob"), "another user");
    assertRefused(() -> t.check(alices, QUERY, null), "another user");
  }

  @Test
  void shortSecretsAndNonPositiveLifetimesAreRejectedAtConstruction() {
    assertThatThrownBy(() -> tokens(new byte[31], List.of(), NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> tokens(SECRET, List.of(new byte[8]), NOW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResumeTokens(SECRET, List.of(), Duration.ZERO, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTokenCarriesNoSecretAndTheKeyIdDoesNotRevealIt() {
    ResumeTokens t = tokens(SECRET, List.of(), NOW);
    String decoded =
        new String(
            Base64.getUrlDecoder().decode(t.sign(claims(t, null)).split("\\.")[0]),
            StandardCharsets.UTF_8);
    assertThat(decoded).contains("\"kid\"").doesNotContain("0123456789abcdef");
  }

  private static void assertRefused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String why) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            TokenRefused.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
              assertThat(e.field()).isEqualTo("resumeToken");
            })
        .hasMessageContaining(why);
  }
}
