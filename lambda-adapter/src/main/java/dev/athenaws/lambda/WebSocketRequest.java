package dev.athenaws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import dev.athenaws.RunOptions;
import java.util.ArrayList;
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
 * @param subprotocols the entries of a {@code $connect}'s {@code Sec-WebSocket-Protocol} header in
 *     the client's order, trimmed; empty when it offered none
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
    List<String> subprotocols,
    RunOptions.Identity identity) {

  /** Copies the subprotocols; null means none. */
  WebSocketRequest {
    subprotocols = subprotocols == null ? List.of() : List.copyOf(subprotocols);
  }

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
        header(event, "origin"),
        subprotocols(event),
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

  /**
   * The offered subprotocols: every {@code Sec-WebSocket-Protocol} line's comma-separated entries
   * (RFC 6455 section 4.1 lets a client send the header more than once; RFC 9110 section 5.3 makes
   * repeated lines one comma-separated list). API Gateway passes every line in {@code
   * multiValueHeaders} and one in {@code headers}.
   */
  private static List<String> subprotocols(APIGatewayV2WebSocketEvent event) {
    List<String> lines = headers(event, "sec-websocket-protocol");
    List<String> entries = new ArrayList<>();
    for (String line : lines) {
      for (String entry : line.split(",")) {
        if (!entry.isBlank()) {
          entries.add(entry.strip());
        }
      }
    }
    return entries;
  }

  // Header names are case-insensitive (RFC 9110); API Gateway passes them as the client sent them.
  private static String header(APIGatewayV2WebSocketEvent event, String name) {
    String single = single(event.getHeaders(), name);
    if (single != null) {
      return single;
    }
    List<String> lines = lines(event.getMultiValueHeaders(), name);
    return lines.isEmpty() ? null : lines.get(0);
  }

  /** Every line of a header from {@code multiValueHeaders}, else the one in {@code headers}. */
  private static List<String> headers(APIGatewayV2WebSocketEvent event, String name) {
    List<String> lines = lines(event.getMultiValueHeaders(), name);
    if (!lines.isEmpty()) {
      return lines;
    }
    String single = single(event.getHeaders(), name);
    return single == null ? List.of() : List.of(single);
  }

  private static String single(Map<String, String> headers, String name) {
    if (headers != null) {
      for (Map.Entry<String, String> h : headers.entrySet()) {
        if (name.equalsIgnoreCase(h.getKey()) && h.getValue() != null) {
          return h.getValue();
        }
      }
    }
    return null;
  }

  private static List<String> lines(Map<String, List<String>> multi, String name) {
    if (multi != null) {
      for (Map.Entry<String, List<String>> h : multi.entrySet()) {
        if (name.equalsIgnoreCase(h.getKey()) && h.getValue() != null && !h.getValue().isEmpty()) {
          return h.getValue();
        }
      }
    }
    return List.of();
  }
}
