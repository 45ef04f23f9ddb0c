package dev.athenaws.cdk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code $connect} authorizer's settings, from CDK context: {@code authIssuer} and {@code
 * authAudience} turn it on (both or neither), {@code authJwksUrl}, {@code authClaims} and {@code
 * authGroupsClaim} refine it. Each becomes one of the authorizer handler's variables (docs/
 * configuration.md, {@code JWT_*}).
 *
 * <p>Immutable; thread-safe.
 *
 * @param issuer {@code JWT_ISSUER}: the exact {@code iss}, an {@code https://} URL
 * @param audience {@code JWT_AUDIENCE}: the app client id (Cognito) or the API's audience
 * @param jwksUrl {@code JWT_JWKS_URL}, when not {@code <issuer>/.well-known/jwks.json}
 * @param claims {@code JWT_CONTEXT_CLAIMS}: comma-separated claims passed to the routes
 * @param groupsClaim {@code JWT_GROUPS_CLAIM}, when not {@code cognito:groups}
 */
public record AuthSettings(
    String issuer,
    String audience,
    Optional<String> jwksUrl,
    Optional<String> claims,
    Optional<String> groupsClaim) {

  private static final Pattern HTTPS = Pattern.compile("https://[^\\s]{1,2040}");
  private static final Pattern CLAIMS = Pattern.compile("[^\\s,]+(,[^\\s,]+)*");
  private static final Pattern CLAIM = Pattern.compile("[^\\s,]{1,256}");

  /**
   * Validates every field.
   *
   * @throws NullPointerException when a field is null
   * @throws IllegalArgumentException when a value is malformed, naming its context key
   */
  public AuthSettings {
    Objects.requireNonNull(issuer, "authIssuer");
    Objects.requireNonNull(audience, "authAudience");
    Objects.requireNonNull(jwksUrl, "authJwksUrl");
    Objects.requireNonNull(claims, "authClaims");
    Objects.requireNonNull(groupsClaim, "authGroupsClaim");
    StackSettings.check("authIssuer", issuer, HTTPS);
    if (audience.isBlank()) {
      throw new IllegalArgumentException("authAudience: blank");
    }
    jwksUrl.ifPresent(u -> StackSettings.check("authJwksUrl", u, HTTPS));
    claims.ifPresent(c -> StackSettings.check("authClaims", c, CLAIMS));
    groupsClaim.ifPresent(g -> StackSettings.check("authGroupsClaim", g, CLAIM));
  }

  /**
   * Reads the settings from a context lookup.
   *
   * @param text returns the trimmed value of a context key, empty when it is not set
   * @return the settings when {@code authIssuer} and {@code authAudience} are set, else empty
   * @throws IllegalArgumentException when only one of them is set, when a refining key is set
   *     without them, or when a value is malformed
   */
  static Optional<AuthSettings> fromContext(Function<String, Optional<String>> text) {
    Optional<String> issuer = text.apply("authIssuer");
    Optional<String> audience = text.apply("authAudience");
    Optional<String> jwksUrl = text.apply("authJwksUrl");
    Optional<String> claims = text.apply("authClaims");
    Optional<String> groupsClaim = text.apply("authGroupsClaim");
    if (issuer.isEmpty() && audience.isEmpty()) {
      for (String key : new String[] {"authJwksUrl", "authClaims", "authGroupsClaim"}) {
        if (text.apply(key).isPresent()) {
          throw new IllegalArgumentException(key + ": needs authIssuer and authAudience");
        }
      }
      return Optional.empty();
    }
    if (issuer.isEmpty() || audience.isEmpty()) {
      throw new IllegalArgumentException(
          (issuer.isEmpty() ? "authIssuer" : "authAudience")
              + ": missing; authIssuer and authAudience are set together");
    }
    return Optional.of(
        new AuthSettings(issuer.get(), audience.get(), jwksUrl, claims, groupsClaim));
  }

  /**
   * @return the authorizer handler's environment
   */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JWT_ISSUER", issuer);
    env.put("JWT_AUDIENCE", audience);
    jwksUrl.ifPresent(u -> env.put("JWT_JWKS_URL", u));
    claims.ifPresent(c -> env.put("JWT_CONTEXT_CLAIMS", c));
    groupsClaim.ifPresent(g -> env.put("JWT_GROUPS_CLAIM", g));
    return env;
  }
}
