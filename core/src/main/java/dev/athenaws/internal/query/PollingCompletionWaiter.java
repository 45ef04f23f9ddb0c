package dev.athenaws.internal.query;

import dev.athenaws.retry.Backoff;
import dev.athenaws.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryRuntimeStatistics;
import software.amazon.awssdk.services.athena.model.StopQueryExecutionRequest;

/** {@link CompletionWaiter} over GetQueryExecution; each call runs one {@link PollRun}. */
final class PollingCompletionWaiter implements CompletionWaiter {
  private static final Logger LOG = LoggerFactory.getLogger(PollingCompletionWaiter.class);
  static final String GET = "GetQueryExecution";
  static final String STOP = "StopQueryExecution";

  final AthenaClient client;
  final Backoff polling;
  final RetryLoop retry;
  final Sleeper sleeper;
  final Clock clock;
  final RandomGenerator random;
  final boolean stopAtDeadline;
  final boolean runtimeStatistics;

  PollingCompletionWaiter(
      AthenaClient client,
      Backoff polling,
      RetryLoop retry,
      Sleeper sleeper,
      Clock clock,
      RandomGenerator random,
      boolean stopAtDeadline,
      boolean runtimeStatistics) {
    this.client = client;
    this.polling = polling;
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
    this.stopAtDeadline = stopAtDeadline;
    this.runtimeStatistics = runtimeStatistics;
  }

  @Override
  public OptionalLong outputRows(String queryExecutionId) {
    Objects.requireNonNull(queryExecutionId, "queryExecutionId");
    if (!runtimeStatistics) {
      return OptionalLong.empty();
    }
    // One call, not retried: a known total is a nicety, never worth a failed or delayed query.
    RunTally tally = RunTally.current();
    if (tally != null) {
      tally.athenaCall();
    }
    try {
      QueryRuntimeStatistics stats =
          client
              .getQueryRuntimeStatistics(r -> r.queryExecutionId(queryExecutionId))
              .queryRuntimeStatistics();
      Long rows = stats == null || stats.rows() == null ? null : stats.rows().outputRows();
      return rows == null || rows < 0 ? OptionalLong.empty() : OptionalLong.of(rows);
    } catch (RuntimeException e) {
      LOG.debug(
          "GetQueryRuntimeStatistics of {} failed ({}): no known total",
          queryExecutionId,
          e.getClass().getSimpleName());
      return OptionalLong.empty();
    }
  }

  @Override
  public QueryOutcome await(
      String queryExecutionId,
      Duration timeout,
      QueryProgressListener listener,
      CancellationSignal cancel) {
    Objects.requireNonNull(queryExecutionId, "queryExecutionId");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(cancel, "cancel");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0: " + timeout);
    }
    return new PollRun(this, queryExecutionId, timeout, listener, cancel).run();
  }

  @Override
  public QueryExecution describe(String queryExecutionId) {
    GetQueryExecutionRequest request =
        GetQueryExecutionRequest.builder()
            .queryExecutionId(Objects.requireNonNull(queryExecutionId, "queryExecutionId"))
            .build();
    try {
      return retry.call(GET, () -> client.getQueryExecution(request)).queryExecution();
    } catch (InvalidRequestException e) {
      throw AthenaRejection.of(e, queryExecutionId, "Athena rejected the status request");
    }
  }

  /**
   * Stops the query, retrying push-backs; never throws. Runs with the interrupt flag cleared (the
   * SDK aborts calls on an interrupted thread) and restores it.
   */
  @Override
  public void stop(String queryExecutionId) {
    stopQuietly(Objects.requireNonNull(queryExecutionId, "queryExecutionId"));
  }

  void stopQuietly(String queryExecutionId) {
    boolean interrupted = Thread.interrupted();
    try {
      StopQueryExecutionRequest request =
          StopQueryExecutionRequest.builder().queryExecutionId(queryExecutionId).build();
      retry.call(STOP, () -> client.stopQueryExecution(request));
      LOG.debug("Stopped query {}", queryExecutionId);
    } catch (RuntimeException e) {
      LOG.warn("Could not stop query {}", queryExecutionId, e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
