package dev.athenaws.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds {@link APIGatewayV2WebSocketEvent}s shaped like the ones API Gateway sends a WebSocket
 * API's Lambda integrations: {@code requestContext} with routeKey, eventType, connectionId, apiId,
 * stage, domainName, requestId, messageId, connectedAt, requestTime(Epoch), identity.sourceIp and,
 * when a {@code $connect} authorizer allowed the connection, authorizer; headers on {@code
 * $connect} only.
 *
 * <p>Thread-safety: thread-safe.
 */
final class Events {
  /** The API id of the local WebSocket API (API Gateway's are 10 lowercase alphanumerics). */
  static final String API_ID = "local00000";

  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String stage;
  private final String domainName;
  private final AtomicLong messages = new AtomicLong();

  Events(String stage, String domainName) {
    this.stage = stage;
    this.domainName = domainName;
  }

  APIGatewayV2WebSocketEvent connect(
      Connection.Identity c,
      Map<String, List<String>> headers,
      Map<String, List<String>> query,
      Instant now) {
    APIGatewayV2WebSocketEvent e = base(c, "$connect", "CONNECT", now);
    e.setHeaders(first(headers));
    e.setMultiValueHeaders(headers);
    if (!query.isEmpty()) {
      e.setQueryStringParameters(first(query));
      e.setMultiValueQueryStringParameters(query);
    }
    return e;
  }

  /**
   * @return the {@code methodArn} a REQUEST authorizer of {@code $connect} is given, in the local
   *     stack's region and account
   */
  String connectArn() {
    return "arn:aws:execute-api:us-east-1:000000000000:" + API_ID + "/" + stage + "/$connect";
  }

  APIGatewayV2WebSocketEvent message(
      Connection.Identity c, String routeKey, String body, Instant now) {
    APIGatewayV2WebSocketEvent e = base(c, routeKey, "MESSAGE", now);
    e.getRequestContext().setMessageId(Long.toString(messages.incrementAndGet(), 36) + "=");
    e.setBody(body);
    return e;
  }

  APIGatewayV2WebSocketEvent disconnect(Connection.Identity c, Instant now) {
    APIGatewayV2WebSocketEvent e = base(c, "$disconnect", "DISCONNECT", now);
    e.setHeaders(Map.of("Host", domainName));
    return e;
  }

  private APIGatewayV2WebSocketEvent base(
      Connection.Identity c, String routeKey, String type, Instant now) {
    APIGatewayV2WebSocketEvent.RequestIdentity identity =
        new APIGatewayV2WebSocketEvent.RequestIdentity();
    identity.setSourceIp(c.sourceIp());
    identity.setUserAgent(c.userAgent());
    APIGatewayV2WebSocketEvent.RequestContext rc = new APIGatewayV2WebSocketEvent.RequestContext();
    rc.setRouteKey(routeKey);
    rc.setEventType(type);
    rc.setMessageDirection("IN");
    rc.setConnectionId(c.id());
    rc.setApiId(API_ID);
    rc.setStage(stage);
    rc.setDomainName(domainName);
    String requestId = UUID.randomUUID().toString();
    rc.setRequestId(requestId);
    rc.setExtendedRequestId(requestId);
    rc.setConnectedAt(c.connectedAt().toEpochMilli());
    rc.setRequestTimeEpoch(now.toEpochMilli());
    rc.setRequestTime(REQUEST_TIME.format(now));
    rc.setIdentity(identity);
    if (c.authorizer() != null) {
      // API Gateway hands the $connect authorizer's principalId and context to the connection's
      // Lambda proxy integrations as requestContext.authorizer (developer guide, "Output from an
      // Amazon API Gateway Lambda authorizer"); a fresh copy per event, handlers may mutate it.
      rc.setAuthorizer(new java.util.LinkedHashMap<>(c.authorizer()));
    }
    APIGatewayV2WebSocketEvent e = new APIGatewayV2WebSocketEvent();
    e.setRequestContext(rc);
    e.setIsBase64Encoded(false);
    return e;
  }

  private static Map<String, String> first(Map<String, List<String>> multi) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    multi.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            m.put(k, v.get(v.size() - 1));
          }
        });
    return m;
  }
}
