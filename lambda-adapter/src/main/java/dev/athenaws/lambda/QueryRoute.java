package dev.athenaws.lambda;

import dev.athenaws.AthenaWsException;
import dev.athenaws.ErrorCode;
import dev.athenaws.catalog.BoundQuery;
import dev.athenaws.catalog.QueryResolver;
import dev.athenaws.catalog.InvalidParameterException;
import dev.athenaws.catalog.UnknownQueryException;
import dev.athenaws.notify.ConnectionRef;
import dev.athenaws.protocol.ClientMessage;
import dev.athenaws.protocol.DecodeResult;
import dev.athenaws.protocol.ServerMessage;
import dev.athenaws.publish.PublishTarget;
import dev.athenaws.query.RequestKey;
import dev.athenaws.sfn.QuerySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code query} and {@code $default} routes: decode, validate against the catalog, run in the
 * configured mode. Client mistakes become an {@code error} message and status 400; nothing here
 * throws for client input.
 */
final class QueryRoute {
  private static final Logger LOG = LoggerFactory.getLogger(QueryRoute.class);
  static final String NOT_STARTED = "The query could not be started; please try again.";
  static final String BINARY_FRAME = "Message must be a JSON text frame, not binary.";
  /**
   * Time kept back from the Lambda's remaining time for the hand-off or the final error after an
   * inline deadline.
   */
  static final Duration HANDOFF_MARGIN = Duration.ofSeconds(3);

  private final Wiring w;

  QueryRoute(Wiring w) {
    this.w = w;
  }

  /**
   * @param remaining the invocation's remaining time, null when unknown
   * @return the HTTP status for API Gateway: 200 accepted, 400 refused
   */
  int handle(WebSocketRequest request, Duration remaining) {
    ConnectionRef connection = Connections.of(w.config, request);
    if (request.base64()) {
      return refuse(connection, ServerMessage.Error.of(null, null, ErrorCode.BAD_REQUEST, BINARY_FRAME));
    }
    DecodeResult decoded = w.decoder.decode(request.body());
    if (decoded instanceof DecodeResult.Rejected rejected) {
      return refuse(connection, ServerMessage.Error.of(rejected));
    }
    ClientMessage message = ((DecodeResult.Decoded) decoded).message();
    PublishTarget client = new PublishTarget(connection, message.requestId(), null);
    if (message instanceof ClientMessage.ListQueriesRequest) {
      w.publisher.send(client, new ServerMessage.Catalog(message.requestId(), w.catalogEntries));
      return 200;
    }
    ClientMessage.QueryRequest query = (ClientMessage.QueryRequest) message;
    QuerySpec.Statement statement;
    try {
      statement = statement(query);
    } catch (InvalidParameterException e) {
      return refuse(connection, new ServerMessage.Error(query.requestId(), null, e.code(),
          e.getMessage(), e.parameter(), null, null, null));
    } catch (AthenaWsException e) {
      String field = e.code() == ErrorCode.BAD_REQUEST ? "sql" : null;
      return refuse(connection, new ServerMessage.Error(query.requestId(), null, e.code(),
          e.getMessage(), field, null, null, null));
    }
    RequestKey key = RequestKey.of(connection.connectionId(), requestIdentity(query, request),
        statement.sql(), statement.executionParameters());
    return w.config.mode() == Config.Mode.STEPFUNCTIONS
        ? orchestrate(client, statement, key)
        : inline(client, statement, key, remaining);
  }

  /**
   * What tells a retry of this request from a new one: the client's request id (a client resends
   * under the same id), else API Gateway's id of this message, which a redelivery of the same event
   * keeps and a new frame does not ({@code requestContext.messageId}, "a unique server-side ID for a
   * message"; {@code requestId} for events without it: API Gateway developer guide, WebSocket API
   * mapping template reference). Without any of them the request gets a random identity: it can
   * then never share an execution, rather than share the previous identical query's.
   */
  private static String requestIdentity(ClientMessage.QueryRequest query, WebSocketRequest request) {
    if (query.requestId() != null) {
      return query.requestId();
    }
    if (request.messageId() != null) {
      return request.messageId();
    }
    if (request.gatewayRequestId() != null) {
      return request.gatewayRequestId();
    }
    return UUID.randomUUID().toString();
  }

  /**
   * @throws UnknownQueryException when the catalog has no such query
   * @throws InvalidParameterException when a parameter is refused
   * @throws AthenaWsException BAD_REQUEST when raw SQL is sent but disabled
   */
  private QuerySpec.Statement statement(ClientMessage.QueryRequest query) {
    BoundQuery bound =
        new QueryResolver(w.catalog, w.config.allowRawSql())
            .resolve(query.query(), query.parameters(), query.sql());
    String name = query.sql() != null ? null : bound.query().name();
    return new QuerySpec.Statement(bound.sql(), bound.executionParameters(), name);
  }

  private int orchestrate(PublishTarget client, QuerySpec.Statement statement, RequestKey key) {
    try {
      w.stepFunctions.start(client.connection(), client.requestId(), statement, key);
    } catch (AthenaWsException e) {
      if (e.code() == ErrorCode.BAD_REQUEST) {
        // A request id reused for another query: the starter's message is meant for the client.
        return refuse(client.connection(),
            ServerMessage.Error.of(client.requestId(), null, e.code(), e.getMessage()));
      }
      LOG.error("state machine start for connection {} failed: {}",
          client.connection().connectionId(), e.getClass().getSimpleName());
      w.publisher.send(client,
          ServerMessage.Error.of(client.requestId(), null, ErrorCode.INTERNAL, NOT_STARTED));
      return 500;
    }
    w.publisher.send(client, ServerMessage.Accepted.of(client.requestId(), null));
    return 200;
  }

  private int inline(
      PublishTarget client, QuerySpec.Statement statement, RequestKey key, Duration remaining) {
    Duration budget = w.config.inlineDeadline();
    if (remaining != null) {
      Duration usable = remaining.minus(HANDOFF_MARGIN);
      if (usable.compareTo(budget) < 0) {
        budget = usable.isNegative() ? Duration.ZERO : usable;
      }
    }
    Instant deadline = w.clock.instant().plus(budget);
    InlineRun.Result result = new InlineRun(w, client, statement, key, deadline).run();
    LOG.debug("inline run for connection {} ended {}", client.connection().connectionId(),
        result.getClass().getSimpleName());
    return 200;
  }

  private int refuse(ConnectionRef connection, ServerMessage.Error error) {
    w.publisher.send(new PublishTarget(connection, error.requestId(), null), error);
    LOG.info("refused a message on connection {}: {}", connection.connectionId(), error.code());
    return 400;
  }
}
