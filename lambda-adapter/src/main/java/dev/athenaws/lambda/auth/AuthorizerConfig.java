package dev.athenaws.lambda.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The authorizer's settings, from the environment (docs/configuration.md, Lambda table).
 *
 * @param issuer the exact {@code iss} a token must carry ({@code JWT_ISSUER})
 * @param audience the {@code aud} a token must contain, or, for a token without {@code aud} (a
 *     Cognito access token), its {@code client_id} ({@code JWT_AUDIENCE})
 * @param jwksUri where the issuer's keys are ({@code JWT_JWKS_URL})
 * @param algorithms the allowed {@code alg} values ({@code JWT_ALGORITHMS})
 * @param clockSkew leeway on {@code exp}, {@code nbf} and {@code iat} ({@code
 *     JWT_CLOCK_SKEW_SECONDS})
 * @param maxTokenBytes longer tokens are refused unread ({@code JWT_MAX_TOKEN_BYTES})
 * @param groupsClaim the claim whose values become the context's {@code groups} ({@code
 *     JWT_GROUPS_CLAIM})
 * @param contextClaims string claims copied into the context ({@code JWT_CONTEXT_CLAIMS})
 * @param jwksMinRefresh at most one JWKS fetch per this interval ({@code JWKS_REFRESH_SECONDS})
 * @param jwksMaxAge the cached JWKS is fetched again when older ({@code JWKS_MAX_AGE_SECONDS})
 */
record AuthorizerConfig(
    String issuer,
    String audience,
    URI jwksUri,
    Set<String> algorithms,
    Duration clockSkew,
    int maxTokenBytes,
    String groupsClaim,
    List<String> contextClaims,
    Duration jwksMinRefresh,
    Duration jwksMaxAge) {

  /** What {@code JWT_ALGORITHMS} may name: asymmetric signatures only, never HS* or none. */
  static final Set<String> SUPPORTED = Set.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512");

  /** At most this many keys of the issuer's set are kept. */
  static final int MAX_KEYS = 32;

  AuthorizerConfig {
    algorithms = Set.copyOf(algorithms);
    contextClaims = List.copyOf(contextClaims);
  }

  /**
   * @param env the environment
   * @return the settings
   * @throws IllegalStateException naming the variable at fault (never echoing its value)
   */
  static AuthorizerConfig fromEnv(Map<String, String> env) {
    Env e = new Env(env);
    String issuer = e.required("JWT_ISSUER");
    String audience = e.required("JWT_AUDIENCE");
    String jwks = e.text("JWT_JWKS_URL", stripSlash(issuer) + "/.well-known/jwks.json");
    URI jwksUri;
    try {
      jwksUri = HttpJwksFetcher.checked(URI.create(jwks));
    } catch (IllegalArgumentException ex) {
      throw e.invalid("JWT_JWKS_URL", "must be an https URL (http only for localhost)");
    }
    Set<String> algorithms = new LinkedHashSet<>(e.list("JWT_ALGORITHMS", "RS256,ES256"));
    if (algorithms.isEmpty() || !SUPPORTED.containsAll(algorithms)) {
      throw e.invalid("JWT_ALGORITHMS", "must list some of " + String.join(",", sorted(SUPPORTED)));
    }
    List<String> claims = e.list("JWT_CONTEXT_CLAIMS", "");
    if (claims.contains("sub") || claims.contains("groups")) {
      throw e.invalid("JWT_CONTEXT_CLAIMS", "must not name sub or groups (always in the context)");
    }
    return new AuthorizerConfig(
        issuer,
        audience,
        jwksUri,
        algorithms,
        Duration.ofSeconds(e.number("JWT_CLOCK_SKEW_SECONDS", 60, 0, 300)),
        (int) e.number("JWT_MAX_TOKEN_BYTES", 8192, 1024, 16384),
        e.text("JWT_GROUPS_CLAIM", "cognito:groups"),
        claims,
        Duration.ofSeconds(e.number("JWKS_REFRESH_SECONDS", 60, 1, 3600)),
        Duration.ofSeconds(e.number("JWKS_MAX_AGE_SECONDS", 3600, 60, 86400)));
  }

  private static String stripSlash(String issuer) {
    return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }

  /** Blank counts as unset; failures name the variable, never its value. */
  private record Env(Map<String, String> env) {
    String text(String name, String fallback) {
      String value = env.get(name);
      return value == null || value.isBlank() ? fallback : value.strip();
    }

    String required(String name) {
      String value = text(name, null);
      if (value == null) {
        throw new IllegalStateException(name + " is required by the $connect authorizer");
      }
      return value;
    }

    List<String> list(String name, String fallback) {
      return Arrays.stream(text(name, fallback).split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .distinct()
          .toList();
    }

    long number(String name, long fallback, long min, long max) {
      String value = text(name, null);
      if (value == null) {
        return fallback;
      }
      try {
        long n = Long.parseLong(value);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw invalid(name, "must be a whole number from " + min + " to " + max);
    }

    IllegalStateException invalid(String name, String rule) {
      return new IllegalStateException(name + " is invalid: it " + rule);
    }
  }
}
