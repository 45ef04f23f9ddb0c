package dev.athenaws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda handler of the WebSocket {@code $connect} and {@code $disconnect} routes. Accepts
 * every connection, unless {@code ALLOWED_ORIGINS} lists origins: then a {@code $connect} whose
 * {@code Origin} header is not listed (or missing) gets 403 and API Gateway refuses the connection.
 * Logs the connection id, route and decision only, never the event (it carries identity fields and
 * headers).
 *
 * <p>Subprotocols: a client that offers subprotocols in {@code Sec-WebSocket-Protocol} must offer
 * {@value #SUBPROTOCOL}; the answer then carries {@code Sec-WebSocket-Protocol: athena-ws}, which
 * API Gateway passes on to the client as the selected subprotocol (developer guide, "Set up a
 * $connect route that requires a WebSocket subprotocol",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-connect-route-subprotocol.html).
 * Browsers fail the handshake when they offered subprotocols and the answer selects none (WHATWG
 * WebSockets standard, "establish a WebSocket connection"), so a client that offers only others (a
 * {@code bearer.<jwt>} entry alone, say) gets 400 here, as in that page's example, rather than a
 * connection a browser would drop. Other entries, a {@code bearer.} token above all, are never
 * echoed. A client that offers none gets no header.
 *
 * <p>An Origin check only keeps other web pages' scripts out; any non-browser client can send any
 * Origin. Authentication belongs on {@code $connect} as an API Gateway authorizer.
 *
 * <p>Thread-safety: thread-safe. Construction throws {@link IllegalStateException} naming the
 * environment variable at fault when the configuration is invalid; {@link #handleRequest} never
 * throws.
 */
public final class ConnectionHandler
    implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

  /** The subprotocol of athena-ws protocol v1, selected when a client offers it. */
  public static final String SUBPROTOCOL = "athena-ws";

  private static final String SUBPROTOCOL_HEADER = "Sec-WebSocket-Protocol";

  private final Config config;

  /**
   * Used by Lambda: the container's configuration, read from the environment once.
   *
   * @throws IllegalStateException when an environment variable is invalid
   */
  public ConnectionHandler() {
    this(Container.config());
  }

  ConnectionHandler(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public APIGatewayV2WebSocketResponse handleRequest(
      APIGatewayV2WebSocketEvent event, Context context) {
    java.util.Map<String, String> before = RequestLog.enter(context);
    try {
      return handle(event);
    } finally {
      RequestLog.exit(before);
    }
  }

  /**
   * Handles one {@code $connect} or {@code $disconnect} event; it needs no Lambda {@code Context}.
   *
   * @param event the WebSocket event, not null
   * @return 200 (with {@code Sec-WebSocket-Protocol: athena-ws} when the client offered it), 403
   *     for a refused origin, 400 for offered subprotocols without {@value #SUBPROTOCOL}; never
   *     throws
   */
  public APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event) {
    WebSocketRequest request = WebSocketRequest.of(event);
    if ("CONNECT".equals(request.eventType()) || "$connect".equals(request.routeKey())) {
      if (!config.originAllowed(request.origin())) {
        LOG.info("connect {} refused: origin not allowed", request.connectionId());
        return Responses.status(403);
      }
      if (request.subprotocols().isEmpty()) {
        LOG.info("connect {}", request.connectionId());
        return Responses.status(200);
      }
      if (!request.subprotocols().contains(SUBPROTOCOL)) {
        LOG.info(
            "connect {} refused: subprotocol {} not offered", request.connectionId(), SUBPROTOCOL);
        return Responses.status(400);
      }
      LOG.info("connect {} with subprotocol {}", request.connectionId(), SUBPROTOCOL);
      APIGatewayV2WebSocketResponse accepted = Responses.status(200);
      accepted.setHeaders(Map.of(SUBPROTOCOL_HEADER, SUBPROTOCOL));
      return accepted;
    }
    LOG.info(
        "{} {}",
        request.eventType() == null ? request.routeKey() : request.eventType(),
        request.connectionId());
    return Responses.status(200);
  }
}
