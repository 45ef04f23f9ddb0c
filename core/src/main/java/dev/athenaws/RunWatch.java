package dev.athenaws;

import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.RunListener.Measure;
import dev.athenaws.RunListener.Phase;
import dev.athenaws.RunListener.Result;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.RunTally;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Wraps one call of the front door: puts the connection id (and, once known, the query execution
 * id) in the slf4j {@link MDC} so that every log line of the call carries them, opens the call's
 * {@link RunTally}, and tells the {@link RunListener} at the end. The MDC keys it set are put back
 * as they were afterwards (threads are reused: Lambda's, a host's worker pool, the prefetch pool).
 * Thread-safe: the per-call state lives on the calling thread.
 */
final class RunWatch {
  /** MDC key of the client's connection id. */
  static final String CONNECTION_ID = "connectionId";

  /** MDC key of Athena's query execution id. */
  static final String QUERY_EXECUTION_ID = "queryExecutionId";

  private static final Logger LOG = LoggerFactory.getLogger(RunWatch.class);

  private final RunListener listener;
  private final Clock clock;
  private final AtomicBoolean warned = new AtomicBoolean();

  RunWatch(RunListener listener, Clock clock) {
    this.listener = listener;
    this.clock = clock;
  }

  /** How a call ended, as the listener is told. */
  record Ended(Result result, ErrorCode code, String queryName, Long rows) {}

  /**
   * Runs a call of the front door with its log context and tally.
   *
   * @param connectionId the client's connection id
   * @param queryExecutionId the query's id when known at the start, else null
   * @param body the call
   * @param ended how the call's value ended, for the listener
   */
  <T> T watch(
      Phase phase,
      String connectionId,
      String queryExecutionId,
      Supplier<T> body,
      Function<T, Ended> ended) {
    Instant start = clock.instant();
    String connectionBefore = MDC.get(CONNECTION_ID);
    String queryBefore = MDC.get(QUERY_EXECUTION_ID);
    RunTally tally = RunTally.open();
    RunTally tallyBefore = RunTally.enter(tally);
    try {
      put(CONNECTION_ID, connectionId);
      put(QUERY_EXECUTION_ID, queryExecutionId);
      tally.queryExecutionId(queryExecutionId);
      T value = body.get();
      tell(phase, tally, ended.apply(value), Duration.between(start, clock.instant()));
      return value;
    } finally {
      put(CONNECTION_ID, connectionBefore);
      put(QUERY_EXECUTION_ID, queryBefore);
      RunTally.restore(tallyBefore);
    }
  }

  /** The query of the current call is known: log lines and the tally carry its id from now on. */
  static void queryStarted(String queryExecutionId) {
    RunTally tally = RunTally.current();
    if (tally != null) {
      tally.queryExecutionId(queryExecutionId);
    }
    if (queryExecutionId != null) {
      MDC.put(QUERY_EXECUTION_ID, queryExecutionId);
    }
  }

  /** Athena's statistics of the current call's query. */
  static void stats(QueryStats stats) {
    RunTally tally = RunTally.current();
    if (tally != null) {
      tally.stats(stats);
    }
  }

  static Ended of(Outcome outcome, String queryName) {
    if (outcome instanceof Outcome.Listed) {
      return new Ended(Result.LISTED, null, null, null);
    }
    if (outcome instanceof Outcome.Answered) {
      return new Ended(Result.ANSWERED, null, null, null);
    }
    if (outcome instanceof Outcome.Cancelled) {
      return new Ended(Result.CANCELLED, null, queryName, null);
    }
    if (outcome instanceof Outcome.Refused r) {
      return new Ended(Result.REFUSED, r.code(), queryName, null);
    }
    if (outcome instanceof Outcome.NotStarted n) {
      return new Ended(Result.NOT_STARTED, n.code(), queryName, null);
    }
    if (outcome instanceof Outcome.HandedOff) {
      return new Ended(Result.HANDED_OFF, null, queryName, null);
    }
    return of(((Outcome.Ran) outcome).result(), queryName);
  }

  static Ended of(PublishResult result, String queryName) {
    if (result instanceof PublishResult.Completed c) {
      return new Ended(Result.COMPLETED, null, queryName, c.rowCount());
    }
    if (result instanceof PublishResult.Failed f) {
      return new Ended(Result.FAILED, f.code(), queryName, null);
    }
    if (result instanceof PublishResult.Paused) {
      return new Ended(Result.PAUSED, null, queryName, null);
    }
    if (result instanceof PublishResult.Stopped) {
      return new Ended(Result.CANCELLED, null, queryName, null);
    }
    if (result instanceof PublishResult.ConnectionGone) {
      return new Ended(Result.CONNECTION_GONE, null, queryName, null);
    }
    return new Ended(Result.UNDELIVERED, null, queryName, null);
  }

  private void tell(Phase phase, RunTally tally, Ended ended, Duration elapsed) {
    Map<Measure, Long> measures = new EnumMap<>(Measure.class);
    QueryStats stats = tally.stats();
    putIfKnown(measures, Measure.QUEUE_TIME_MILLIS, stats.queryQueueTimeMillis());
    putIfKnown(measures, Measure.ENGINE_TIME_MILLIS, stats.engineExecutionTimeMillis());
    putIfKnown(measures, Measure.DATA_SCANNED_BYTES, stats.dataScannedBytes());
    putIfKnown(measures, Measure.ROWS, ended.rows());
    measures.put(Measure.MESSAGES, tally.messages());
    measures.put(Measure.MESSAGE_BYTES, tally.messageBytes());
    measures.put(Measure.POSTS_RETRIED, tally.postsRetried());
    measures.put(Measure.POSTS_THROTTLED, tally.postsThrottled());
    measures.put(Measure.ATHENA_CALLS, tally.athenaCalls());
    measures.put(Measure.ATHENA_RETRIES, tally.athenaRetries());
    try {
      listener.runEnded(
          new RunListener.RunEnded(
              phase,
              ended.queryName(),
              ended.result(),
              tally.queryExecutionId(),
              ended.code(),
              elapsed,
              measures));
    } catch (RuntimeException e) {
      if (warned.compareAndSet(false, true)) {
        LOG.warn(
            "the run listener {} failed ({}); the run is not affected, later failures are not "
                + "logged",
            listener.getClass().getName(),
            e.getClass().getName());
      }
    }
  }

  private static void putIfKnown(Map<Measure, Long> measures, Measure measure, Long value) {
    if (value != null) {
      measures.put(measure, value);
    }
  }

  private static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
