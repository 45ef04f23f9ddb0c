package dev.athenaws;

import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.QueryFailedException;
import dev.athenaws.internal.publish.PauseCondition;
import dev.athenaws.internal.publish.PublishTarget;
import dev.athenaws.internal.publish.ResultRequest;
import dev.athenaws.internal.query.QueryError;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.ResultLocation;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.internal.s3.ResultSource;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * The second half of {@link RunFlow} for a query started earlier: read its state, await it within
 * the host's remaining time when it still runs, then publish from the continuation, pausing with
 * the next one when time runs low; or report a state machine's failure. Thread-safe: no state.
 */
final class ResumeFlow {
  private static final Logger LOG = LoggerFactory.getLogger(ResumeFlow.class);
  static final String EXPIRED = ResultSource.EXPIRED;

  private final RunFlow flow;

  ResumeFlow(RunFlow flow) {
    this.flow = flow;
  }

  PublishResult resume(Resumption r) {
    PublishTarget target = r.target;
    if (r.failure != null) {
      return report(target, r.failure);
    }
    Instant started = flow.clock.instant();
    try (LocalRuns.Serving serving =
        flow.sessions.runs.serve(target.queryExecutionId(), target.connection().id())) {
      return continueQuery(r, RunFlow.stopSignal(serving, r.stopped), started);
    }
  }

  private PublishResult continueQuery(Resumption r, BooleanSupplier stopped, Instant started) {
    PublishTarget target = r.target;
    if (r.succeeded != null) {
      return succeeded(
          r,
          stopped,
          started,
          r.succeeded.kind(),
          r.succeeded.stats(),
          new ResultRoute.ResultObject(r.outputLocation, r.encryptionOption));
    }
    QueryExecution execution;
    try {
      execution = describe(target.queryExecutionId());
    } catch (QueryFailedException e) {
      // Athena does not know the id (any more): its query history is kept for 45 days.
      return flow.publisher.fail(
          target, r.byClient ? new AthenaWsException(ErrorCode.RESULT_EXPIRED, EXPIRED, e) : e);
    } catch (RuntimeException e) {
      return flow.publisher.fail(target, e);
    }
    QueryExecutionState state = execution.status() == null ? null : execution.status().state();
    if (state == QueryExecutionState.SUCCEEDED) {
      return succeeded(
          r,
          stopped,
          started,
          StatementKind.of(execution),
          QueryStats.of(execution),
          new ResultRoute.ResultObject(
              ResultLocation.outputLocation(execution),
              ResultLocation.encryptionOption(execution)));
    }
    if (state == QueryExecutionState.FAILED) {
      return flow.publisher.failQuery(
          target,
          QueryError.of(execution.status().athenaError(), execution.status().stateChangeReason()),
          null);
    }
    if (state == QueryExecutionState.CANCELLED) {
      return stopped.getAsBoolean() ? new PublishResult.Stopped() : flow.cancelled(target);
    }
    return await(r, execution, stopped, started);
  }

  private PublishResult succeeded(
      Resumption r,
      BooleanSupplier stopped,
      Instant started,
      StatementKind kind,
      QueryStats stats,
      ResultRoute.ResultObject where) {
    RunWatch.stats(stats);
    if (!r.from.isStart()) {
      return publish(r, stopped, started, kind, stats, where);
    }
    // A state machine's wait posts no progress of its own: tell the client the query finished,
    // with its time, data scanned and (when known) total rows, before the first rows.
    QueryStats known = flow.totals.announce(r.target, kind, KnownTotals.fromStats(stats), stats);
    return known == null
        ? new PublishResult.ConnectionGone()
        : publish(r, stopped, started, kind, known, where);
  }

  private PublishResult report(PublishTarget target, Resumption.Failure failure) {
    if (failure instanceof Resumption.Failure.AthenaFailed f) {
      return flow.publisher.failQuery(target, f.error(), null);
    }
    if (failure instanceof Resumption.Failure.Cancelled) {
      return flow.cancelled(target);
    }
    return flow.publisher.fail(target, ((Resumption.Failure.Reported) failure).exception());
  }

  /** The query still runs: wait within the host's budget and the query timeout. */
  private PublishResult await(
      Resumption r, QueryExecution execution, BooleanSupplier stopped, Instant started) {
    Instant submitted = execution.status() == null ? null : execution.status().submissionDateTime();
    Duration queryLeft =
        submitted == null
            ? flow.queryTimeout
            : flow.queryTimeout.minus(Duration.between(submitted, flow.clock.instant()));
    Duration budget = r.remaining.remaining().minus(r.reserve);
    if (queryLeft.isNegative() || queryLeft.isZero()) {
      return flow.timeout(r.target, flow.queryTimeout, false);
    }
    if (budget.isNegative() || budget.isZero()) {
      return new PublishResult.Paused(r.from);
    }
    boolean timeoutFirst = queryLeft.compareTo(budget) <= 0;
    RunFlow.Waited waited = flow.await(r.target, timeoutFirst ? queryLeft : budget, stopped);
    if (waited instanceof RunFlow.Waited.Ready ready) {
      return publish(r, stopped, started, ready.kind(), ready.stats(), ready.where());
    }
    if (waited instanceof RunFlow.Waited.Ended ended) {
      return ended.result();
    }
    return timeoutFirst
        ? flow.timeout(r.target, flow.queryTimeout, false)
        : new PublishResult.Paused(r.from);
  }

  /**
   * Publishes from the continuation. A run here (a client's resume, a push task) also stops for a
   * cancel handled on another host, written as a mark beside the result; a push task stops too when
   * its execution was stopped ({@code r.stopped}: a cancel on a host without marks).
   */
  private PublishResult publish(
      Resumption r,
      BooleanSupplier signal,
      Instant started,
      StatementKind kind,
      QueryStats stats,
      ResultRoute.ResultObject where) {
    // A client's resume heeds only cancels that came after it; a push task continues a delivery
    // that began before this invocation, so every cancel still in its window is for it.
    BooleanSupplier marked =
        flow.sessions.marks.watch(
            where.outputLocation(),
            r.target.queryExecutionId(),
            r.byClient ? started : Instant.MIN);
    BooleanSupplier stopped = () -> signal.getAsBoolean() || marked.getAsBoolean();
    if (r.from.isStart()) {
      PublishResult linked = flow.links.deliver(r.target, r.delivery, kind, stats, where);
      if (linked != null) {
        return linked;
      }
    }
    ResultRequest request =
        new ResultRequest(r.target, kind, flow.columnTypes(r.queryName), stats, r.from, stopped);
    PauseCondition pause = () -> r.remaining.remaining().compareTo(r.reserve) < 0;
    // A client's resume (here, or handed to a push task: it skips what the client holds) of a
    // result deleted since is RESULT_EXPIRED.
    boolean clientResume = r.byClient || r.from.skipThroughSeq() >= 0;
    PublishResult result = flow.results.publish(request, where, pause, clientResume);
    LOG.info(
        "push of query {} to connection {}: {}",
        r.target.queryExecutionId(),
        r.target.connection().id(),
        result.getClass().getSimpleName());
    return result;
  }

  /**
   * One GetQueryExecution (the statement kind, for the header row, and the statistics); throttling
   * and 5xx are retried by the waiter with core's bounded backoff.
   */
  private QueryExecution describe(String id) {
    try {
      return flow.waiter.describe(id);
    } catch (SdkException e) {
      LOG.error("GetQueryExecution of {} failed: {}", id, e.getClass().getName());
      throw new AthenaWsException(ErrorCode.INTERNAL, "The query status could not be read.", e);
    }
  }
}
