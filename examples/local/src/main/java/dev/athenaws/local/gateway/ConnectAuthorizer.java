package dev.athenaws.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.util.Map;
import java.util.Objects;

/**
 * A Lambda REQUEST authorizer on the {@code $connect} route, run by the gateway before the
 * WebSocket upgrade completes and before the {@code $connect} integration, as API Gateway runs one
 * (API Gateway developer guide, "Control access to WebSocket APIs with AWS Lambda REQUEST
 * authorizers": authorizers are for {@code $connect} only).
 *
 * <p>The outcomes are API Gateway's: {@link Allow} lets the connection on, and its principal id and
 * context reach every later event of the connection as {@code requestContext.authorizer}; {@link
 * Deny} (an authorizer's {@code Deny} policy) refuses the handshake with 403 Forbidden; {@link
 * Unauthorized} (the authorizer's {@code "Unauthorized"} error, or a missing identity source)
 * refuses it with 401; an exception refuses it with 500 (developer guide, "Use API Gateway Lambda
 * authorizers": deny gives 403, "Unauthorized" 401, any other error 500; the WebSocket page shows
 * {@code 401} for a connection without a valid identity).
 *
 * <p>Thread-safety: implementations must be thread-safe; the gateway calls it on Jetty's threads,
 * once per upgrade request.
 */
@FunctionalInterface
public interface ConnectAuthorizer {
  /**
   * Decides whether a client may connect.
   *
   * @param request the upgrade request as API Gateway gives it: {@code headers}, {@code
   *     multiValueHeaders}, {@code queryStringParameters}, {@code multiValueQueryStringParameters}
   *     and the connection's {@code requestContext} (connectionId, routeKey {@code $connect},
   *     eventType {@code CONNECT}, apiId, stage, domainName, requestId, connectedAt, identity)
   * @param methodArn the route's ARN, {@code
   *     arn:aws:execute-api:us-east-1:000000000000:<apiId>/<stage>/$connect}
   * @return the decision
   * @throws RuntimeException when the authorizer fails: the handshake is refused with 500
   */
  Decision authorize(APIGatewayV2WebSocketEvent request, String methodArn);

  /** An authorizer's answer. */
  sealed interface Decision permits Allow, Deny, Unauthorized {}

  /**
   * The connection is allowed.
   *
   * @param principalId the caller ({@code requestContext.authorizer.principalId})
   * @param context the authorizer's context: string, number or boolean values, passed on as strings
   *     (developer guide, "Output from an Amazon API Gateway Lambda authorizer": "The returned
   *     values are all stringified"; no objects or arrays)
   */
  record Allow(String principalId, Map<String, Object> context) implements Decision {
    /**
     * Copies the context.
     *
     * @throws NullPointerException on a null principal id, context, key or value
     * @throws IllegalArgumentException on a value that is not a string, number or boolean, or a
     *     context key {@code principalId}
     */
    public Allow {
      Objects.requireNonNull(principalId, "principalId");
      context = Map.copyOf(context);
      for (Map.Entry<String, Object> e : context.entrySet()) {
        Object v = e.getValue();
        if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
          throw new IllegalArgumentException(
              "authorizer context value of " + e.getKey() + " must be a string, number or boolean");
        }
      }
      if (context.containsKey("principalId")) {
        throw new IllegalArgumentException("principalId is not a context key");
      }
    }
  }

  /** An explicit Deny policy: 403 Forbidden. */
  record Deny() implements Decision {}

  /** The caller is not authenticated: 401 Unauthorized. */
  record Unauthorized() implements Decision {}
}
