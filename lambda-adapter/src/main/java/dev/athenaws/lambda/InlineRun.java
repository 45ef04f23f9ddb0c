package dev.athenaws.lambda;

import dev.athenaws.AthenaWsException;
import dev.athenaws.ErrorCode;
import dev.athenaws.notify.PostOutcome;
import dev.athenaws.protocol.ServerMessage;
import dev.athenaws.publish.Continuation;
import dev.athenaws.publish.PublishResult;
import dev.athenaws.publish.PublishTarget;
import dev.athenaws.publish.ResultRequest;
import dev.athenaws.query.AthenaBusyException;
import dev.athenaws.query.CancellationFlag;
import dev.athenaws.query.QueryOutcome;
import dev.athenaws.query.RequestKey;
import dev.athenaws.sfn.QuerySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inline mode for one request: start the query, {@code accepted}, {@code progress} while
 * polling, then the results; all before {@code deadline}, which lies well inside API Gateway's 29 s
 * integration timeout. When the deadline comes first (the query still runs, or its results are only
 * partly sent), the query is handed to the state machine with its id and {@link Continuation}, or,
 * without a state machine, stopped with {@code error} TIMEOUT. The start itself retries a busy
 * Athena only until the deadline; then the statement is handed to the state machine to start, or,
 * without one, the client gets {@code error} ATHENA_BUSY.
 *
 * <p>Like {@code QueryRunner}, of which it is the deadline-aware variant; one instance per request,
 * not thread-safe.
 */
final class InlineRun {
  private static final Logger LOG = LoggerFactory.getLogger(InlineRun.class);
  static final String HANDOFF_FAILED = "The query could not be continued; please try again.";

  /** How an inline run ended. */
  sealed interface Result {
    /** The run ended in this invocation (complete, error, or the client went away). */
    record Published(PublishResult result) implements Result {}

    /** The query was handed to the state machine; no id when Athena was too busy to start it. */
    record HandedOff(String queryExecutionId, Continuation from) implements Result {}
  }

  private final Wiring w;
  private final PublishTarget client;
  private final QuerySpec.Statement statement;
  private final RequestKey key;
  private final Instant deadline;

  InlineRun(Wiring w, PublishTarget client, QuerySpec.Statement statement, RequestKey key,
      Instant deadline) {
    this.w = w;
    this.client = client;
    this.statement = statement;
    this.key = key;
    this.deadline = deadline;
  }

  Result run() {
    String id;
    try {
      id = w.starter.start(statement.sql(), statement.executionParameters(), key, deadline);
    } catch (AthenaBusyException e) {
      return busy(e);
    } catch (RuntimeException e) {
      return published(w.publisher.fail(client, e));
    }
    PublishTarget target = client.withQueryExecutionId(id);
    PostOutcome accepted;
    try {
      accepted = w.publisher.send(target, ServerMessage.Accepted.of(target.requestId(), id));
    } catch (RuntimeException e) {
      w.waiter.stop(id); // nobody would collect its results
      throw e;
    }
    if (accepted instanceof PostOutcome.Gone) {
      w.waiter.stop(id);
      return published(new PublishResult.ConnectionGone());
    }
    Duration untilDeadline = Duration.between(w.clock.instant(), deadline);
    boolean queryTimeoutFirst = w.config.queryTimeout().compareTo(untilDeadline) <= 0;
    Duration wait = queryTimeoutFirst ? w.config.queryTimeout() : untilDeadline;
    QueryOutcome outcome;
    CancellationFlag gone = new CancellationFlag();
    if (wait.isNegative() || wait.isZero()) {
      return handOff(target, Continuation.start());
    }
    try {
      outcome = w.waiter.await(id, wait, p -> Progressing.post(w.publisher, target, p, gone), gone);
    } catch (RuntimeException e) {
      return published(w.publisher.fail(target, e));
    }
    if (outcome instanceof QueryOutcome.Succeeded s) {
      PublishResult result =
          w.publisher.publish(
              new ResultRequest(target, s.statementKind(), w.columnTypes(statement.queryName()),
                  s.stats(), Continuation.start()),
              () -> !w.clock.instant().isBefore(deadline));
      if (result instanceof PublishResult.Paused p) {
        return handOff(target, p.next());
      }
      return published(result);
    }
    if (outcome instanceof QueryOutcome.Failed f) {
      return published(w.publisher.failQuery(target, f.error(), f.stateChangeReason()));
    }
    if (outcome instanceof QueryOutcome.Cancelled c) {
      if (c.byUs() && gone.isCancelled()) {
        return published(new PublishResult.ConnectionGone());
      }
      return published(w.publisher.fail(target,
          new AthenaWsException(ErrorCode.QUERY_CANCELLED, "The query was cancelled.")));
    }
    if (queryTimeoutFirst) {
      return published(timeout(target, w.config.queryTimeout(), false));
    }
    return handOff(target, Continuation.start());
  }

  /**
   * Athena did not take the query before the deadline (its concurrent query limit, throttling,
   * unreachable): the state machine starts it instead, its start state retrying
   * TooManyRequestsException, with the same ClientRequestToken. Without a state machine, or when it
   * cannot be started, the client hears ATHENA_BUSY now, well before the Lambda times out.
   */
  private Result busy(AthenaBusyException e) {
    LOG.info("Athena busy ({}) after {} attempts for connection {}", e.reason(), e.attempts(),
        client.connection().connectionId());
    if (w.stepFunctions == null) {
      return published(w.publisher.fail(client, e));
    }
    try {
      w.stepFunctions.start(client.connection(), client.requestId(), statement, key);
    } catch (RuntimeException sfn) {
      LOG.error("hand-off of a busy start for connection {} failed: {}",
          client.connection().connectionId(), sfn.getClass().getSimpleName());
      return published(w.publisher.fail(client, e));
    }
    w.publisher.send(client, ServerMessage.Accepted.of(client.requestId(), null));
    return new Result.HandedOff(null, Continuation.start());
  }

  /** Passes the running query to the state machine, or stops it with TIMEOUT when there is none. */
  private Result handOff(PublishTarget target, Continuation from) {
    String id = target.queryExecutionId();
    if (w.stepFunctions == null) {
      return published(timeout(target, w.config.inlineDeadline(), !from.isStart()));
    }
    try {
      w.stepFunctions.start(
          target.connection(), target.requestId(),
          new QuerySpec.Running(id, statement.queryName(), from), key);
    } catch (RuntimeException e) {
      LOG.error("hand-off of query {} for connection {} failed: {}", id,
          target.connection().connectionId(), e.getClass().getSimpleName());
      w.waiter.stop(id);
      return published(w.publisher.fail(target,
          new AthenaWsException(ErrorCode.INTERNAL, HANDOFF_FAILED)));
    }
    LOG.info("query {} for connection {} handed off at page {}", id,
        target.connection().connectionId(), from.pageNumber());
    return new Result.HandedOff(id, from);
  }

  private PublishResult timeout(PublishTarget target, Duration limit, boolean paging) {
    w.waiter.stop(target.queryExecutionId());
    String message =
        paging
            ? "The results could not be sent within " + limit.toSeconds() + " s."
            : "The query did not finish within " + limit.toSeconds() + " s and was stopped.";
    return w.publisher.fail(target, new AthenaWsException(ErrorCode.TIMEOUT, message));
  }

  private static Result published(PublishResult result) {
    return new Result.Published(Objects.requireNonNull(result, "result"));
  }
}
