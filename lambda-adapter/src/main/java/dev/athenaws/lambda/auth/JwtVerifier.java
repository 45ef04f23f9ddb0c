package dev.athenaws.lambda.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Verifies a bearer JWT: size, {@code alg} in the allow-list (asymmetric only, so neither {@code
 * none} nor an HMAC signed with the public key can pass), {@code kid} present and in the issuer's
 * JWKS, the key's type (and the JWK's own {@code alg}, when it names one) matching {@code alg}, the
 * signature, {@code iss}, {@code aud} (or {@code client_id} when there is no {@code aud}), {@code
 * exp} present and not past, {@code nbf} and {@code iat} not in the future (all times with the
 * configured leeway) and a non-blank {@code sub}. Signature and time checks are java-jwt's.
 *
 * <p>Thread-safety: thread-safe. {@link #verify} throws {@link Refused} with a reason that names
 * the failed check, never the token or a claim value.
 */
final class JwtVerifier {
  private final AuthorizerConfig config;
  private final Jwks jwks;
  private final Clock clock;

  JwtVerifier(AuthorizerConfig config, Jwks jwks, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.jwks = Objects.requireNonNull(jwks, "jwks");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  DecodedJWT verify(String token) throws Refused {
    if (token == null || token.isBlank()) {
      throw new Refused("no token");
    }
    if (token.getBytes(StandardCharsets.UTF_8).length > config.maxTokenBytes()) {
      throw new Refused("token larger than " + config.maxTokenBytes() + " bytes");
    }
    DecodedJWT unverified;
    try {
      unverified = JWT.decode(token);
    } catch (JWTDecodeException e) {
      throw new Refused("malformed token");
    }
    String alg = unverified.getAlgorithm();
    if (alg == null || !config.algorithms().contains(alg)) {
      throw new Refused("algorithm not allowed");
    }
    String kid = unverified.getKeyId();
    if (kid == null || kid.isBlank()) {
      throw new Refused("no kid");
    }
    JwkKeys.Jwk jwk = jwks.find(kid);
    if (jwk == null) {
      throw new Refused("unknown kid");
    }
    if (jwk.alg() != null && !jwk.alg().equals(alg)) {
      throw new Refused("key is for another algorithm");
    }
    DecodedJWT verified;
    try {
      // BaseVerification is what JWT.require returns; its build(Clock) makes the clock injectable.
      JWTVerifier.BaseVerification verification =
          (JWTVerifier.BaseVerification)
              JWT.require(algorithm(alg, jwk.key()))
                  .withIssuer(config.issuer())
                  .acceptLeeway(config.clockSkew().toSeconds());
      verified = verification.build(clock).verify(token);
    } catch (TokenExpiredException e) {
      throw new Refused("expired");
    } catch (IncorrectClaimException e) {
      throw new Refused("claim " + e.getClaimName() + " rejected");
    } catch (SignatureVerificationException | AlgorithmMismatchException e) {
      throw new Refused("bad signature");
    } catch (JWTVerificationException e) {
      throw new Refused("not verifiable: " + e.getClass().getSimpleName());
    }
    if (verified.getExpiresAt() == null) {
      throw new Refused("no exp");
    }
    if (!audienceMatches(verified)) {
      throw new Refused("wrong audience");
    }
    if (verified.getSubject() == null || verified.getSubject().isBlank()) {
      throw new Refused("no sub");
    }
    return verified;
  }

  private boolean audienceMatches(DecodedJWT jwt) {
    List<String> aud = jwt.getAudience();
    if (aud != null && !aud.isEmpty()) {
      return aud.contains(config.audience());
    }
    // A Cognito access token has no aud; its app client id is client_id.
    Claim clientId = jwt.getClaim("client_id");
    return config.audience().equals(clientId.asString());
  }

  private static Algorithm algorithm(String alg, PublicKey key) throws Refused {
    if (alg.startsWith("RS") && key instanceof RSAPublicKey rsa) {
      return switch (alg) {
        case "RS256" -> Algorithm.RSA256(rsa, null);
        case "RS384" -> Algorithm.RSA384(rsa, null);
        default -> Algorithm.RSA512(rsa, null);
      };
    }
    if (alg.startsWith("ES") && key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      switch (alg) {
        case "ES256":
          if (bits == 256) {
            return Algorithm.ECDSA256(ec, null);
          }
          break;
        case "ES384":
          if (bits == 384) {
            return Algorithm.ECDSA384(ec, null);
          }
          break;
        default:
          if (bits == 521) {
            return Algorithm.ECDSA512(ec, null);
          }
      }
    }
    throw new Refused("key type does not match the algorithm");
  }
}
