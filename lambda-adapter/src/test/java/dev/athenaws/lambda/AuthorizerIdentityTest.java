package dev.athenaws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.RunOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The caller's identity from the {@code $connect} authorizer's context, as API Gateway passes it.
 */
class AuthorizerIdentityTest {
  @Test
  void subjectGroupsAndClaimsComeFromTheContext() {
    Map<String, Object> authorizer = new LinkedHashMap<>();
    authorizer.put("principalId", "alice");
    authorizer.put("sub", "alice");
    authorizer.put("groups", "analysts, admins,");
    authorizer.put("account", "123456789012");
    authorizer.put("integrationLatency", 12);

    RunOptions.Identity identity = WebSocketRequest.identity(authorizer);

    assertThat(identity.subject()).isEqualTo("alice");
    assertThat(identity.groups()).containsExactlyInAnyOrder("analysts", "admins");
    assertThat(identity.claims()).containsExactly(Map.entry("account", "123456789012"));
  }

  @Test
  void theSubjectFallsBackToThePrincipalAndNoneMeansUnauthenticated() {
    assertThat(WebSocketRequest.identity(Map.of("principalId", "bob")).subject()).isEqualTo("bob");
    assertThat(WebSocketRequest.identity(null)).isNull();
    assertThat(WebSocketRequest.identity(Map.of("groups", "a"))).isNull();
    assertThat(WebSocketRequest.identity(Map.of("principalId", " "))).isNull();
  }
}
