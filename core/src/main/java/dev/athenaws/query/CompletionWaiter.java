package dev.athenaws.query;

import java.time.Duration;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;

/**
 * Waits for a started query to end, by polling {@code GetQueryExecution}.
 *
 * <p>The Athena-backed implementation ({@link #builder}) polls with a growing delay (by default
 * {@link dev.athenaws.retry.Backoff#POLLING}, 100 ms doubling to 5 s, as the Athena JDBC 3.x driver
 * does), the first poll one delay after the call, since a just-started query is never done. QUEUED
 * after RUNNING is normal (Athena requeues on transient errors); SUCCEEDED, FAILED and CANCELLED
 * end the wait, so a query cancelled elsewhere is never polled forever. A throttled or 5xx poll is
 * retried within the same deadline with {@link AthenaRetry#throttling}'s backoff, at most its
 * {@code maxAttempts} times in a row. No sleep reaches past the deadline; at the deadline (unless
 * built with {@link CompletionWaiterBuilder#stopAtDeadline stopAtDeadline(false)}), on a raised
 * {@link CancellationSignal} or on an interrupt, the query is stopped ({@code StopQueryExecution},
 * best effort: a failure to stop is logged, not thrown).
 *
 * <p>Thread-safety: implementations are thread-safe; each call is one independent wait.
 *
 * <p>Exceptions: {@link #await} throws {@link AthenaBusyException}, {@link QueryFailedException},
 * {@code SdkException}, a listener's exception and {@link IllegalArgumentException} as documented
 * on it; {@link #stop} never throws for a failed stop; {@link #builder} throws {@link
 * NullPointerException} for a null client.
 */
public interface CompletionWaiter {
  /**
   * Waits for the query to end.
   *
   * @param queryExecutionId the query, not null
   * @param timeout how long to wait at most, > 0
   * @param listener hears state changes and statistics changes, not null ({@link QueryProgressListener#NONE})
   * @param cancel checked before every sleep and poll, not null ({@link CancellationSignal#NEVER})
   * @return how the query ended: {@link QueryOutcome.Succeeded}, {@link QueryOutcome.Failed},
   *     {@link QueryOutcome.Cancelled} (also when the thread was interrupted: the interrupt flag is
   *     then set again), or {@link QueryOutcome.TimedOut}
   * @throws AthenaBusyException when polls kept being throttled; the query was stopped
   * @throws QueryFailedException when Athena rejects the poll (such as an unknown query id)
   * @throws RuntimeException thrown by the listener, after the query was stopped
   * @throws software.amazon.awssdk.core.exception.SdkException for other Athena failures (such as
   *     access denied); the query was stopped if possible
   * @throws IllegalArgumentException when timeout is not positive
   */
  QueryOutcome await(
      String queryExecutionId, Duration timeout, QueryProgressListener listener, CancellationSignal cancel);

  /**
   * Reads a query's status once ({@code GetQueryExecution}), without waiting for it to end: for a
   * caller that takes over a query started elsewhere and needs its state, statement type and
   * statistics. A throttled or 5xx call is retried with {@link AthenaRetry#throttling}'s backoff, at
   * most its {@code maxAttempts} calls in all (GetQueryExecution is read-only, so a retry is always safe).
   *
   * @param queryExecutionId the query, not null
   * @return the query execution as Athena describes it
   * @throws AthenaBusyException when Athena kept pushing back until the retries ran out
   * @throws QueryFailedException when Athena rejects the request (such as an unknown query id)
   * @throws dev.athenaws.AthenaWsException with code QUERY_CANCELLED when interrupted while waiting
   *     to retry (the interrupt flag is set again)
   * @throws software.amazon.awssdk.core.exception.SdkException for other Athena failures (such as
   *     access denied)
   */
  QueryExecution describe(String queryExecutionId);

  /**
   * Stops a query ({@code StopQueryExecution}), best effort: a failure is logged, not thrown. Used
   * when the client that asked for the query goes away before the wait began.
   *
   * @param queryExecutionId the query, not null
   */
  void stop(String queryExecutionId);

  /**
   * @param client the Athena client, built as {@link QueryStarter#builder} describes
   * @return a builder of the Athena-backed waiter
   */
  static CompletionWaiterBuilder builder(AthenaClient client) {
    return new CompletionWaiterBuilder(client);
  }
}
