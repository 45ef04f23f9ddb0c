package dev.athenaws.lambda.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A local issuer for the tests: an RSA and an EC (P-256) key pair, its JWKS document, a counting
 * JWKS fetcher and a token factory. The defaults make a valid token for {@link #config}.
 */
final class TestIssuer implements JwksFetcher {
  static final String ISSUER = "https://issuer.example.com/pool";
  static final String AUDIENCE = "client-123";
  static final String RSA_KID = "rsa-1";
  static final String EC_KID = "ec-1";
  static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  final KeyPair rsa;
  final KeyPair ec;
  final List<String> jwks = new ArrayList<>();
  int fetches;

  TestIssuer() {
    try {
      KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
      rsaGen.initialize(2048);
      rsa = rsaGen.generateKeyPair();
      KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
      ecGen.initialize(new ECGenParameterSpec("secp256r1"));
      ec = ecGen.generateKeyPair();
      jwks.add(jwksOf(rsaJwk(RSA_KID, (RSAPublicKey) rsa.getPublic()), ecJwk()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK makes RSA and P-256 key pairs", e);
    }
  }

  /** A verifier of this issuer's tokens, its JWKS fetched from this issuer, on {@code clock}. */
  JwtVerifier verifier(Clock clock, Map<String, String> env) {
    AuthorizerConfig config = config(env);
    Jwks keys =
        new Jwks(
            this, clock, config.jwksMinRefresh(), config.jwksMaxAge(), AuthorizerConfig.MAX_KEYS);
    return new JwtVerifier(config, keys, clock);
  }

  /** A payload that would pass every claim check, as a forger would write it for "admin". */
  static String forgedPayload(Instant now) {
    return "{\"iss\":\""
        + ISSUER
        + "\",\"aud\":\""
        + AUDIENCE
        + "\",\"sub\":\"admin\",\"exp\":"
        + now.plusSeconds(300).getEpochSecond()
        + "}";
  }

  static AuthorizerConfig config(Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>(extra);
    env.putIfAbsent("JWT_ISSUER", ISSUER);
    env.putIfAbsent("JWT_AUDIENCE", AUDIENCE);
    return AuthorizerConfig.fromEnv(env);
  }

  /** Serves the JWKS documents in turn (the last one again and again) and counts the calls. */
  @Override
  public synchronized String fetch() {
    String doc = jwks.get(Math.min(fetches, jwks.size() - 1));
    fetches++;
    return doc;
  }

  /** A valid RS256 token issued at {@code now}, valid 5 minutes, changed by {@code edit}. */
  String rs256(Instant now, UnaryOperator<JWTCreator.Builder> edit) {
    return edit.apply(valid(now).withKeyId(RSA_KID))
        .sign(Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate()));
  }

  String es256(Instant now, UnaryOperator<JWTCreator.Builder> edit) {
    return edit.apply(valid(now).withKeyId(EC_KID))
        .sign(Algorithm.ECDSA256((ECPublicKey) ec.getPublic(), (ECPrivateKey) ec.getPrivate()));
  }

  static JWTCreator.Builder valid(Instant now) {
    return JWT.create()
        .withIssuer(ISSUER)
        .withAudience(AUDIENCE)
        .withSubject("user-1")
        .withIssuedAt(now)
        .withNotBefore(now)
        .withExpiresAt(now.plus(Duration.ofMinutes(5)));
  }

  /** An unsigned token: header and payload JSON as given, empty signature. */
  static String unsigned(String headerJson, String payloadJson) {
    return b64(headerJson) + "." + b64(payloadJson) + ".";
  }

  static String b64(String json) {
    return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static String jwksOf(String... keys) {
    return "{\"keys\":[" + String.join(",", Arrays.asList(keys)) + "]}";
  }

  static String rsaJwk(String kid, RSAPublicKey key) {
    return "{\"kty\":\"RSA\",\"kid\":\""
        + kid
        + "\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
        + unsigned(key.getModulus())
        + "\",\"e\":\""
        + unsigned(key.getPublicExponent())
        + "\"}";
  }

  String ecJwk() {
    ECPublicKey key = (ECPublicKey) ec.getPublic();
    return "{\"kty\":\"EC\",\"kid\":\""
        + EC_KID
        + "\",\"crv\":\"P-256\",\"x\":\""
        + unsigned(key.getW().getAffineX())
        + "\",\"y\":\""
        + unsigned(key.getW().getAffineY())
        + "\"}";
  }

  static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return B64URL.encodeToString(bytes);
  }
}
