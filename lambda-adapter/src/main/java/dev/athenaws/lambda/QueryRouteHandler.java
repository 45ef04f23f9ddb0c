package dev.athenaws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.athenaws.RemainingTime;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda handler of the WebSocket {@code query} route and of {@code $default}: decodes the
 * client's message, answers {@code listQueries} with a {@code catalog} message, and runs a {@code
 * query} in the configured mode ({@code ATHENA_WS_MODE}): {@code stepfunctions} starts the state
 * machine and posts {@code accepted}; {@code inline} starts, polls and pushes in this invocation
 * under {@code INLINE_DEADLINE_SECONDS}, handing off to the state machine (or reporting TIMEOUT)
 * when the deadline nears. Configuration: docs/configuration.md; deployment: docs/deployment.md.
 *
 * <p>Status codes: 200 when the message was accepted, 400 when it was refused (not JSON, unknown
 * action or query, invalid parameter, raw SQL disabled; the client got an {@code error} with the
 * stable code), 500 on an unexpected failure (the client got {@code error} INTERNAL; the log has
 * the ids only, never the event).
 *
 * <p>Thread-safety: thread-safe; Lambda calls one invocation at a time per instance anyway.
 * Construction throws {@link IllegalStateException} naming the environment variable at fault when
 * the configuration is invalid; {@link #handleRequest} never throws.
 */
public final class QueryRouteHandler
    implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(QueryRouteHandler.class);
  static final String INTERNAL_MESSAGE = "The server failed to process this request.";

  private final Wiring wiring;

  /**
   * Used by Lambda: the container's wiring, built from the environment once.
   *
   * @throws IllegalStateException when an environment variable is invalid
   */
  public QueryRouteHandler() {
    this(Container.wiring());
  }

  QueryRouteHandler(Wiring wiring) {
    this.wiring = Objects.requireNonNull(wiring, "wiring");
  }

  @Override
  public APIGatewayV2WebSocketResponse handleRequest(
      APIGatewayV2WebSocketEvent event, Context context) {
    java.util.Map<String, String> before = RequestLog.enter(context);
    try {
      return handle(event, Responses.remaining(context));
    } finally {
      RequestLog.exit(before);
    }
  }

  /**
   * Handles one event with a remaining-time source instead of a Lambda {@code Context}: for hosts
   * outside the Lambda runtime (a local gateway, tests).
   *
   * @param event the WebSocket event, not null
   * @param remaining the invocation's remaining time, not null ({@code RemainingTime.unlimited()})
   * @return the response with the status code; never throws
   */
  public APIGatewayV2WebSocketResponse handle(
      APIGatewayV2WebSocketEvent event, RemainingTime remaining) {
    WebSocketRequest request = WebSocketRequest.of(event);
    java.util.Map<String, String> before = RequestLog.enter(null);
    RequestLog.connection(request.connectionId());
    try {
      return Responses.status(new QueryRoute(wiring).handle(request, remaining));
    } catch (RuntimeException e) {
      LOG.error(
          "query route failed for connection {} (gateway request {}): {}",
          request.connectionId(),
          request.gatewayRequestId(),
          e.getClass().getName());
      tellClient(request);
      return Responses.status(500);
    } finally {
      RequestLog.exit(before);
    }
  }

  private void tellClient(WebSocketRequest request) {
    try {
      wiring.ws.refuse(
          Connections.of(wiring.config, request),
          new AthenaWsException(ErrorCode.INTERNAL, INTERNAL_MESSAGE));
    } catch (RuntimeException e) {
      LOG.warn(
          "could not tell connection {} about the failure: {}",
          request.connectionId(),
          e.getClass().getName());
    }
  }
}
