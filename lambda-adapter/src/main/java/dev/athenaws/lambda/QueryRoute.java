package dev.athenaws.lambda;

import dev.athenaws.HandOff;
import dev.athenaws.Outcome;
import dev.athenaws.RemainingTime;
import dev.athenaws.RunOptions;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.lambda.sfn.QuerySpec;
import dev.athenaws.notify.Connection;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code query} and {@code $default} routes as wiring of the front door: the event's connection
 * and frame go to {@code AthenaWs.handle} with the configured mode's options, and the outcome
 * becomes API Gateway's status (200 accepted, 400 refused, 500 not started). The {@code
 * stepfunctions} mode hands every query to the state machine at once; the {@code inline} mode runs
 * it here until a deadline well inside API Gateway's 29 s integration timeout, then hands it (with
 * its id and continuation) to the state machine, or, without one, stops it with TIMEOUT.
 */
final class QueryRoute {
  private static final Logger LOG = LoggerFactory.getLogger(QueryRoute.class);
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
   * @param remaining the invocation's remaining time
   * @return the HTTP status for API Gateway: 200 accepted, 400 refused, 500 not started
   */
  int handle(WebSocketRequest request, RemainingTime remaining) {
    Connection connection = Connections.of(w.config, request);
    if (request.base64()) {
      return status(
          w.ws.refuse(connection, new AthenaWsException(ErrorCode.BAD_REQUEST, BINARY_FRAME)));
    }
    Outcome outcome = w.ws.handle(connection, request.body(), options(request, remaining));
    LOG.debug(
        "message on connection {} ended {}", connection.id(), outcome.getClass().getSimpleName());
    return status(outcome);
  }

  private RunOptions options(WebSocketRequest request, RemainingTime remaining) {
    // API Gateway's id of this message tells a redelivery from a new frame ("a unique server-side
    // ID
    // for a message"; requestId for events without it: API Gateway developer guide, WebSocket API
    // mapping template reference).
    RunOptions options =
        RunOptions.defaults()
            .withTransportRequestId(
                request.messageId() != null ? request.messageId() : request.gatewayRequestId())
            .withIdentity(request.identity());
    HandOff handOff = w.stepFunctions == null ? r -> false : new ToStateMachine();
    if (w.config.mode() == Config.Mode.STEPFUNCTIONS) {
      // Start the query here, so that `accepted` carries its id and resume token, then hand it to
      // the state machine at once: its .sync start, with the same ClientRequestToken, gets the
      // same QueryExecutionId back and waits for it (StartQueryExecution API reference,
      // ClientRequestToken). A busy Athena hands over the statement unstarted.
      return options.withDeadline(Duration.ZERO, handOff);
    }
    Duration budget = w.config.inlineDeadline();
    Duration usable = remaining.remaining().minus(HANDOFF_MARGIN);
    if (usable.compareTo(budget) < 0) {
      budget = usable.isNegative() ? Duration.ZERO : usable;
    }
    return options.withDeadline(budget, handOff);
  }

  /** The hand-off to the state machine, and the stop of its executions for a client's cancel. */
  private final class ToStateMachine implements HandOff {
    /**
     * Starts the state machine: on the statement when the query is not started yet, or in
     * stepfunctions mode when it was started here a moment ago (the .sync start joins it by its
     * ClientRequestToken and waits without a function running); else on the running query from its
     * continuation (inline mode's deadline; its push task waits for the query), or on a query a
     * client resumed (no statement).
     */
    @Override
    public boolean take(HandOff.Request r) {
      boolean joinable =
          w.config.mode() == Config.Mode.STEPFUNCTIONS
              && r.statement() != null
              && r.from().isStart();
      QuerySpec spec =
          r.queryExecutionId() == null || joinable
              ? new QuerySpec.Rendered(r.statement())
              : new QuerySpec.Running(r.queryExecutionId(), r.queryName(), r.from());
      w.stepFunctions.start(r.connection(), r.requestId(), spec, r.key(), r.delivery());
      return true;
    }

    @Override
    public boolean stop(String requestKey) {
      return w.stepFunctions.stop(requestKey);
    }
  }

  private static int status(Outcome outcome) {
    if (outcome instanceof Outcome.Refused) {
      return 400;
    }
    return outcome instanceof Outcome.NotStarted ? 500 : 200;
  }
}
