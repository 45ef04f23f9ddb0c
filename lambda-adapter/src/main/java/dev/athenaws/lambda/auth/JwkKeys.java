package dev.athenaws.lambda.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a JWK Set (RFC 7517) into public keys with the JDK's {@link KeyFactory}: RSA keys from
 * {@code n} and {@code e}, EC keys from {@code crv} (P-256, P-384, P-521), {@code x} and {@code y}
 * (RFC 7518 section 6). Only signing keys with a {@code kid} are kept; keys of other types, for
 * encryption ({@code "use":"enc"}) or that do not parse are skipped, never fatal: one odd key in an
 * issuer's set must not lock every user out. Stateless and thread-safe.
 */
final class JwkKeys {
  private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

  /** A verification key from the set: its id, the {@code alg} the JWK names (or null), the key. */
  record Jwk(String kid, String alg, PublicKey key) {}

  private JwkKeys() {}

  /**
   * @param set the parsed JWK Set ({@code {"keys":[...]}})
   * @param maxKeys at most this many keys are kept (the first ones)
   * @return the usable keys by {@code kid}, in document order
   */
  static Map<String, Jwk> parse(JsonNode set, int maxKeys) {
    Map<String, Jwk> keys = new LinkedHashMap<>();
    JsonNode list = set == null ? null : set.get("keys");
    if (list == null || !list.isArray()) {
      return keys;
    }
    for (JsonNode node : list) {
      if (keys.size() >= maxKeys) {
        break;
      }
      parseOne(node).ifPresent(jwk -> keys.putIfAbsent(jwk.kid(), jwk));
    }
    return keys;
  }

  static Optional<Jwk> parseOne(JsonNode node) {
    String kid = text(node, "kid");
    String use = text(node, "use");
    if (kid == null || (use != null && !"sig".equals(use))) {
      return Optional.empty();
    }
    try {
      PublicKey key =
          switch (String.valueOf(text(node, "kty"))) {
            case "RSA" -> rsa(node);
            case "EC" -> ec(node);
            default -> null;
          };
      return key == null ? Optional.empty() : Optional.of(new Jwk(kid, text(node, "alg"), key));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static PublicKey rsa(JsonNode node) throws GeneralSecurityException {
    BigInteger n = unsigned(node, "n");
    BigInteger e = unsigned(node, "e");
    if (n == null || e == null) {
      return null;
    }
    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
  }

  private static PublicKey ec(JsonNode node) throws GeneralSecurityException {
    String curve =
        switch (String.valueOf(text(node, "crv"))) {
          case "P-256" -> "secp256r1";
          case "P-384" -> "secp384r1";
          case "P-521" -> "secp521r1";
          default -> null;
        };
    BigInteger x = unsigned(node, "x");
    BigInteger y = unsigned(node, "y");
    if (curve == null || x == null || y == null) {
      return null;
    }
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec(curve));
    ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
    return KeyFactory.getInstance("EC")
        .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
  }

  private static BigInteger unsigned(JsonNode node, String field) {
    String value = text(node, field);
    return value == null ? null : new BigInteger(1, B64URL.decode(value));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
  }
}
