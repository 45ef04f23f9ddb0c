package dev.athenaws.lambda.auth;

import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The authorizer's answer to API Gateway: {@code principalId}, a policy document that allows or
 * denies {@code execute-api:Invoke} on the event's {@code methodArn}, and on Allow a {@code
 * context} of string values (API Gateway accepts only string, number and boolean values there, no
 * objects or arrays), the whole result within the 8 KB "Lambda authorizer result size" quota of
 * WebSocket APIs
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html).
 * Stateless and thread-safe.
 */
final class AuthorizerResponse {
  /** The quota is "8 KB"; counted as 8,000 bytes to stay clear of KB versus KiB. */
  static final int MAX_RESULT_BYTES = 8000;

  static final String DENIED_PRINCIPAL = "unauthorized";

  private static final ObjectMapper JSON = new ObjectMapper();

  private AuthorizerResponse() {}

  /**
   * @return the Allow answer with the caller's context
   * @throws Refused when a claim cannot go into the context or the answer would exceed the quota
   */
  static Map<String, Object> allow(DecodedJWT jwt, String methodArn, AuthorizerConfig config)
      throws Refused {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("sub", jwt.getSubject());
    context.put("groups", groups(jwt.getClaim(config.groupsClaim())));
    for (String name : config.contextClaims()) {
      Claim claim = jwt.getClaim(name);
      if (claim.isMissing() || claim.isNull()) {
        continue;
      }
      String value = claim.asString();
      if (value == null) {
        throw new Refused("claim " + name + " is not a string");
      }
      context.put(name, value);
    }
    Map<String, Object> answer = answer(jwt.getSubject(), "Allow", methodArn, context);
    int size = bytes(answer);
    if (size > MAX_RESULT_BYTES) {
      throw new Refused("context too large: " + size + " bytes");
    }
    return answer;
  }

  /**
   * @return the Deny answer: no context, nothing about the reason
   */
  static Map<String, Object> deny(String methodArn) {
    return answer(DENIED_PRINCIPAL, "Deny", methodArn, null);
  }

  static int bytes(Map<String, Object> answer) {
    try {
      return JSON.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    }
  }

  private static String groups(Claim claim) throws Refused {
    if (claim.isMissing() || claim.isNull()) {
      return "";
    }
    String single = claim.asString();
    List<String> list = single != null ? List.of(single) : strings(claim);
    for (String group : list) {
      if (group.isEmpty() || group.contains(",")) {
        throw new Refused("a group name is empty or contains a comma");
      }
    }
    return String.join(",", list);
  }

  private static List<String> strings(Claim claim) throws Refused {
    try {
      List<String> list = claim.asList(String.class);
      if (list != null && !list.contains(null)) {
        return list;
      }
    } catch (RuntimeException e) {
      // not a list of strings: refused below
    }
    throw new Refused("groups claim is not a string or a list of strings");
  }

  private static Map<String, Object> answer(
      String principal, String effect, String methodArn, Map<String, Object> context) {
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("Action", "execute-api:Invoke");
    statement.put("Effect", effect);
    statement.put("Resource", methodArn);
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("Version", "2012-10-17");
    policy.put("Statement", List.of(statement));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("principalId", principal);
    answer.put("policyDocument", policy);
    if (context != null) {
      answer.put("context", context);
    }
    return answer;
  }
}
