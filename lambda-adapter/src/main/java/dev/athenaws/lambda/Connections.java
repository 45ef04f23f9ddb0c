package dev.athenaws.lambda;

import dev.athenaws.notify.ConnectionRef;
import java.net.URI;

/**
 * Builds the {@link ConnectionRef} results are posted to. The management endpoint is
 * {@code WEBSOCKET_ENDPOINT} when set (custom domains, local stacks), else built from the API id,
 * {@code AWS_REGION} and the stage; never from the event's {@code domainName}, which is wrong behind a
 * custom domain (docs/aws-behaviour.md, "API Gateway WebSocket").
 */
final class Connections {
  private Connections() {}

  /**
   * @param explicitEndpoint an endpoint that travelled with a push input, nullable
   * @param region the API's region when the input names one, nullable (then {@code AWS_REGION})
   * @param stage the stage when known, nullable (then {@code WEBSOCKET_STAGE})
   * @throws IllegalArgumentException when the parts do not make an endpoint (e.g. no stage known)
   */
  static ConnectionRef of(
      Config config, String connectionId, String apiId, String region, String stage,
      URI explicitEndpoint) {
    String r = region != null ? region : config.region();
    String s = stage != null ? stage : config.websocketStage();
    URI endpoint = explicitEndpoint != null ? explicitEndpoint : config.websocketEndpoint();
    if (connectionId == null) {
      throw new IllegalArgumentException("connectionId is missing");
    }
    if (endpoint != null) {
      return new ConnectionRef(connectionId, apiId, r, s, endpoint);
    }
    if (s == null) {
      throw new IllegalArgumentException(
          "no stage to build the management endpoint from: set WEBSOCKET_STAGE or WEBSOCKET_ENDPOINT");
    }
    return ConnectionRef.of(connectionId, apiId, r, s);
  }

  /** @return the connection of a WebSocket event */
  static ConnectionRef of(Config config, WebSocketRequest request) {
    return of(config, request.connectionId(), request.apiId(), null, request.stage(), null);
  }
}
