package dev.athenaws.internal.query;

import dev.athenaws.error.QueryFailedException;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.error.ThrottledException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.model.GetQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;

/** The state of one wait: poll and failure counters, last state and statistics. Not thread-safe. */
final class PollRun {
  private final PollingCompletionWaiter w;
  private final String id;
  private final Duration timeout;
  private final QueryProgressListener listener;
  private final CancellationSignal cancel;
  private final Instant start;
  private final Instant deadline;
  private final GetQueryExecutionRequest request;

  private int polls;
  private int pollAttempt = 1;
  private int failures;
  private Reason lastPushBack;
  private QueryExecutionState lastState;
  private QueryStats lastStats = QueryStats.EMPTY;

  PollRun(
      PollingCompletionWaiter w,
      String id,
      Duration timeout,
      QueryProgressListener listener,
      CancellationSignal cancel) {
    this.w = w;
    this.id = id;
    this.timeout = timeout;
    this.listener = listener;
    this.cancel = cancel;
    this.start = w.clock.instant();
    this.deadline = start.plus(timeout);
    this.request = GetQueryExecutionRequest.builder().queryExecutionId(id).build();
  }

  QueryOutcome run() {
    try {
      Duration next = w.polling.delay(pollAttempt, w.random);
      while (true) {
        if (cancel.isCancelled()) {
          return cancelledByUs();
        }
        Duration remaining = Duration.between(w.clock.instant(), deadline);
        if (remaining.isNegative() || remaining.isZero()) {
          if (w.stopAtDeadline) {
            w.stopQuietly(id);
          }
          return new QueryOutcome.TimedOut(id, timeout, lastStats, polls);
        }
        w.sleeper.sleep(next.compareTo(remaining) < 0 ? next : remaining);
        if (cancel.isCancelled()) {
          return cancelledByUs();
        }
        QueryExecution execution = poll();
        if (execution == null) {
          next = w.retry.delay(lastPushBack, failures);
          continue;
        }
        QueryOutcome outcome = observe(execution);
        if (outcome != null) {
          return outcome;
        }
        next = w.polling.delay(++pollAttempt, w.random);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return cancelledByUs();
    } catch (SdkException e) {
      if (!PushBack.interrupted(e)) {
        w.stopQuietly(id);
        throw e;
      }
      // The SDK aborts a call when the thread is interrupted: the same as an interrupted sleep.
      Thread.currentThread().interrupt();
      return cancelledByUs();
    } catch (QueryFailedException e) {
      // Athena rejected the poll itself (an unknown id): there is nothing to stop.
      throw e;
    } catch (RuntimeException e) {
      w.stopQuietly(id);
      throw e;
    }
  }

  /**
   * @return the execution, or null after a push-back that may be retried
   */
  private QueryExecution poll() {
    polls++;
    RunTally tally = RunTally.current();
    if (tally != null) {
      tally.athenaCall();
    }
    try {
      QueryExecution execution = w.client.getQueryExecution(request).queryExecution();
      failures = 0;
      return execution;
    } catch (InvalidRequestException e) {
      throw AthenaRejection.of(e, id, "Athena rejected the status request");
    } catch (SdkException e) {
      Reason reason = PushBack.of(e);
      if (reason == null) {
        throw e;
      }
      failures += PushBack.attempts(e);
      lastPushBack = reason;
      if (failures >= PushBack.policy(w.retry.policy(), reason).maxAttempts()) {
        throw new ThrottledException(PollingCompletionWaiter.GET, reason, failures, e);
      }
      if (tally != null) {
        tally.athenaRetry();
      }
      return null;
    }
  }

  /**
   * @return the outcome when the execution is in a terminal state, else null
   */
  private QueryOutcome observe(QueryExecution execution) {
    QueryExecutionStatus status = execution.status();
    QueryExecutionState state = status == null ? null : status.state();
    QueryStats stats = QueryStats.of(execution);
    // Progress reports state, bytes scanned and engine time: only a change in those is news
    // (total time grows on every poll).
    boolean changed =
        state != lastState
            || !Objects.equals(stats.dataScannedBytes(), lastStats.dataScannedBytes())
            || !Objects.equals(
                stats.engineExecutionTimeMillis(), lastStats.engineExecutionTimeMillis());
    lastState = state;
    lastStats = stats;
    if (changed && state != null) {
      listener.onProgress(
          new QueryProgress(
              state,
              Duration.between(start, w.clock.instant()),
              stats.dataScannedBytes(),
              stats.engineExecutionTimeMillis()));
    }
    if (state == null) {
      return null;
    }
    String reason = UserSafeMessage.of(status.stateChangeReason(), null);
    return switch (state) {
      case SUCCEEDED ->
          new QueryOutcome.Succeeded(
              id,
              StatementKind.of(execution),
              ResultLocation.outputLocation(execution),
              stats,
              polls,
              ResultLocation.encryptionOption(execution));
      case FAILED ->
          new QueryOutcome.Failed(
              id,
              QueryError.of(status.athenaError(), status.stateChangeReason()),
              reason,
              stats,
              polls);
      case CANCELLED -> new QueryOutcome.Cancelled(id, false, reason, stats, polls);
      default -> null;
    };
  }

  private QueryOutcome cancelledByUs() {
    w.stopQuietly(id);
    return new QueryOutcome.Cancelled(id, true, null, lastStats, polls);
  }
}
