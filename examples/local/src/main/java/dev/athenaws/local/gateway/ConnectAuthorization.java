package dev.athenaws.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the {@code $connect} authorizer, mapped to what API Gateway does with it (see {@link
 * ConnectAuthorizer}): the handshake's refusal status (403 Deny, 401 Unauthorized, 500 a failure)
 * or the connection's {@code requestContext.authorizer}: {@code principalId} and the context's
 * entries, values as strings.
 *
 * @param refusal the refusal status, 0 when allowed
 * @param context the {@code requestContext.authorizer} when allowed, else null
 */
record ConnectAuthorization(int refusal, Map<String, Object> context) {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectAuthorization.class);

  static ConnectAuthorization run(
      ConnectAuthorizer authorizer, APIGatewayV2WebSocketEvent request, String methodArn) {
    ConnectAuthorizer.Decision decision;
    try {
      decision = authorizer.authorize(request, methodArn);
    } catch (RuntimeException e) {
      // The reason stays in the log: the client gets API Gateway's bare 500.
      LOG.warn(
          "$connect authorizer failed for {}: {}",
          request.getRequestContext().getConnectionId(),
          e.toString());
      return new ConnectAuthorization(500, null);
    }
    if (decision instanceof ConnectAuthorizer.Allow allow) {
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("principalId", allow.principalId());
      allow.context().forEach((k, v) -> context.put(k, String.valueOf(v)));
      return new ConnectAuthorization(0, context);
    }
    if (decision instanceof ConnectAuthorizer.Deny) {
      return new ConnectAuthorization(403, null);
    }
    if (decision instanceof ConnectAuthorizer.Unauthorized) {
      return new ConnectAuthorization(401, null);
    }
    LOG.warn("$connect authorizer answered nothing");
    return new ConnectAuthorization(500, null);
  }
}
