package dev.athenaws.internal.query;

import dev.athenaws.error.QueryFailedException;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.retry.Backoff;
import dev.athenaws.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
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
 * built with {@link Builder#stopAtDeadline stopAtDeadline(false)}), on a raised {@link
 * CancellationSignal} or on an interrupt, the query is stopped ({@code StopQueryExecution}, best
 * effort: a failure to stop is logged, not thrown).
 *
 * <p>Thread-safety: implementations are thread-safe; each call is one independent wait.
 *
 * <p>Exceptions: {@link #await} throws {@link ThrottledException}, {@link QueryFailedException},
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
   * @param listener hears state changes and statistics changes, not null ({@link
   *     QueryProgressListener#NONE})
   * @param cancel checked before every sleep and poll, not null ({@link CancellationSignal#NEVER})
   * @return how the query ended: {@link QueryOutcome.Succeeded}, {@link QueryOutcome.Failed},
   *     {@link QueryOutcome.Cancelled} (also when the thread was interrupted: the interrupt flag is
   *     then set again), or {@link QueryOutcome.TimedOut}
   * @throws ThrottledException when polls kept being throttled; the query was stopped
   * @throws QueryFailedException when Athena rejects the poll (such as an unknown query id)
   * @throws RuntimeException thrown by the listener, after the query was stopped
   * @throws software.amazon.awssdk.core.exception.SdkException for other Athena failures (such as
   *     access denied); the query was stopped if possible
   * @throws IllegalArgumentException when timeout is not positive
   */
  QueryOutcome await(
      String queryExecutionId,
      Duration timeout,
      QueryProgressListener listener,
      CancellationSignal cancel);

  /**
   * Reads a query's status once ({@code GetQueryExecution}), without waiting for it to end: for a
   * caller that takes over a query started elsewhere and needs its state, statement type and
   * statistics. A throttled or 5xx call is retried with {@link AthenaRetry#throttling}'s backoff,
   * at most its {@code maxAttempts} calls in all (GetQueryExecution is read-only, so a retry is
   * always safe).
   *
   * @param queryExecutionId the query, not null
   * @return the query execution as Athena describes it
   * @throws ThrottledException when Athena kept pushing back until the retries ran out
   * @throws QueryFailedException when Athena rejects the request (such as an unknown query id)
   * @throws dev.athenaws.error.AthenaWsException with code QUERY_CANCELLED when interrupted while
   *     waiting to retry (the interrupt flag is set again)
   * @throws software.amazon.awssdk.core.exception.SdkException for other Athena failures (such as
   *     access denied)
   */
  QueryExecution describe(String queryExecutionId);

  /**
   * The row count of a finished query's result, from one {@code GetQueryRuntimeStatistics} call
   * ({@code QueryRuntimeStatistics.Rows.OutputRows}), for a known total before the rows. Best
   * effort: the call is made once, never retried, and any failure (access denied, throttled, an
   * unknown operation, a statement without row statistics) gives empty, never an exception; Athena
   * fills the non-timeline statistics asynchronously, so they may be missing right after the query
   * ends (GetQueryRuntimeStatistics API reference), which also gives empty.
   *
   * @param queryExecutionId a SUCCEEDED query, not null
   * @return the row count; empty when unknown or when the waiter was built without runtime
   *     statistics (the default of this method, for waiters that do not read them)
   */
  default OptionalLong outputRows(String queryExecutionId) {
    return OptionalLong.empty();
  }

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
  static Builder builder(AthenaClient client) {
    return new Builder(client);
  }

  /**
   * Builds the Athena-backed {@link CompletionWaiter}. Defaults: {@link Backoff#POLLING}, {@link
   * AthenaRetry#DEFAULT}, {@link Sleeper#system()}, {@link Clock#systemUTC()}, a {@link
   * java.security.SecureRandom}. Setters throw {@link NullPointerException} for null, naming the
   * parameter.
   *
   * <p>Thread-safety: not thread-safe; the built waiter is.
   */
  public static final class Builder extends AthenaCallsBuilder<Builder> {
    private Backoff polling = Backoff.POLLING;
    private boolean stopAtDeadline = true;
    private boolean runtimeStatistics = true;

    Builder(AthenaClient client) {
      super(client);
    }

    /**
     * Sets the delay between polls.
     *
     * @param polling the backoff; attempt 1 is the delay before the first poll
     * @return this builder
     */
    public Builder polling(Backoff polling) {
      this.polling = Objects.requireNonNull(polling, "polling");
      return this;
    }

    /**
     * Whether a wait that reaches its deadline stops the query (the default) or leaves it running,
     * for a caller that hands the running query on to someone else (such as a Lambda that passes it
     * to a Step Functions execution before its own time runs out). Cancellation always stops the
     * query.
     *
     * @param stop false to leave the query running when the deadline passes
     * @return this builder
     */
    public Builder stopAtDeadline(boolean stop) {
      this.stopAtDeadline = stop;
      return this;
    }

    /**
     * Whether {@link CompletionWaiter#outputRows} calls {@code GetQueryRuntimeStatistics} (the
     * default) or answers empty without a call (for a role without {@code
     * athena:GetQueryRuntimeStatistics}, or to save the call).
     *
     * @param read false to never call it
     * @return this builder
     */
    public Builder runtimeStatistics(boolean read) {
      this.runtimeStatistics = read;
      return this;
    }

    /**
     * Builds the waiter; the builder stays usable.
     *
     * @return the waiter
     */
    public CompletionWaiter build() {
      return new PollingCompletionWaiter(
          client, polling, retryLoop(), sleeper, clock, random, stopAtDeadline, runtimeStatistics);
    }
  }
}
