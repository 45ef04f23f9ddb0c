package dev.athenaws.lambda.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.retry.VirtualTime;
import java.io.IOException;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JWKS cache: refetched on an unknown kid at most once per interval, bounded. */
class JwksTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  // A new instance, so a new issuer, clock and cache, for every test.
  private final TestIssuer issuer = new TestIssuer();
  private final VirtualTime clock = new VirtualTime(NOW);
  private final JwtVerifier verifier = issuer.verifier(clock, Map.of("JWKS_REFRESH_SECONDS", "60"));

  @Test
  void unknownKidRefetchesOnceThenIsRefusedAndASecondOneWithinTheIntervalDoesNotRefetch()
      throws Refused {
    verifier.verify(issuer.rs256(NOW, b -> b));
    assertThat(issuer.fetches).isEqualTo(1);
    clock.advance(Duration.ofSeconds(60));

    assertThatThrownBy(() -> verifier.verify(issuer.rs256(NOW, b -> b.withKeyId("made-up-1"))))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("unknown kid");
    assertThat(issuer.fetches).as("one refetch for the unknown kid").isEqualTo(2);

    clock.advance(Duration.ofSeconds(30));
    assertThatThrownBy(() -> verifier.verify(issuer.rs256(NOW, b -> b.withKeyId("made-up-2"))))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("unknown kid");
    assertThat(issuer.fetches).as("no refetch within the interval").isEqualTo(2);

    clock.advance(Duration.ofSeconds(30));
    assertThatThrownBy(() -> verifier.verify(issuer.rs256(NOW, b -> b.withKeyId("made-up-3"))))
        .isInstanceOf(Refused.class);
    assertThat(issuer.fetches).as("the interval has passed").isEqualTo(3);
  }

  @Test
  void aRotatedKeyIsFoundByTheRefetch() throws Exception {
    verifier.verify(issuer.rs256(NOW, b -> b));
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    var rotated = gen.generateKeyPair();
    issuer.jwks.add(
        TestIssuer.jwksOf(TestIssuer.rsaJwk("rsa-2", (RSAPublicKey) rotated.getPublic())));
    clock.advance(Duration.ofSeconds(60));
    String token =
        TestIssuer.valid(clock.instant())
            .withKeyId("rsa-2")
            .sign(
                com.auth0.jwt.algorithms.Algorithm.RSA256(
                    (RSAPublicKey) rotated.getPublic(),
                    (java.security.interfaces.RSAPrivateKey) rotated.getPrivate()));
    assertThat(verifier.verify(token).getSubject()).isEqualTo("user-1");
    assertThat(issuer.fetches).isEqualTo(2);
  }

  @Test
  void aWithdrawnKeyStopsWorkingOnceTheCacheIsOlderThanItsMaxAge() throws Exception {
    verifier.verify(issuer.rs256(NOW, b -> b));
    issuer.jwks.add(TestIssuer.jwksOf(issuer.ecJwk()));
    clock.advance(Duration.ofSeconds(3600));
    String token = issuer.rs256(clock.instant(), b -> b);
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("unknown kid");
  }

  @Test
  void aFailedFetchKeepsTheCachedKeys() throws Refused {
    VirtualTime time = new VirtualTime(NOW);
    int[] calls = {0};
    String good = issuer.jwks.get(0);
    JwksFetcher flaky =
        () -> {
          if (calls[0]++ == 0) {
            return good;
          }
          throw new IOException("down");
        };
    Jwks jwks = new Jwks(flaky, time, Duration.ofSeconds(60), Duration.ofSeconds(60), 32);
    assertThat(jwks.find(TestIssuer.RSA_KID)).isNotNull();
    time.advance(Duration.ofSeconds(61));
    assertThat(jwks.find(TestIssuer.RSA_KID)).as("kept after a failed refresh").isNotNull();
    assertThat(calls[0]).isEqualTo(2);
  }

  @Test
  void keysAreBoundedAndOddOnesSkipped() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      many.append(TestIssuer.rsaJwk("k" + i, (RSAPublicKey) issuer.rsa.getPublic())).append(',');
    }
    String set =
        TestIssuer.jwksOf(
            "{\"kty\":\"oct\",\"kid\":\"sym\",\"k\":\"c2VjcmV0\"}",
            "{\"kty\":\"RSA\",\"kid\":\"enc\",\"use\":\"enc\",\"n\":\"AQAB\",\"e\":\"AQAB\"}",
            "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}",
            "{\"kty\":\"EC\",\"kid\":\"bad-curve\",\"crv\":\"P-1\",\"x\":\"AQ\",\"y\":\"AQ\"}",
            many.substring(0, many.length() - 1));
    Map<String, JwkKeys.Jwk> keys = JwkKeys.parse(new ObjectMapper().readTree(set), 32);
    assertThat(keys).hasSize(32).doesNotContainKeys("sym", "enc", "bad-curve");
    assertThat(keys).containsKey("k0").doesNotContainKey("k32");
  }
}
