package dev.athenaws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.util.List;
import java.util.Map;

/**
 * The parts of an API Gateway WebSocket event the handlers use, copied out of the mutable event
 * bean at the edge. Identity fields, authorizer context and other headers are deliberately left
 * behind.
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
    String origin) {

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
        origin(event));
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
