package dev.athenaws.lambda.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.algorithms.Algorithm;
import dev.athenaws.retry.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hostile and valid tokens against the verifier, with a local key pair and a fake JWKS. */
class JwtVerifierTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private TestIssuer issuer;
  private VirtualTime clock;
  private JwtVerifier verifier;

  @BeforeEach
  void setUp() throws Exception {
    issuer = new TestIssuer();
    clock = new VirtualTime(NOW);
    verifier = verifier(Map.of());
  }

  private JwtVerifier verifier(Map<String, String> env) {
    return issuer.verifier(clock, env);
  }

  private void assertRefused(String token, String reason) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(Refused.class)
        .hasMessageContaining(reason);
  }

  @Test
  void validRs256AndEs256TokensPass() throws Refused {
    assertThat(verifier.verify(issuer.rs256(NOW, b -> b)).getSubject()).isEqualTo("user-1");
    assertThat(verifier.verify(issuer.es256(NOW, b -> b)).getSubject()).isEqualTo("user-1");
  }

  @Test
  void noTokenOrEmptyIsRefused() {
    assertRefused(null, "no token");
    assertRefused("", "no token");
    assertRefused("   ", "no token");
  }

  @Test
  void garbageIsRefused() {
    assertRefused("garbage", "malformed");
    assertRefused("a.b.c", "malformed");
    assertRefused("..", "malformed");
    assertRefused(TestIssuer.b64("{\"alg\":\"RS256\"") + ".e30.", "malformed");
  }

  @Test
  void algNoneIsRefused() {
    String payload = TestIssuer.forgedPayload(NOW);
    assertRefused(
        TestIssuer.unsigned("{\"alg\":\"none\",\"kid\":\"rsa-1\"}", payload), "algorithm");
    assertRefused(
        TestIssuer.unsigned("{\"alg\":\"None\",\"kid\":\"rsa-1\"}", payload), "algorithm");
    assertRefused(TestIssuer.unsigned("{\"kid\":\"rsa-1\"}", payload), "algorithm");
  }

  @Test
  void hs256SignedWithThePublicKeyIsRefused() {
    // Key confusion: an HMAC "signed" with the issuer's public key, which anyone can fetch.
    String token =
        TestIssuer.valid(NOW)
            .withKeyId(TestIssuer.RSA_KID)
            .sign(Algorithm.HMAC256(issuer.rsa.getPublic().getEncoded()));
    assertRefused(token, "algorithm not allowed");
  }

  @Test
  void algorithmNotMatchingTheKeyIsRefused() {
    // Header says RS256 but names the EC key: refused before any signature check.
    String es = issuer.es256(NOW, b -> b);
    String[] parts = es.split("\\.");
    String header = TestIssuer.b64("{\"alg\":\"RS256\",\"kid\":\"ec-1\",\"typ\":\"JWT\"}");
    assertRefused(header + "." + parts[1] + "." + parts[2], "key type");
  }

  @Test
  void tamperedPayloadIsRefused() {
    String[] parts = issuer.rs256(NOW, b -> b).split("\\.");
    String payload = TestIssuer.forgedPayload(NOW);
    assertRefused(parts[0] + "." + TestIssuer.b64(payload) + "." + parts[2], "bad signature");
  }

  @Test
  void missingKidIsRefused() {
    assertRefused(issuer.rs256(NOW, b -> b.withKeyId(null)), "no kid");
  }

  @Test
  void wrongIssuerIsRefused() {
    assertRefused(issuer.rs256(NOW, b -> b.withIssuer("https://evil.example.com")), "iss");
    assertRefused(issuer.rs256(NOW, b -> b.withIssuer(null)), "iss");
  }

  @Test
  void wrongAudienceIsRefused() {
    assertRefused(issuer.rs256(NOW, b -> b.withAudience("other-client")), "audience");
    assertRefused(issuer.rs256(NOW, b -> b.withAudience((String[]) null)), "audience");
  }

  @Test
  void cognitoAccessTokenMatchesOnClientIdWhenThereIsNoAud() throws Refused {
    String access =
        issuer.rs256(
            NOW, b -> b.withAudience((String[]) null).withClaim("client_id", "client-123"));
    assertThat(verifier.verify(access).getSubject()).isEqualTo("user-1");
    assertRefused(
        issuer.rs256(NOW, b -> b.withAudience((String[]) null).withClaim("client_id", "x")),
        "audience");
  }

  @Test
  void expiredIsRefusedBeyondTheClockSkew() throws Refused {
    String token = issuer.rs256(NOW, b -> b.withExpiresAt(NOW.plusSeconds(10)));
    clock.advance(Duration.ofSeconds(69));
    assertThat(verifier.verify(token).getSubject()).isEqualTo("user-1");
    clock.advance(Duration.ofSeconds(2));
    assertRefused(token, "expired");
  }

  @Test
  void tokenWithoutExpiryIsRefused() {
    assertRefused(issuer.rs256(NOW, b -> b.withExpiresAt((Instant) null)), "no exp");
  }

  @Test
  void notYetValidIsRefusedBeyondTheClockSkew() throws Refused {
    assertRefused(issuer.rs256(NOW, b -> b.withNotBefore(NOW.plusSeconds(61))), "nbf");
    assertRefused(issuer.rs256(NOW, b -> b.withIssuedAt(NOW.plusSeconds(61))), "iat");
    assertThat(verifier.verify(issuer.rs256(NOW, b -> b.withNotBefore(NOW.plusSeconds(59)))))
        .isNotNull();
  }

  @Test
  void oversizedIsRefusedUnread() {
    String big = issuer.rs256(NOW, b -> b.withClaim("pad", "x".repeat(9000)));
    int fetchesBefore = issuer.fetches;
    assertRefused(big, "larger than 8192");
    assertThat(issuer.fetches).as("no JWKS fetch for an oversized token").isEqualTo(fetchesBefore);
  }

  @Test
  void missingSubjectIsRefused() {
    assertRefused(issuer.rs256(NOW, b -> b.withSubject(null)), "no sub");
  }

  @Test
  void algorithmsOutsideTheConfiguredListAreRefused() {
    verifier = verifier(Map.of("JWT_ALGORITHMS", "RS256"));
    assertRefused(issuer.es256(NOW, b -> b), "algorithm not allowed");
  }
}
