package dev.athenaws.local.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Handler;

/**
 * The local stack as its own OIDC-style token issuer, for {@code --auth jwt}: <b>local only, for
 * development and tests</b>. It makes a fresh 2048-bit RSA key pair per run, publishes the public
 * key as a JWKS ({@link #JWKS_PATH}) and signs RS256 tokens for whoever asks ({@link
 * #DEV_TOKEN_PATH}): anyone who can reach the stack can mint any identity, which is the point of a
 * development issuer and why it must never face a network. A deployment uses Cognito or another
 * OIDC provider instead (the handlers' {@code JWT_ISSUER}, {@code JWT_AUDIENCE}, {@code
 * JWT_JWKS_URL}).
 *
 * <p>Tokens carry {@code iss} (the stack's base URL), {@code aud} ({@link #AUDIENCE}), {@code sub},
 * {@code iat}, {@code exp}, {@code jti}, {@code groups} when given and {@code claim.NAME=VALUE}
 * claims as strings; the header carries {@code kid}, the key's RFC 7638 thumbprint.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class LocalIssuer {
  /** The audience ({@code aud}) of every token this issuer signs. */
  public static final String AUDIENCE = "athena-ws-local";

  /** Where the public key is published, relative to the stack's base URL. */
  public static final String JWKS_PATH = "/.well-known/jwks.json";

  /** The token endpoint, relative to the stack's base URL. */
  public static final String DEV_TOKEN_PATH = "/dev-token";

  /** The header marking this issuer's answers as not for production. */
  public static final String LOCAL_ONLY_HEADER = "X-Athena-Ws-Local-Only";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private final String issuer;
  private final Clock clock;
  private final RSAPublicKey publicKey;
  private final Algorithm algorithm;
  private final String kid;

  /**
   * Makes a new key pair.
   *
   * @param issuer the {@code iss} of the tokens: the stack's base URL ({@code http://host:port})
   * @param clock the time of {@code iat} and {@code exp}
   * @throws NullPointerException on a null argument
   * @throws IllegalStateException when the JDK has no RSA key generator (never on a standard JDK)
   */
  public LocalIssuer(String issuer, Clock clock) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.clock = Objects.requireNonNull(clock, "clock");
    KeyPair keys = newKeyPair();
    this.publicKey = (RSAPublicKey) keys.getPublic();
    this.algorithm = Algorithm.RSA256(publicKey, (RSAPrivateKey) keys.getPrivate());
    this.kid = thumbprint(publicKey);
  }

  /**
   * @return the {@code iss} of the tokens
   */
  public String issuer() {
    return issuer;
  }

  /**
   * @return the key id ({@code kid}) of the signing key
   */
  public String keyId() {
    return kid;
  }

  /**
   * @return the JWKS document: one RSA signing key ({@code kty}, {@code kid}, {@code use: sig},
   *     {@code alg: RS256}, {@code n}, {@code e} in base64url), as RFC 7517 describes it
   */
  public String jwks() {
    ObjectNode doc = JSON.createObjectNode();
    doc.putArray("keys").add(publicJwk());
    return doc.toString();
  }

  private ObjectNode publicJwk() {
    return JSON.createObjectNode()
        .put("kty", "RSA")
        .put("kid", kid)
        .put("use", "sig")
        .put("alg", "RS256")
        .put("n", unsigned(publicKey.getModulus()))
        .put("e", unsigned(publicKey.getPublicExponent()));
  }

  /**
   * Signs a token.
   *
   * @param request the subject, groups, claims and lifetime
   * @return the compact RS256 JWS
   */
  public String mint(DevTokenRequest request) {
    return mint(request, UnaryOperator.identity());
  }

  /**
   * Signs a token after {@code edit} changed it: tests make tokens that are validly signed with
   * this stack's key but wrong in one claim (another issuer or audience, not valid yet) and check
   * that the authorizer refuses them.
   *
   * @param request the subject, groups, claims and lifetime
   * @param edit changes the token before it is signed
   * @return the compact RS256 JWS
   */
  public String mint(DevTokenRequest request, UnaryOperator<JWTCreator.Builder> edit) {
    Instant now = clock.instant();
    JWTCreator.Builder jwt =
        JWT.create()
            .withKeyId(kid)
            .withIssuer(issuer)
            .withAudience(AUDIENCE)
            .withSubject(request.subject())
            .withIssuedAt(Date.from(now))
            .withExpiresAt(Date.from(now.plus(request.ttl())))
            .withJWTId(UUID.randomUUID().toString());
    if (!request.groups().isEmpty()) {
      jwt.withArrayClaim("groups", request.groups().toArray(String[]::new));
    }
    request.claims().forEach(jwt::withClaim);
    return edit.apply(jwt).sign(algorithm);
  }

  /**
   * @return the Jetty handler of {@link #JWKS_PATH} and {@link #DEV_TOKEN_PATH} (other paths pass
   *     to the next handler)
   */
  public Handler handler() {
    return new IssuerEndpoints(this);
  }

  /** RFC 7518 6.3.1: n and e as unsigned big-endian bytes, base64url without padding. */
  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return B64URL.encodeToString(bytes);
  }

  /** RFC 7638: SHA-256 of the required members in lexicographic order, base64url. */
  private static String thumbprint(RSAPublicKey key) {
    String members =
        "{\"e\":\""
            + unsigned(key.getPublicExponent())
            + "\",\"kty\":\"RSA\",\"n\":\""
            + unsigned(key.getModulus())
            + "\"}";
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(members.getBytes(StandardCharsets.UTF_8));
      return B64URL.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no RSA key generator", e);
    }
  }
}
