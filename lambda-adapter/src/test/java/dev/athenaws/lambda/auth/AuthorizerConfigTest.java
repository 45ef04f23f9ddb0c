package dev.athenaws.lambda.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizerConfigTest {

  @Test
  void defaults() {
    AuthorizerConfig config =
        AuthorizerConfig.fromEnv(
            Map.of(
                "JWT_ISSUER", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc",
                "JWT_AUDIENCE", "client"));
    assertThat(config.jwksUri())
        .isEqualTo(
            URI.create(
                "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc/.well-known/jwks.json"));
    assertThat(config.algorithms()).isEqualTo(Set.of("RS256", "ES256"));
    assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.maxTokenBytes()).isEqualTo(8192);
    assertThat(config.groupsClaim()).isEqualTo("cognito:groups");
    assertThat(config.contextClaims()).isEmpty();
  }

  @Test
  void issuerAndAudienceAreRequired() {
    assertThatThrownBy(() -> AuthorizerConfig.fromEnv(Map.of("JWT_AUDIENCE", "c")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("JWT_ISSUER");
    assertThatThrownBy(() -> AuthorizerConfig.fromEnv(Map.of("JWT_ISSUER", "https://i")))
        .hasMessageContaining("JWT_AUDIENCE");
  }

  @Test
  void symmetricOrUnknownAlgorithmsAndPlainHttpAreRejected() {
    for (String algs : List.of("HS256", "none", "RS256,HS512", ",")) {
      assertThatThrownBy(() -> TestIssuer.config(Map.of("JWT_ALGORITHMS", algs)))
          .as(algs)
          .hasMessageContaining("JWT_ALGORITHMS");
    }
    assertThatThrownBy(() -> TestIssuer.config(Map.of("JWT_JWKS_URL", "http://keys.example.com/j")))
        .hasMessageContaining("JWT_JWKS_URL");
    assertThat(TestIssuer.config(Map.of("JWT_JWKS_URL", "http://127.0.0.1:8080/jwks")).jwksUri())
        .hasHost("127.0.0.1");
    assertThatThrownBy(() -> TestIssuer.config(Map.of("JWT_CONTEXT_CLAIMS", "tenant,sub")))
        .hasMessageContaining("JWT_CONTEXT_CLAIMS");
    assertThatThrownBy(() -> TestIssuer.config(Map.of("JWT_CLOCK_SKEW_SECONDS", "3600")))
        .hasMessageContaining("JWT_CLOCK_SKEW_SECONDS");
  }
}
