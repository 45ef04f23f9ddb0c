package dev.athenaws.lambda;

import dev.athenaws.notify.ApiGateway;
import dev.athenaws.notify.Connection;
import java.net.URI;
import software.amazon.awssdk.regions.Region;

/**
 * Builds the {@link Connection} results are posted to. The management endpoint is the one that
 * travelled with a push input, else {@code WEBSOCKET_ENDPOINT} when set (custom domains, local
 * stacks), else {@link ApiGateway#endpoint} from the API id, the Region ({@code AWS_REGION}) and
 * the stage; never the event's {@code domainName}, which is the custom domain behind one (see
 * {@link ApiGateway}).
 */
final class Connections {
  private Connections() {}

  /**
   * @param explicitEndpoint an endpoint that travelled with a push input, nullable
   * @param region the API's region when the input names one, nullable (then {@code AWS_REGION})
   * @param stage the stage when known, nullable (then {@code WEBSOCKET_STAGE})
   * @throws IllegalArgumentException when the parts do not make an endpoint (e.g. no stage known)
   */
  static Connection of(
      Config config,
      String connectionId,
      String apiId,
      String region,
      String stage,
      URI explicitEndpoint) {
    if (connectionId == null) {
      throw new IllegalArgumentException("connectionId is missing");
    }
    URI endpoint = explicitEndpoint != null ? explicitEndpoint : config.websocketEndpoint();
    if (endpoint != null) {
      return Connection.at(connectionId, endpoint);
    }
    String r = region != null ? region : config.region();
    String s = stage != null ? stage : config.websocketStage();
    if (s == null) {
      throw new IllegalArgumentException(
          "no stage to build the management endpoint from: set WEBSOCKET_STAGE or WEBSOCKET_ENDPOINT");
    }
    if (apiId == null || r == null) {
      throw new IllegalArgumentException(
          "no " + (apiId == null ? "apiId" : "region") + " to build the management endpoint from");
    }
    return Connection.at(connectionId, ApiGateway.endpoint(apiId, Region.of(r), s));
  }

  /**
   * @return the connection of a WebSocket event
   */
  static Connection of(Config config, WebSocketRequest request) {
    return of(config, request.connectionId(), request.apiId(), null, request.stage(), null);
  }
}
