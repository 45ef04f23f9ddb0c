package dev.athenaws.local.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.lambda.auth.ConnectAuthorizerHandler;
import dev.athenaws.local.gateway.ConnectAuthorizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the project's {@code $connect} authorizer Lambda handler ({@link ConnectAuthorizerHandler})
 * for the local gateway as API Gateway runs it: the WebSocket REQUEST authorizer event as JSON in
 * (methodArn, headers, queryStringParameters, requestContext: API Gateway developer guide, "Control
 * access to WebSocket APIs with AWS Lambda REQUEST authorizers"), the IAM policy answer out; an
 * {@code Allow} statement lets the connection on with the answer's principal id and context, a
 * {@code Deny} refuses it with 403.
 *
 * <p>Thread-safety: thread-safe (the handler is).
 */
public final class LambdaAuthorizer implements ConnectAuthorizer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConnectAuthorizerHandler handler;

  /**
   * @param handler the authorizer handler, not null
   */
  public LambdaAuthorizer(ConnectAuthorizerHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  public Decision authorize(APIGatewayV2WebSocketEvent request, String methodArn) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "REQUEST");
    event.put("methodArn", methodArn);
    event.set("headers", JSON.valueToTree(orEmpty(request.getHeaders())));
    event.set(
        "queryStringParameters", JSON.valueToTree(orEmpty(request.getQueryStringParameters())));
    ObjectNode context = event.putObject("requestContext");
    APIGatewayV2WebSocketEvent.RequestContext rc = request.getRequestContext();
    if (rc != null) {
      context.put("connectionId", rc.getConnectionId());
      context.put("routeKey", rc.getRouteKey());
      context.put("eventType", rc.getEventType());
      context.put("apiId", rc.getApiId());
      context.put("stage", rc.getStage());
      context.put("requestId", rc.getRequestId());
    }
    JsonNode answer;
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, null);
      answer = JSON.readTree(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String effect = answer.at("/policyDocument/Statement/0/Effect").asText("");
    if (!effect.equals("Allow")) {
      return new Deny();
    }
    Map<String, Object> values = new LinkedHashMap<>();
    answer
        .path("context")
        .fields()
        .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    return new Allow(answer.path("principalId").asText(), values);
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }
}
