package dev.athenaws.local.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local issuer's endpoints over HTTP, its tokens checked with java-jwt and the JDK alone. */
class LocalIssuerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private Server server;
  private String base;

  @BeforeEach
  void start() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    connector.open();
    base = "http://127.0.0.1:" + connector.getLocalPort();
    server.setHandler(new LocalIssuer(base, Clock.systemUTC()).handler());
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  @Test
  void theJwksKeyVerifiesADevToken() throws Exception {
    HttpResponse<String> jwks = get(LocalIssuer.JWKS_PATH);
    assertThat(jwks.statusCode()).isEqualTo(200);
    assertThat(jwks.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(jwks.headers().firstValue(LocalIssuer.LOCAL_ONLY_HEADER)).hasValue("true");
    JsonNode key = JSON.readTree(jwks.body()).get("keys").get(0);
    assertThat(key.get("kty").asText()).isEqualTo("RSA");
    assertThat(key.get("use").asText()).isEqualTo("sig");
    assertThat(key.get("alg").asText()).isEqualTo("RS256");

    HttpResponse<String> minted =
        get("/dev-token?sub=alice&groups=analysts,ops&claim.account=111111111111&ttl=300");
    assertThat(minted.statusCode()).isEqualTo(200);
    assertThat(minted.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(minted.headers().firstValue(LocalIssuer.LOCAL_ONLY_HEADER)).hasValue("true");

    DecodedJWT jwt =
        JWT.require(Algorithm.RSA256(publicKey(key), null))
            .withIssuer(base)
            .withAudience(LocalIssuer.AUDIENCE)
            .build()
            .verify(minted.body());
    assertThat(jwt.getKeyId()).isEqualTo(key.get("kid").asText());
    assertThat(jwt.getAlgorithm()).isEqualTo("RS256");
    assertThat(jwt.getSubject()).isEqualTo("alice");
    assertThat(jwt.getClaim("groups").asList(String.class)).containsExactly("analysts", "ops");
    assertThat(jwt.getClaim("account").asString()).isEqualTo("111111111111");
    assertThat(jwt.getExpiresAtAsInstant()).isEqualTo(jwt.getIssuedAtAsInstant().plusSeconds(300));
  }

  @Test
  void aNegativeTtlMintsAnExpiredToken() throws Exception {
    JsonNode key = JSON.readTree(get(LocalIssuer.JWKS_PATH).body()).get("keys").get(0);
    String token = get("/dev-token?sub=bob&ttl=-60").body();
    assertThatThrownBy(
            () -> JWT.require(Algorithm.RSA256(publicKey(key), null)).build().verify(token))
        .isInstanceOf(TokenExpiredException.class);
  }

  @Test
  void badParametersAre400WithAReason() throws Exception {
    Map<String, String> cases =
        Map.of(
            "/dev-token", "sub is required",
            "/dev-token?sub=", "sub must not be empty",
            "/dev-token?sub=a&ttl=soon", "ttl needs a whole number",
            "/dev-token?sub=a&ttl=0", "ttl must be",
            "/dev-token?sub=a&ttl=100000", "ttl must be",
            "/dev-token?sub=a&claim.iss=x", "set by the issuer",
            "/dev-token?sub=a&groups=a,,b", "each group must match",
            "/dev-token?sub=a&role=admin", "unknown parameter role",
            "/dev-token?sub=a&sub=b", "more than once");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> r = get(c.getKey());
      assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
      assertThat(r.body()).as(c.getKey()).contains(c.getValue());
    }
  }

  @Test
  void expiryIsTheInjectedClockPlusTtl() {
    Instant now = Instant.parse("2024-05-01T10:00:00Z");
    LocalIssuer issuer = new LocalIssuer("http://x", Clock.fixed(now, ZoneOffset.UTC));
    DecodedJWT jwt =
        JWT.decode(
            issuer.mint(DevTokenRequest.parse(Map.of("sub", List.of("a"), "ttl", List.of("-5")))));
    assertThat(jwt.getIssuedAtAsInstant()).isEqualTo(now);
    assertThat(jwt.getExpiresAtAsInstant()).isEqualTo(now.minusSeconds(5));
    assertThat(jwt.getAudience()).containsExactly(LocalIssuer.AUDIENCE);
    assertThat(jwt.getClaim("groups").isMissing()).isTrue();
  }

  private static RSAPublicKey publicKey(JsonNode jwk) throws Exception {
    Base64.Decoder b64 = Base64.getUrlDecoder();
    RSAPublicKeySpec spec =
        new RSAPublicKeySpec(
            new BigInteger(1, b64.decode(jwk.get("n").asText())),
            new BigInteger(1, b64.decode(jwk.get("e").asText())));
    return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
