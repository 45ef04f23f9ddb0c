package dev.athenaws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import dev.athenaws.RunOptions;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of an API Gateway WebSocket event the handlers use, copied out of the mutable event
 * bean at the edge. Identity fields and other headers are deliberately left behind; the {@code
 * $connect} authorizer's context becomes the caller's {@link RunOptions.Identity}.
 *
 * @param connectionId {@code requestContext.connectionId}
 * @param eventType CONNECT, MESSAGE or DISCONNECT
 * @param routeKey e.g. {@code $connect}, {@code query}, {@code $default}
 * @param apiId {@code requestContext.apiId}
 * @param stage {@code requestContext.stage}
 * @param gatewayRequestId {@code requestContext.requestId}
 * @param messageId {@code requestContext.messageId}: API Gateway's "unique server-side ID for a
 *     message", present for MESSAGE events (WebSocket API mapping template reference)
 * @param body the frame's text, nullable
 * @param base64 whether the frame was binary (then {@code body} is base64)
 * @param origin the Origin header of a {@code $connect}, nullable
 * @param identity the caller as the {@code $connect} authorizer described it ({@code
 *     requestContext.authorizer}: {@code principalId}, {@code sub}, {@code groups} and the claims
 *     it passed on), null without an authorizer
 */
record WebSocketRequest(
    String connectionId,
    String eventType,
    String routeKey,
    String apiId,
    String stage,
    String gatewayRequestId,
    String messageId,
    String body,
    boolean base64,
    String origin,
    RunOptions.Identity identity) {

  /**
   * @return the request of {@code event}; missing parts are null
   */
  static WebSocketRequest of(APIGatewayV2WebSocketEvent event) {
    APIGatewayV2WebSocketEvent.RequestContext c = event.getRequestContext();
    return new WebSocketRequest(
        c == null ? null : c.getConnectionId(),
        c == null ? null : c.getEventType(),
        c == null ? null : c.getRouteKey(),
        c == null ? null : c.getApiId(),
        c == null ? null : c.getStage(),
        c == null ? null : c.getRequestId(),
        c == null ? null : c.getMessageId(),
        event.getBody(),
        event.isIsBase64Encoded(),
        origin(event),
        c == null ? null : identity(c.getAuthorizer()));
  }

  /** Entries of the authorizer context that are not claims. */
  private static final Set<String> NOT_CLAIMS =
      Set.of("principalId", "sub", "groups", "integrationLatency");

  /**
   * The caller from the authorizer context (API Gateway passes its values as strings: developer
   * guide, "Output from an Amazon API Gateway Lambda authorizer"); null when there is none.
   */
  static RunOptions.Identity identity(Map<String, Object> authorizer) {
    if (authorizer == null) {
      return null;
    }
    Object sub = authorizer.getOrDefault("sub", authorizer.get("principalId"));
    if (sub == null || sub.toString().isBlank()) {
      return null;
    }
    Set<String> groups = new LinkedHashSet<>();
    Object g = authorizer.get("groups");
    if (g != null) {
      for (String group : g.toString().split(",")) {
        if (!group.isBlank()) {
          groups.add(group.strip());
        }
      }
    }
    Map<String, String> claims = new LinkedHashMap<>();
    authorizer.forEach(
        (k, v) -> {
          if (!NOT_CLAIMS.contains(k) && v != null) {
            claims.put(k, v.toString());
          }
        });
    return new RunOptions.Identity(sub.toString(), groups, claims);
  }

  // Header names are case-insensitive (RFC 9110); API Gateway passes them as the client sent them.
  private static String origin(APIGatewayV2WebSocketEvent event) {
    Map<String, String> headers = event.getHeaders();
    if (headers != null) {
      for (Map.Entry<String, String> h : headers.entrySet()) {
        if ("origin".equalsIgnoreCase(h.getKey())) {
          return h.getValue();
        }
      }
    }
    Map<String, List<String>> multi = event.getMultiValueHeaders();
    if (multi != null) {
      for (Map.Entry<String, List<String>> h : multi.entrySet()) {
        if ("origin".equalsIgnoreCase(h.getKey())
            && h.getValue() != null
            && !h.getValue().isEmpty()) {
          return h.getValue().get(0);
        }
      }
    }
    return null;
  }
}
