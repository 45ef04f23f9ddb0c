package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.local.LocalStack;
import dev.athenaws.local.auth.DevTokenRequest;
import dev.athenaws.local.auth.LocalIssuer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --auth jwt} end to end: the gateway runs the project's {@code $connect} authorizer handler
 * over the stack's own issuer; hostile tokens never reach a route, a token from the dev-token
 * endpoint connects and runs a query.
 */
class AuthE2ETest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    // Each query stays QUEUED for 2 s, so that a cancel finds it running even with a small table
    // (the slow query over 2,000 events would otherwise finish within a second).
    stack = Stacks.start("--auth", "jwt", "--events", "2000", "--queue-delay-ms", "2000");
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void hostileTokensAreRefusedWith403() throws Exception {
    String valid = devToken("alice", 600);
    String[] parts = valid.split("\\.");
    String tampered =
        parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
    String none =
        parts[0].replace(parts[0], "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0") + "." + parts[1] + ".";
    for (String token :
        List.of("", "garbage", tampered, none, devToken("alice", -60), "a".repeat(3000))) {
      assertThat(handshakeStatus(token))
          .as(token.length() > 40 ? token.substring(0, 40) : token)
          .isEqualTo(403);
    }
    assertThat(handshakeStatus(null)).isEqualTo(403);
  }

  @Test
  void tokensSignedRightButWrongInOneClaimOrKeyAreRefusedAndReachNoRoute() throws Exception {
    LocalIssuer issuer = stack.localIssuer().orElseThrow();
    DevTokenRequest alice =
        new DevTokenRequest("alice", List.of(), Map.of(), Duration.ofMinutes(10));
    Instant now = Instant.now();
    java.util.Set<String> before = stack.gateway().connectionIds();
    Map<String, String> hostile = new java.util.LinkedHashMap<>();
    hostile.put("wrong issuer", issuer.mint(alice, j -> j.withIssuer("https://evil.example")));
    hostile.put("wrong audience", issuer.mint(alice, j -> j.withAudience("someone-else")));
    hostile.put(
        "not yet valid",
        issuer.mint(alice, j -> j.withNotBefore(java.util.Date.from(now.plusSeconds(600)))));
    hostile.put("unknown kid", issuer.mint(alice, j -> j.withKeyId("not-a-key-of-this-issuer")));
    hostile.put("no kid", issuer.mint(alice, j -> j.withKeyId(null)));
    hostile.put("HS256 with the public key as secret", keyConfusion(issuer.keyId()));
    for (Map.Entry<String, String> token : hostile.entrySet()) {
      assertThat(handshakeStatus(token.getValue())).as(token.getKey()).isEqualTo(403);
    }
    // Over the handler's 8 KB limit the request line is already too long for the HTTP layer.
    String oversized = issuer.mint(alice, j -> j.withClaim("pad", "x".repeat(9000)));
    assertThat(handshakeStatus(oversized)).isBetween(400, 499);
    // Nothing got past $connect: no connection was ever registered for a route to serve.
    assertThat(stack.gateway().connectionIds()).isSubsetOf(before);
    // The same request signed right connects (the refusals were for the one wrong part).
    assertThat(handshakeStatus(issuer.mint(alice))).isEqualTo(101);
  }

  /**
   * An HS256 token whose HMAC key is the issuer's public key as published (the JWKS document): the
   * classic algorithm confusion, which a verifier that takes its algorithm from the header would
   * accept.
   */
  private static String keyConfusion(String kid) throws Exception {
    String jwks =
        HTTP.send(
                java.net.http.HttpRequest.newBuilder(
                        URI.create(stack.httpUri() + "/.well-known/jwks.json"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    return com.auth0
        .jwt
        .JWT
        .create()
        .withKeyId(kid)
        .withIssuer(stack.jwtIssuer().orElseThrow())
        .withAudience(stack.jwtAudience().orElseThrow())
        .withSubject("mallory")
        .withExpiresAt(java.util.Date.from(Instant.now().plusSeconds(600)))
        .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256(jwks.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aDevTokenConnectsAndRunsAQuery() throws Exception {
    URI uri = URI.create(stack.webSocketUri() + "?token=" + devToken("alice", 600));
    try (WsClient c = WsClient.connect(uri)) {
      c.send("{\"action\":\"query\",\"requestId\":\"r\"}");
      List<JsonNode> messages = c.untilDone(FlowScenarios.WAIT);
      assertThat(messages.get(messages.size() - 1).path("type").asText()).isEqualTo("complete");
    }
  }

  @Test
  void aTokenInTheSubprotocolConnectsSelectsAthenaWsAndRunsAQuery() throws Exception {
    try (WsClient c =
        WsClient.connect(stack.webSocketUri(), "athena-ws", "bearer." + devToken("alice", 600))) {
      assertThat(c.subprotocol()).isEqualTo("athena-ws");
      c.send("{\"action\":\"query\",\"requestId\":\"r\"}");
      List<JsonNode> messages = c.untilDone(FlowScenarios.WAIT);
      assertThat(messages.get(messages.size() - 1).path("type").asText()).isEqualTo("complete");
    }
  }

  @Test
  void aTokenInTheSubprotocolWithoutAthenaWsIsRefusedWith400() throws Exception {
    String bearer = "bearer." + devToken("alice", 600);
    Throwable thrown = null;
    try {
      HTTP.newWebSocketBuilder()
          .subprotocols(bearer)
          .buildAsync(stack.webSocketUri(), new WebSocket.Listener() {})
          .join()
          .abort();
    } catch (CompletionException e) {
      thrown = e.getCause();
    }
    assertThat(thrown).isInstanceOf(WebSocketHandshakeException.class);
    assertThat(((WebSocketHandshakeException) thrown).getResponse().statusCode()).isEqualTo(400);
  }

  @Test
  void anotherUsersTokenCannotCancelOrResumeTheQuery() throws Exception {
    URI asAlice = URI.create(stack.webSocketUri() + "?token=" + devToken("alice", 600));
    URI asBob = URI.create(stack.webSocketUri() + "?token=" + devToken("bob", 600));
    try (WsClient alice = WsClient.connect(asAlice);
        WsClient bob = WsClient.connect(asBob)) {
      alice.send("{\"action\":\"query\",\"query\":\"" + Stacks.SLOW + "\",\"requestId\":\"a\"}");
      JsonNode accepted = alice.expect("accepted", FlowScenarios.WAIT);
      String id = accepted.path("queryExecutionId").asText();
      String token = accepted.path("resumeToken").asText();
      for (String action : List.of("cancel", "resume")) {
        bob.send(
            "{\"action\":\""
                + action
                + "\",\"queryExecutionId\":\""
                + id
                + "\",\"resumeToken\":\""
                + token
                + "\"}");
        JsonNode error = bob.expect("error", FlowScenarios.WAIT);
        assertThat(error.path("code").asText()).isEqualTo("INVALID_TOKEN");
        assertThat(error.path("message").asText()).contains("another user");
      }
      // Alice herself may: the query ends with one QUERY_CANCELLED.
      alice.send(
          "{\"action\":\"cancel\",\"queryExecutionId\":\""
              + id
              + "\",\"resumeToken\":\""
              + token
              + "\"}");
      List<JsonNode> rest = alice.untilDone(FlowScenarios.WAIT);
      assertThat(rest.get(rest.size() - 1).path("code").asText()).isEqualTo("QUERY_CANCELLED");
    }
  }

  /** The handshake's HTTP status: 101 when the connection opened. */
  private static int handshakeStatus(String token) {
    URI uri =
        URI.create(
            stack.webSocketUri()
                + (token == null
                    ? ""
                    : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    try {
      WebSocket ws =
          HTTP.newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .buildAsync(uri, new WebSocket.Listener() {})
              .join();
      ws.abort();
      return 101;
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw e;
    }
  }

  private static String devToken(String sub, int ttl) throws Exception {
    return Stacks.devToken(stack, "sub=" + sub + "&ttl=" + ttl);
  }
}
