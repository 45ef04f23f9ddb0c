package dev.athenaws;

import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.catalog.NamedQuery;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.catalog.Statement;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.internal.protocol.Delivery;
import dev.athenaws.internal.protocol.ServerMessage;
import dev.athenaws.internal.publish.PauseCondition;
import dev.athenaws.internal.publish.PublishTarget;
import dev.athenaws.internal.publish.ResultPublisher;
import dev.athenaws.internal.publish.ResultRequest;
import dev.athenaws.internal.query.CancellationFlag;
import dev.athenaws.internal.query.CompletionWaiter;
import dev.athenaws.internal.query.QueryOutcome;
import dev.athenaws.internal.query.QueryProgress;
import dev.athenaws.internal.query.QueryStarter;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.RequestKey;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.notify.PostOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * The one run flow of a query for a client: start (idempotent), {@code accepted}, wait with {@code
 * progress}, then the rows and {@code complete}, or one {@code error}; within a deadline after
 * which a {@link HandOff} may take the query over. {@link ResumeFlow} is its second half for a
 * query started earlier. Every host (a plain service, the Lambda inline mode, the push task) runs
 * it. Thread-safe: it keeps no state between calls.
 */
final class RunFlow {
  private static final Logger LOG = LoggerFactory.getLogger(RunFlow.class);
  static final String CANCELLED = "The query was cancelled.";
  static final String HANDOFF_FAILED = "The query could not be continued; please try again.";
  static final String NOT_STARTED = "The query could not be started; please try again.";

  final QueryStarter starter;
  final CompletionWaiter waiter;
  final ResultPublisher publisher;
  final QueryCatalog catalog;
  final Duration queryTimeout;
  final Clock clock;
  final ResultRoute results;
  final LinkDelivery links;
  final KnownTotals totals;
  final Sessions sessions;

  RunFlow(
      QueryStarter starter,
      CompletionWaiter waiter,
      ResultPublisher publisher,
      QueryCatalog catalog,
      Duration queryTimeout,
      Clock clock,
      ResultRoute results,
      LinkDelivery links,
      Sessions sessions) {
    this.links = links;
    this.sessions = sessions;
    this.starter = starter;
    this.waiter = waiter;
    this.publisher = publisher;
    this.catalog = catalog;
    this.queryTimeout = queryTimeout;
    this.clock = clock;
    this.results = results;
    this.totals = new KnownTotals(waiter, publisher);
  }

  /** How a wait ended: the results are ready, the run ended, or the wait's time ran out. */
  sealed interface Waited {
    record Ready(StatementKind kind, QueryStats stats, ResultRoute.ResultObject where)
        implements Waited {}

    record Ended(PublishResult result) implements Waited {}

    record OutOfTime() implements Waited {}
  }

  Outcome run(
      PublishTarget client,
      Statement statement,
      RequestKey key,
      RunOptions options,
      Delivery delivery) {
    HandOff handOff = withDelivery(options.handOff(), delivery);
    if (options.atOnce()) {
      return dispatch(client, statement, key, handOff);
    }
    boolean bounded = options.budget() != null;
    Duration budget = bounded ? options.budget() : queryTimeout;
    // One deadline for the run: a start that waits for a busy Athena leaves less time to the query.
    Instant deadline = clock.instant().plus(budget);
    String id;
    try {
      id = starter.start(statement, key, deadline);
    } catch (ThrottledException e) {
      return busy(client, statement, key, e, handOff);
    } catch (RuntimeException e) {
      return new Outcome.Ran(publisher.fail(client, e));
    }
    RunWatch.queryStarted(id);
    PublishTarget target = client.withQueryExecutionId(id);
    try (LocalRuns.Serving serving = sessions.runs.serve(id, target.connection().id())) {
      return started(target, statement, key, options, delivery, handOff, deadline, budget, serving);
    }
  }

  /** The rest of {@link #run} once the query has its id: {@code accepted}, wait, results. */
  private Outcome started(
      PublishTarget target,
      Statement statement,
      RequestKey key,
      RunOptions options,
      Delivery delivery,
      HandOff handOff,
      Instant deadline,
      Duration budget,
      LocalRuns.Serving serving) {
    String id = target.queryExecutionId();
    Instant runStarted = clock.instant();
    boolean bounded = options.budget() != null;
    PostOutcome accepted;
    try {
      accepted =
          publisher.send(
              target,
              sessions.accepted(target, statement.queryName(), delivery, key, options.subject()));
    } catch (RuntimeException e) {
      // The client cannot be reached at all: nobody will read the results, so stop the query.
      waiter.stop(id);
      return new Outcome.Ran(publisher.fail(target, e));
    }
    if (accepted instanceof PostOutcome.Gone) {
      // Gone before it got its token: no client can resume this query.
      waiter.stop(id);
      return new Outcome.Ran(new PublishResult.ConnectionGone());
    }
    Duration untilDeadline = Duration.between(clock.instant(), deadline);
    boolean timeoutFirst = bounded && queryTimeout.compareTo(untilDeadline) <= 0;
    Duration wait = timeoutFirst ? queryTimeout : untilDeadline;
    if (wait.isNegative() || wait.isZero()) {
      return overtime(target, statement, key, Continuation.start(), budget, handOff);
    }
    Waited waited = await(target, wait, stopSignal(serving, ResultRequest.NEVER_STOPPED));
    if (waited instanceof Waited.Ready r) {
      PublishResult linked = links.deliver(target, delivery, r.kind(), r.stats(), r.where());
      if (linked != null) {
        return new Outcome.Ran(linked);
      }
      PauseCondition pause =
          bounded ? () -> !clock.instant().isBefore(deadline) : PauseCondition.NEVER;
      PublishResult result =
          results.publish(
              new ResultRequest(
                  target,
                  r.kind(),
                  columnTypes(statement.queryName()),
                  r.stats(),
                  Continuation.start(),
                  stopSignal(
                      serving, sessions.marks.watch(r.where().outputLocation(), id, runStarted))),
              r.where(),
              pause);
      if (result instanceof PublishResult.Paused p) {
        return overtime(target, statement, key, p.next(), budget, handOff);
      }
      return new Outcome.Ran(result);
    }
    if (waited instanceof Waited.Ended e) {
      return new Outcome.Ran(e.result());
    }
    if (timeoutFirst) {
      return new Outcome.Ran(timeout(target, queryTimeout, false));
    }
    return overtime(target, statement, key, Continuation.start(), budget, handOff);
  }

  /**
   * What stops a run of this query: a client's cancel handled in this process after the run
   * started, or {@code external} (its state machine execution was stopped, or a cancel handled on
   * another host left a mark: {@link dev.athenaws.internal.session.CancelMarks}).
   */
  static BooleanSupplier stopSignal(LocalRuns.Serving serving, BooleanSupplier external) {
    return () -> serving.cancelled() || external.getAsBoolean();
  }

  /**
   * Waits for a started query, posting {@code progress}. A 410 on a post does not stop the query:
   * the wait goes on without posts (so a {@code resume} from another connection finds the query
   * running or done), bounded as before by the deadline or the query timeout; the results are then
   * not published. A client's cancel ({@code cancelled}: {@link #stopSignal}) ends the wait without
   * a message: the cancel tells the client.
   */
  Waited await(PublishTarget target, Duration wait, BooleanSupplier cancelled) {
    String id = target.queryExecutionId();
    CancellationFlag gone = new CancellationFlag();
    // SUCCEEDED is told after the wait, with the total row count when it can be known.
    AtomicReference<QueryProgress> succeeded = new AtomicReference<>();
    QueryOutcome outcome;
    try {
      outcome =
          waiter.await(
              id,
              wait,
              p -> {
                if (p.state() == QueryExecutionState.SUCCEEDED) {
                  succeeded.set(p);
                } else if (!gone.isCancelled()) {
                  publisher.sendProgress(target, p, gone);
                }
              },
              cancelled::getAsBoolean);
    } catch (RuntimeException e) {
      return new Waited.Ended(
          gone.isCancelled() ? new PublishResult.ConnectionGone() : publisher.fail(target, e));
    }
    LOG.debug(
        "query {} ended {} after {} polls",
        id,
        outcome.getClass().getSimpleName(),
        outcome.polls());
    if (outcome instanceof QueryOutcome.Cancelled c) {
      if (cancelled.getAsBoolean()) {
        return new Waited.Ended(new PublishResult.Stopped());
      }
      return new Waited.Ended(
          gone.isCancelled() ? new PublishResult.ConnectionGone() : cancelled(target));
    }
    if (gone.isCancelled() && !(outcome instanceof QueryOutcome.TimedOut)) {
      // Nobody listens here any more; the query ran to its end, for a resume elsewhere.
      return new Waited.Ended(new PublishResult.ConnectionGone());
    }
    if (outcome instanceof QueryOutcome.Succeeded s) {
      RunWatch.stats(s.stats());
      QueryStats stats = totals.announce(target, s.statementKind(), succeeded.get(), s.stats());
      return stats == null
          ? new Waited.Ended(new PublishResult.ConnectionGone())
          : new Waited.Ready(
              s.statementKind(),
              stats,
              new ResultRoute.ResultObject(s.outputLocation(), s.encryptionOption()));
    }
    if (outcome instanceof QueryOutcome.Failed f) {
      return new Waited.Ended(publisher.failQuery(target, f.error(), f.stateChangeReason()));
    }
    return new Waited.OutOfTime();
  }

  PublishResult.Failed cancelled(PublishTarget target) {
    return publisher.fail(target, new AthenaWsException(ErrorCode.QUERY_CANCELLED, CANCELLED));
  }

  /** Stops the query and tells the client it ran out of time. */
  PublishResult timeout(PublishTarget target, Duration limit, boolean paging) {
    waiter.stop(target.queryExecutionId());
    String message =
        paging
            ? "The results could not be sent within " + limit.toSeconds() + " s."
            : "The query did not finish within " + limit.toSeconds() + " s and was stopped.";
    return publisher.fail(target, new AthenaWsException(ErrorCode.TIMEOUT, message));
  }

  /**
   * @return the column type hints of a catalog query, empty for raw SQL or an unknown name
   */
  Map<String, dev.athenaws.internal.types.AthenaType> columnTypes(String queryName) {
    return catalog.find(queryName).map(NamedQuery::columnTypeHints).orElse(Map.of());
  }

  /** The deadline came first: the hand-off takes the query, or it is stopped with TIMEOUT. */
  private Outcome overtime(
      PublishTarget target,
      Statement statement,
      RequestKey key,
      Continuation from,
      Duration budget,
      HandOff handOff) {
    String id = target.queryExecutionId();
    if (handOff != null) {
      try {
        if (handOff.take(request(target, statement, key, from))) {
          LOG.info(
              "query {} for connection {} handed off at page {}",
              id,
              target.connection().id(),
              from.pageNumber());
          return new Outcome.HandedOff(id, from);
        }
      } catch (ThrottledException e) {
        // The service that would continue the query is busy: the same error as a busy Athena's.
        LOG.warn(
            "hand-off of query {} ({}) for connection {} throttled by {} after {} attempts",
            id,
            statement.label(),
            target.connection().id(),
            e.service(),
            e.attempts());
        waiter.stop(id);
        return new Outcome.Ran(publisher.fail(target, e));
      } catch (RuntimeException e) {
        LOG.error(
            "hand-off of query {} ({}) for connection {} failed: {}",
            id,
            statement.label(),
            target.connection().id(),
            e.getClass().getSimpleName());
        waiter.stop(id);
        return new Outcome.Ran(
            publisher.fail(target, new AthenaWsException(ErrorCode.INTERNAL, HANDOFF_FAILED)));
      }
    }
    return new Outcome.Ran(timeout(target, budget, !from.isStart()));
  }

  /**
   * Athena did not take the query before the deadline (its concurrent query limit, throttling,
   * unreachable): the hand-off may start it instead (a state machine whose start state retries with
   * the same ClientRequestToken); else the client hears ATHENA_BUSY now.
   */
  private Outcome busy(
      PublishTarget client,
      Statement statement,
      RequestKey key,
      ThrottledException e,
      HandOff handOff) {
    LOG.info(
        "Athena busy ({}) after {} attempts for {} on connection {}",
        e.reason(),
        e.attempts(),
        statement.label(),
        client.connection().id());
    AthenaWsException notTaken = handOff == null ? e : handOver(client, statement, key, handOff);
    if (notTaken == null) {
      return new Outcome.HandedOff(null, Continuation.start());
    }
    if (notTaken.code() == ErrorCode.BAD_REQUEST) {
      publisher.fail(client, notTaken);
      return new Outcome.Refused(notTaken.code());
    }
    return new Outcome.Ran(publisher.fail(client, e));
  }

  /** Hands the statement over without starting it here; {@code accepted} has no query id. */
  private Outcome dispatch(
      PublishTarget client, Statement statement, RequestKey key, HandOff handOff) {
    AthenaWsException notTaken = handOver(client, statement, key, handOff);
    if (notTaken == null) {
      return new Outcome.HandedOff(null, Continuation.start());
    }
    publisher.fail(client, notTaken);
    return notTaken.code() == ErrorCode.BAD_REQUEST
        ? new Outcome.Refused(notTaken.code())
        : new Outcome.NotStarted(notTaken.code());
  }

  /**
   * Offers a statement that was not started here to the hand-off; when it is taken, tells the
   * client {@code accepted} (without a query id: the query starts elsewhere).
   *
   * @return null when the hand-off took it; else why not, for the client: the {@link
   *     ThrottledException} of a service that kept pushing back (ATHENA_BUSY), a BAD_REQUEST meant
   *     for the client (a request id reused for another query), or INTERNAL
   */
  private AthenaWsException handOver(
      PublishTarget client, Statement statement, RequestKey key, HandOff handOff) {
    try {
      if (handOff.take(request(client, statement, key, Continuation.start()))) {
        publisher.send(client, ServerMessage.Accepted.of(client.requestId(), null));
        return null;
      }
      LOG.warn(
          "hand-off of {} for connection {} was refused",
          statement.label(),
          client.connection().id());
    } catch (ThrottledException e) {
      LOG.warn(
          "hand-off of {} for connection {} throttled by {} after {} attempts",
          statement.label(),
          client.connection().id(),
          e.service(),
          e.attempts());
      return e;
    } catch (AthenaWsException e) {
      if (e.code() == ErrorCode.BAD_REQUEST) {
        return e;
      }
      LOG.error(
          "hand-off of {} for connection {} failed: {}",
          statement.label(),
          client.connection().id(),
          e.getClass().getSimpleName());
    } catch (RuntimeException e) {
      LOG.error(
          "hand-off of {} for connection {} failed: {}",
          statement.label(),
          client.connection().id(),
          e.getClass().getSimpleName());
    }
    return new AthenaWsException(ErrorCode.INTERNAL, NOT_STARTED);
  }

  /** The hand-off, passing on how the client asked for the rows; null stays null. */
  private static HandOff withDelivery(HandOff handOff, Delivery delivery) {
    if (handOff == null || delivery == Delivery.ROWS) {
      return handOff;
    }
    return new HandOff() {
      @Override
      public boolean take(HandOff.Request r) {
        return handOff.take(
            new HandOff.Request(
                r.connection(),
                r.requestId(),
                r.statement(),
                r.key(),
                r.queryExecutionId(),
                r.from(),
                delivery,
                r.queryName()));
      }

      @Override
      public boolean stop(String requestKey) {
        return handOff.stop(requestKey);
      }
    };
  }

  private static HandOff.Request request(
      PublishTarget target, Statement statement, RequestKey key, Continuation from) {
    return new HandOff.Request(
        target.connection(), target.requestId(), statement, key, target.queryExecutionId(), from);
  }
}
