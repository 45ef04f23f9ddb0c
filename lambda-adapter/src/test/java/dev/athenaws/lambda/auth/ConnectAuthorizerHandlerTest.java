package dev.athenaws.lambda.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.retry.VirtualTime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler end to end: an API Gateway WebSocket REQUEST authorizer event in, a policy out. */
class ConnectAuthorizerHandlerTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN =
      "arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect";

  private TestIssuer issuer;
  private ConnectAuthorizerHandler handler;

  @BeforeEach
  void setUp() throws Exception {
    issuer = new TestIssuer();
    handler = handler(Map.of());
  }

  private ConnectAuthorizerHandler handler(Map<String, String> env) {
    return new ConnectAuthorizerHandler(TestIssuer.config(env), issuer, new VirtualTime(NOW));
  }

  /** The documented WebSocket REQUEST authorizer input, trimmed, with the given token places. */
  private static ObjectNode event(String queryToken, String subprotocols) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "REQUEST");
    event.put("methodArn", ARN);
    ObjectNode headers = event.putObject("headers");
    headers.put("Host", "abcdef123.execute-api.us-east-1.amazonaws.com");
    headers.put("Sec-WebSocket-Version", "13");
    if (subprotocols != null) {
      headers.put("Sec-WebSocket-Protocol", subprotocols);
    }
    if (queryToken != null) {
      event.putObject("queryStringParameters").put("token", queryToken);
    }
    ObjectNode context = event.putObject("requestContext");
    context.put("routeKey", "$connect");
    context.put("eventType", "CONNECT");
    context.put("connectionId", "conn-1=");
    return event;
  }

  private JsonNode answer(JsonNode event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, null);
    return JSON.readTree(out.toByteArray());
  }

  private static void assertDenied(JsonNode answer) {
    JsonNode statement = answer.path("policyDocument").path("Statement").get(0);
    assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
    assertThat(statement.path("Resource").asText()).isEqualTo(ARN);
    assertThat(statement.path("Action").asText()).isEqualTo("execute-api:Invoke");
    assertThat(answer.has("context")).as("a refusal carries no context").isFalse();
  }

  @Test
  void aValidQueryStringTokenIsAllowedWithSubAndGroups() throws Exception {
    String token =
        issuer.rs256(NOW, b -> b.withClaim("cognito:groups", List.of("analysts", "admins")));
    JsonNode answer = answer(event(token, null));
    assertThat(answer.path("principalId").asText()).isEqualTo("user-1");
    assertThat(answer.path("policyDocument").path("Version").asText()).isEqualTo("2012-10-17");
    JsonNode statement = answer.path("policyDocument").path("Statement").get(0);
    assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
    assertThat(statement.path("Resource").asText()).isEqualTo(ARN);
    assertThat(answer.path("context").path("sub").asText()).isEqualTo("user-1");
    assertThat(answer.path("context").path("groups").asText()).isEqualTo("analysts,admins");
  }

  @Test
  void theTokenMayComeAsABearerSubprotocolEntry() throws Exception {
    String token = issuer.es256(NOW, b -> b);
    JsonNode answer = answer(event(null, "athena-ws, bearer." + token));
    assertThat(answer.path("context").path("sub").asText()).isEqualTo("user-1");
    assertThat(ConnectAuthorizerHandler.token(event(null, "athena-ws"))).isNull();
  }

  @Test
  void hostileTokensGetADenyWithoutDetail() throws Exception {
    String tampered = issuer.rs256(NOW, b -> b).replaceFirst("\\.[^.]+\\.", ".e30.");
    for (JsonNode event :
        List.of(
            event(null, null),
            event("", null),
            event("garbage", null),
            event(null, "athena-ws, bearer."),
            event(tampered, null),
            event(issuer.rs256(NOW, b -> b.withAudience("other")), null))) {
      assertDenied(answer(event));
    }
  }

  @Test
  void notJsonOrNoMethodArnIsDenied() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream("not json".getBytes(StandardCharsets.UTF_8)), out, null);
    JsonNode answer = JSON.readTree(out.toByteArray());
    assertThat(answer.path("policyDocument").path("Statement").get(0).path("Effect").asText())
        .isEqualTo("Deny");
  }

  @Test
  void namedClaimsGoIntoTheContextAsStrings() throws Exception {
    handler = handler(Map.of("JWT_CONTEXT_CLAIMS", "account, tenant, missing"));
    String token =
        issuer.rs256(NOW, b -> b.withClaim("account", "111122223333").withClaim("tenant", "acme"));
    JsonNode context = answer(event(token, null)).path("context");
    assertThat(context.path("account").asText()).isEqualTo("111122223333");
    assertThat(context.path("tenant").asText()).isEqualTo("acme");
    assertThat(context.has("missing")).isFalse();
    assertThat(context.path("groups").asText()).isEmpty();
  }

  @Test
  void aNonStringNamedClaimOrACommaInAGroupIsRefused() throws Exception {
    handler = handler(Map.of("JWT_CONTEXT_CLAIMS", "account"));
    assertDenied(answer(event(issuer.rs256(NOW, b -> b.withClaim("account", 42)), null)));
    assertDenied(
        answer(event(issuer.rs256(NOW, b -> b.withClaim("cognito:groups", List.of("a,b"))), null)));
  }

  @Test
  void theGroupsClaimIsConfigurable() throws Exception {
    handler = handler(Map.of("JWT_GROUPS_CLAIM", "roles"));
    String token = issuer.rs256(NOW, b -> b.withClaim("roles", List.of("viewer")));
    assertThat(answer(event(token, null)).path("context").path("groups").asText())
        .isEqualTo("viewer");
  }

  @Test
  void aContextOverTheEightKilobyteResultQuotaIsRefused() throws Exception {
    handler = handler(Map.of("JWT_CONTEXT_CLAIMS", "a,b"));
    // Both fit the 8192-byte token limit; together they push the answer past 8,000 bytes.
    String fits = issuer.rs256(NOW, b -> b.withClaim("a", "x".repeat(2500)));
    JsonNode allowed = answer(event(fits, null));
    assertThat(allowed.path("context").path("a").asText()).hasSize(2500);
    assertThat(AuthorizerResponse.bytes(JSON.convertValue(allowed, Map.class)))
        .isLessThanOrEqualTo(AuthorizerResponse.MAX_RESULT_BYTES);

    String tooMuch =
        issuer.rs256(NOW, b -> b.withClaim("a", "x".repeat(4000)).withClaim("b", "y".repeat(4000)));
    assertThat(tooMuch.length()).isLessThanOrEqualTo(16384);
    handler = handler(Map.of("JWT_CONTEXT_CLAIMS", "a,b", "JWT_MAX_TOKEN_BYTES", "16384"));
    assertDenied(answer(event(tooMuch, null)));
  }
}
