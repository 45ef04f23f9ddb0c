package dev.athenaws.publish;

import dev.athenaws.AthenaWsException;
import dev.athenaws.ErrorCode;
import dev.athenaws.notify.PostOutcome;
import dev.athenaws.protocol.ServerMessage;
import dev.athenaws.query.CancellationFlag;
import dev.athenaws.query.CompletionWaiter;
import dev.athenaws.query.QueryOutcome;
import dev.athenaws.query.QueryStarter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one query for a client from start to finish in the calling thread (the "inline" mode):
 * {@code StartQueryExecution} -> {@code accepted} -> {@code progress} while polling -> the results
 * ({@link ResultPublisher}) or an {@code error}.
 *
 * <p>If the client disconnects while the query runs (a {@code progress} post finds 410), the wait
 * stops and the query is stopped ({@code StopQueryExecution}); nothing more is posted. The run has
 * one deadline, its timeout from the start: a start that finds Athena busy (its concurrent query
 * limit) retries no later than the deadline, then the client gets {@code error} ATHENA_BUSY; on the
 * deadline a running query is stopped and the client gets {@code error} TIMEOUT.
 *
 * <p>Thread-safety: thread-safe; each {@link #run} is independent.
 *
 * <p>Exceptions: the constructor throws {@link NullPointerException} for null and {@link
 * IllegalArgumentException} for a timeout that is not positive; {@link #run} throws only {@link
 * NullPointerException} for null: every other failure ends as a {@link PublishResult}.
 */
public final class QueryRunner {
  private static final Logger LOG = LoggerFactory.getLogger(QueryRunner.class);

  /** Athena's own default query timeout: 30 minutes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  private final QueryStarter starter;
  private final CompletionWaiter waiter;
  private final ResultPublisher publisher;
  private final Duration timeout;
  private final Clock clock;

  /**
   * Creates a runner over the given services, on the system clock.
   *
   * @param starter starts queries, not null
   * @param waiter waits for them, not null
   * @param publisher publishes their results, not null
   * @param timeout how long a query may run before it is stopped, > 0 (e.g. {@link #DEFAULT_TIMEOUT})
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if timeout is not positive
   */
  public QueryRunner(
      QueryStarter starter, CompletionWaiter waiter, ResultPublisher publisher, Duration timeout) {
    this(starter, waiter, publisher, timeout, Clock.systemUTC());
  }

  /**
   * Creates a runner over the given services.
   *
   * @param starter starts queries, not null
   * @param waiter waits for them, not null
   * @param publisher publishes their results, not null
   * @param timeout how long a run may take from its start, > 0 (e.g. {@link #DEFAULT_TIMEOUT}):
   *     waiting for a busy Athena to take the query counts, the query is given what is left
   * @param clock the clock the deadline is read on (the starter's and waiter's, in tests virtual)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if timeout is not positive
   */
  public QueryRunner(
      QueryStarter starter, CompletionWaiter waiter, ResultPublisher publisher, Duration timeout,
      Clock clock) {
    this.starter = Objects.requireNonNull(starter, "starter");
    this.waiter = Objects.requireNonNull(waiter, "waiter");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0: " + timeout);
    }
  }

  /**
   * Runs the job. Every failure (Athena's, the connection's or an unexpected one) ends as a {@link
   * PublishResult}, after an {@code error} message to the client when it is still connected.
   *
   * @param job the query and its client, not null
   * @param pause asked between result pages, not null ({@link PauseCondition#NEVER})
   * @return how it ended; never throws for a failure the client can be told about
   * @throws NullPointerException if an argument is null
   */
  public PublishResult run(QueryJob job, PauseCondition pause) {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(pause, "pause");
    PublishTarget target = job.target();
    // One deadline for the run: a start that waits for a busy Athena leaves less time to the query.
    Instant deadline = clock.instant().plus(timeout);
    String id;
    try {
      id = starter.start(job.sql(), job.executionParameters(), job.key(), deadline);
    } catch (RuntimeException e) {
      // AthenaBusyException (ATHENA_BUSY) when Athena was still busy at the deadline.
      return publisher.fail(target, e);
    }
    target = target.withQueryExecutionId(id);
    PostOutcome accepted;
    try {
      accepted = publisher.send(target, ServerMessage.Accepted.of(target.requestId(), id));
    } catch (RuntimeException e) {
      // The client cannot be reached at all: nobody will read the results, so stop the query.
      waiter.stop(id);
      return publisher.fail(target, e);
    }
    if (accepted instanceof PostOutcome.Gone) {
      waiter.stop(id);
      return new PublishResult.ConnectionGone();
    }
    CancellationFlag gone = new CancellationFlag();
    PublishTarget t = target;
    QueryOutcome outcome;
    try {
      Duration left = Duration.between(clock.instant(), deadline);
      outcome = waiter.await(id, left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left,
          p -> publisher.sendProgress(t, p, gone), gone);
    } catch (RuntimeException e) {
      return publisher.fail(target, e);
    }
    LOG.debug("query {} ended {} after {} polls", id, outcome.getClass().getSimpleName(), outcome.polls());
    if (outcome instanceof QueryOutcome.Succeeded s) {
      return publisher.publish(
          new ResultRequest(target, s.statementKind(), job.columnTypes(), s.stats(), Continuation.start()),
          pause);
    }
    if (outcome instanceof QueryOutcome.Failed f) {
      return publisher.failQuery(target, f.error(), f.stateChangeReason());
    }
    if (outcome instanceof QueryOutcome.Cancelled c) {
      if (c.byUs() && gone.isCancelled()) {
        return new PublishResult.ConnectionGone();
      }
      return publisher.fail(
          target, new AthenaWsException(ErrorCode.QUERY_CANCELLED, "The query was cancelled."));
    }
    return publisher.fail(
        target,
        new AthenaWsException(
            ErrorCode.TIMEOUT,
            "The query did not finish within " + timeout.toSeconds() + " s and was stopped."));
  }
}
