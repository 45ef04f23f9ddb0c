package dev.athenaws.lambda;

import dev.athenaws.AthenaWsException;
import dev.athenaws.ErrorCode;
import dev.athenaws.publish.PauseCondition;
import dev.athenaws.publish.PublishResult;
import dev.athenaws.publish.PublishTarget;
import dev.athenaws.publish.ResultRequest;
import dev.athenaws.query.CancellationFlag;
import dev.athenaws.query.Progress;
import dev.athenaws.query.QueryError;
import dev.athenaws.query.QueryOutcome;
import dev.athenaws.query.QueryStats;
import dev.athenaws.query.ResultPages;
import dev.athenaws.results.StatementKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * One invocation of the push task: publish a finished query's results from where the input says,
 * until done or until the invocation's remaining time falls below {@code PUSH_TIME_RESERVE_MILLIS}.
 * A query that is still running (a hand-off from an inline run) is awaited within the same budget.
 * Not thread-safe; one per invocation.
 */
final class PushRun {
  private static final Logger LOG = LoggerFactory.getLogger(PushRun.class);

  private final Wiring w;
  private final PushInput in;
  private final LongSupplier remainingMillis;
  private final PublishTarget target;

  /** @param remainingMillis the invocation's remaining time, asked between pages */
  PushRun(Wiring w, PushInput in, LongSupplier remainingMillis) {
    this.w = w;
    this.in = in;
    this.remainingMillis = remainingMillis;
    this.target = new PublishTarget(in.connection(), in.requestId(), in.queryExecutionId());
  }

  PushOutput run() {
    if (in.failure() != null) {
      return PushOutput.ended(StepFailure.report(w.publisher, target, in.failure()));
    }
    QueryExecution execution;
    try {
      execution = in.execution() != null ? in.execution() : describe();
    } catch (RuntimeException e) {
      return PushOutput.ended(w.publisher.fail(target, e));
    }
    QueryExecutionState state =
        execution.status() == null ? null : execution.status().state();
    if (state == QueryExecutionState.SUCCEEDED) {
      QueryStats stats = QueryStats.of(execution);
      if (in.from().isStart() && !announce(stats)) {
        return PushOutput.ended(new PublishResult.ConnectionGone());
      }
      return publish(StatementKind.of(execution), stats);
    }
    if (state == QueryExecutionState.FAILED) {
      return PushOutput.ended(w.publisher.failQuery(target,
          QueryError.of(execution.status().athenaError(), execution.status().stateChangeReason()),
          null));
    }
    if (state == QueryExecutionState.CANCELLED) {
      return PushOutput.ended(w.publisher.fail(target,
          new AthenaWsException(ErrorCode.QUERY_CANCELLED, "The query was cancelled.")));
    }
    return await(execution);
  }

  /**
   * Tells the client the query finished, with its time and data scanned, before the first rows: the
   * state machine's {@code .sync} wait posts no progress of its own.
   *
   * @return false when the connection is gone
   */
  private boolean announce(QueryStats stats) {
    CancellationFlag gone = new CancellationFlag();
    Long total = stats.totalExecutionTimeMillis();
    Progressing.post(w.publisher, target, new Progress(QueryExecutionState.SUCCEEDED,
        Duration.ofMillis(total == null ? 0 : total), stats.dataScannedBytes(),
        stats.engineExecutionTimeMillis()), gone);
    return !gone.isCancelled();
  }

  /** The query still runs: wait within this invocation's budget and the query timeout. */
  private PushOutput await(QueryExecution execution) {
    Instant submitted =
        execution.status() == null ? null : execution.status().submissionDateTime();
    Duration queryLeft =
        submitted == null
            ? w.config.queryTimeout()
            : w.config.queryTimeout().minus(Duration.between(submitted, w.clock.instant()));
    Duration budget = Duration.ofMillis(remainingMillis.getAsLong()).minus(w.config.pushTimeReserve());
    if (queryLeft.isNegative() || queryLeft.isZero()) {
      return timedOut();
    }
    if (budget.isNegative() || budget.isZero()) {
      return PushOutput.paused(in, in.from());
    }
    boolean timeoutFirst = queryLeft.compareTo(budget) <= 0;
    CancellationFlag gone = new CancellationFlag();
    QueryOutcome outcome;
    try {
      outcome = w.waiter.await(in.queryExecutionId(), timeoutFirst ? queryLeft : budget,
          p -> Progressing.post(w.publisher, target, p, gone), gone);
    } catch (RuntimeException e) {
      return PushOutput.ended(w.publisher.fail(target, e));
    }
    if (outcome instanceof QueryOutcome.Succeeded s) {
      return publish(s.statementKind(), s.stats());
    }
    if (outcome instanceof QueryOutcome.Failed f) {
      return PushOutput.ended(w.publisher.failQuery(target, f.error(), f.stateChangeReason()));
    }
    if (outcome instanceof QueryOutcome.Cancelled c) {
      return PushOutput.ended(c.byUs() && gone.isCancelled()
          ? new PublishResult.ConnectionGone()
          : w.publisher.fail(target,
              new AthenaWsException(ErrorCode.QUERY_CANCELLED, "The query was cancelled.")));
    }
    return timeoutFirst ? timedOut() : PushOutput.paused(in, in.from());
  }

  private PushOutput timedOut() {
    w.waiter.stop(in.queryExecutionId());
    return PushOutput.ended(w.publisher.fail(target, new AthenaWsException(ErrorCode.TIMEOUT,
        "The query did not finish within " + w.config.queryTimeout().toSeconds()
            + " s and was stopped.")));
  }

  private PushOutput publish(StatementKind kind, QueryStats stats) {
    ResultRequest request =
        new ResultRequest(target, kind, w.columnTypes(in.queryName()), stats, in.from());
    PauseCondition pause =
        () -> remainingMillis.getAsLong() < w.config.pushTimeReserve().toMillis();
    PublishResult result;
    if (in.firstPage() == null) {
      result = w.publisher.publish(request, pause);
    } else {
      try (EmbeddedFirst pages = new EmbeddedFirst(in.firstPage())) {
        result = w.publisher.publish(request, pages, pause);
      }
    }
    LOG.info("push of query {} to connection {}: {}", in.queryExecutionId(),
        in.connection().connectionId(), result.getClass().getSimpleName());
    if (result instanceof PublishResult.Paused p) {
      return PushOutput.paused(in, p.next());
    }
    return PushOutput.ended(result);
  }

  /**
   * One GetQueryExecution (the statement kind, for the header row, and the statistics); throttling
   * and 5xx are retried by the waiter with core's bounded backoff ({@code AthenaRetry.DEFAULT}).
   */
  private QueryExecution describe() {
    try {
      return w.waiter.describe(in.queryExecutionId());
    } catch (SdkException e) {
      LOG.error("GetQueryExecution of {} failed: {}", in.queryExecutionId(), e.getClass().getName());
      throw new AthenaWsException(ErrorCode.INTERNAL, "The query status could not be read.", e);
    }
  }

  /** The page the input carried, then the pages after it, fetched one ahead. */
  private final class EmbeddedFirst implements Iterator<GetQueryResultsResponse>, AutoCloseable {
    private GetQueryResultsResponse first;
    private final ResultPages rest;

    EmbeddedFirst(GetQueryResultsResponse first) {
      this.first = first;
      this.rest =
          first.nextToken() == null
              ? null
              : ResultPages.open(w.fetcher, in.queryExecutionId(), first.nextToken(), w.prefetch);
    }

    @Override
    public boolean hasNext() {
      return first != null || rest != null && rest.hasNext();
    }

    @Override
    public GetQueryResultsResponse next() {
      if (first != null) {
        GetQueryResultsResponse page = first;
        first = null;
        return page;
      }
      if (rest == null) {
        throw new NoSuchElementException();
      }
      return rest.next();
    }

    @Override
    public void close() {
      if (rest != null) {
        rest.close();
      }
    }
  }

  /** @return a supplier of a fixed budget, for inputs run without a Lambda context */
  static LongSupplier unlimited() {
    return () -> Long.MAX_VALUE / 2;
  }
}
