package dev.athenaws.internal.session;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.protocol.Delivery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs and checks resume tokens: compact JWS (RFC 7515) with HMAC-SHA256 (RFC 7518 {@code HS256})
 * over the {@link ResumeClaims}, made and read with Auth0's java-jwt. The token is the proof: no
 * database is needed to check it, and everything the server needs to continue the query travels in
 * it (signed, not encrypted: it holds ids only, never parameters or rows).
 *
 * <p>Rotation: tokens are signed with the current secret, and checked against the current and the
 * previous ones; the header's {@code kid} (a hash prefix of the secret, never the secret) picks the
 * key. To rotate, deploy the new secret as current and the old one as previous; after the token
 * lifetime the previous one can go.
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * <p>Exceptions: the constructor throws {@link IllegalArgumentException} for a secret shorter than
 * {@link #MIN_SECRET_BYTES} or a lifetime that is not positive; {@link #check} throws {@link
 * TokenRefused} ({@link ErrorCode#INVALID_TOKEN}) for every token it does not accept.
 */
public final class ResumeTokens {
  /** HS256 needs a key at least as long as the hash (RFC 7518, 3.2): 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;

  /** The default lifetime: 2 hours, the longest an API Gateway WebSocket connection lives. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(2);

  private static final String ISSUER = "athena-ws";
  private static final String AUDIENCE = "athena-ws/resume";

  private final Key current;
  private final Map<String, Key> keys = new LinkedHashMap<>();
  private final Duration ttl;
  private final Clock clock;

  private record Key(String id, Algorithm algorithm) {}

  /**
   * @param current the secret new tokens are signed with (at least 32 bytes), not null
   * @param previous secrets whose tokens are still accepted (rotation), not null, may be empty
   * @param ttl how long a token is accepted, positive
   * @param clock the time tokens are made and checked at, not null
   * @throws IllegalArgumentException if a secret is too short or the lifetime not positive
   */
  public ResumeTokens(byte[] current, List<byte[]> previous, Duration ttl, Clock clock) {
    this.current = key(Objects.requireNonNull(current, "current"));
    keys.put(this.current.id(), this.current);
    for (byte[] p : Objects.requireNonNull(previous, "previous")) {
      Key k = key(p);
      keys.putIfAbsent(k.id(), k);
    }
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("the token lifetime must be positive: " + ttl);
    }
    this.ttl = ttl;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @return how long a token is accepted
   */
  public Duration ttl() {
    return ttl;
  }

  /**
   * @return when a token made now expires
   */
  public Instant expiryFromNow() {
    return clock.instant().plus(ttl);
  }

  /**
   * Signs the claims.
   *
   * @param claims what the token proves, not null
   * @return the compact JWS
   */
  public String sign(ResumeClaims claims) {
    JWTCreator.Builder b =
        JWT.create()
            .withKeyId(current.id())
            .withIssuer(ISSUER)
            .withAudience(AUDIENCE)
            .withIssuedAt(clock.instant())
            .withExpiresAt(claims.expiresAt())
            .withClaim("q", claims.queryExecutionId())
            .withClaim("c", claims.connectionId())
            .withClaim("k", claims.requestKey())
            .withClaim("d", claims.delivery().wire());
    if (claims.identity() != null) {
      b.withSubject(claims.identity());
    }
    if (claims.requestId() != null) {
      b.withClaim("r", claims.requestId());
    }
    if (claims.queryName() != null) {
      b.withClaim("n", claims.queryName());
    }
    return b.sign(current.algorithm());
  }

  /**
   * Checks a token a client presented for a query.
   *
   * @param token the token, not null
   * @param queryExecutionId the query the client names, not null
   * @param identity the identity of the presenting connection, null when not authenticated
   * @return the claims of a good token
   * @throws TokenRefused INVALID_TOKEN (field {@code resumeToken}) when the token is malformed,
   *     signed with an unknown key or forged, expired, for another query or another identity
   */
  public ResumeClaims check(String token, String queryExecutionId, String identity) {
    DecodedJWT jwt = verify(token);
    ResumeClaims claims = claims(jwt);
    if (!claims.queryExecutionId().equals(queryExecutionId)) {
      throw invalid("The resume token is for another query.");
    }
    if (!Objects.equals(claims.identity(), identity)) {
      throw invalid("The resume token was given to another user.");
    }
    return claims;
  }

  private DecodedJWT verify(String token) {
    DecodedJWT unverified;
    try {
      unverified = JWT.decode(token);
    } catch (JWTDecodeException e) {
      throw invalid("The resume token is malformed.");
    }
    Key key = unverified.getKeyId() == null ? null : keys.get(unverified.getKeyId());
    if (key == null) {
      throw invalid("The resume token was not issued by this service.");
    }
    JWTVerifier verifier =
        ((JWTVerifier.BaseVerification)
                JWT.require(key.algorithm()).withIssuer(ISSUER).withAudience(AUDIENCE))
            .build(clock);
    try {
      return verifier.verify(unverified);
    } catch (TokenExpiredException e) {
      throw invalid("The resume token has expired.");
    } catch (AlgorithmMismatchException e) {
      throw invalid("The resume token was not issued by this service.");
    } catch (JWTVerificationException e) {
      // A bad signature, issuer or audience: not one of ours, or altered.
      throw invalid("The resume token was not issued by this service.");
    }
  }

  private static ResumeClaims claims(DecodedJWT jwt) {
    String q = jwt.getClaim("q").asString();
    String c = jwt.getClaim("c").asString();
    String k = jwt.getClaim("k").asString();
    Delivery d = Delivery.parse(String.valueOf(jwt.getClaim("d").asString())).orElse(null);
    Instant exp = jwt.getExpiresAtAsInstant();
    if (q == null || c == null || k == null || d == null || exp == null) {
      // Signed by us, so only an older format could lack a claim.
      throw invalid("The resume token is malformed.");
    }
    return new ResumeClaims(
        q,
        c,
        jwt.getSubject(),
        jwt.getClaim("r").asString(),
        jwt.getClaim("n").asString(),
        d,
        k,
        exp);
  }

  private static TokenRefused invalid(String message) {
    return new TokenRefused(message);
  }

  private static Key key(byte[] secret) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "a resume token secret needs at least "
              + MIN_SECRET_BYTES
              + " bytes, got "
              + secret.length);
    }
    return new Key(keyId(secret), Algorithm.HMAC256(secret.clone()));
  }

  /** The first 8 bytes of SHA-256("athena-ws/kid" + secret): names the key, reveals nothing. */
  private static String keyId(byte[] secret) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update("athena-ws/kid".getBytes(StandardCharsets.UTF_8));
      byte[] h = d.digest(secret);
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
