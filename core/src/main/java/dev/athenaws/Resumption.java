package dev.athenaws;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.internal.publish.PublishTarget;
import dev.athenaws.internal.query.QueryError;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;

/**
 * What {@link AthenaWs#resume} continues: a query started earlier (by a run that handed it off, or
 * by a state machine) whose results go to a client from a {@link Continuation}; or the report of a
 * state machine's failure to that client. Built with {@link #builder(PublishTarget)}.
 *
 * <p>Thread-safety: immutable. The builder is not thread-safe.
 *
 * <p>Exceptions: the builder's setters throw {@link NullPointerException} for null where not
 * nullable; {@link Builder#build()} throws {@link IllegalStateException} without a query execution
 * id and without a failure.
 */
public final class Resumption {
  final PublishTarget target;
  final String queryName;
  final Continuation from;
  final QueryExecution execution;
  final GetQueryResultsResponse firstPage;
  final Failure failure;
  final RemainingTime remaining;
  final Duration reserve;

  private Resumption(Builder b) {
    this.target = b.target;
    this.queryName = b.queryName;
    this.from = b.from;
    this.execution = b.execution;
    this.firstPage = b.firstPage;
    this.failure = b.failure;
    this.remaining = b.remaining;
    this.reserve = b.reserve;
  }

  /**
   * Starts describing a resumption.
   *
   * @param target the client and the query (its id may be null only for a failure report), not null
   * @return a builder; defaults: from the start, no time limit, no embedded page, no failure
   * @throws NullPointerException if target is null
   */
  public static Builder builder(PublishTarget target) {
    return new Builder(target);
  }

  /**
   * Why a state machine ended the work instead of the query's results: reported to the client as
   * one {@code error}.
   */
  public sealed interface Failure {
    /**
     * Athena ended the query FAILED: QUERY_FAILED with its category, type and message.
     *
     * @param error Athena's error, not null
     */
    record AthenaFailed(QueryError error) implements Failure {
      /**
       * Validates the error.
       *
       * @param error Athena's error, not null
       * @throws NullPointerException if error is null
       */
      public AthenaFailed {
        Objects.requireNonNull(error, "error");
      }
    }

    /** The query was cancelled: QUERY_CANCELLED. */
    record Cancelled() implements Failure {}

    /**
     * Anything else, reported as the exception's code and message (e.g. ATHENA_BUSY, INTERNAL).
     *
     * @param exception what to report, not null
     */
    record Reported(AthenaWsException exception) implements Failure {
      /**
       * Validates the exception.
       *
       * @param exception what to report, not null
       * @throws NullPointerException if exception is null
       */
      public Reported {
        Objects.requireNonNull(exception, "exception");
      }
    }
  }

  /** Configures a {@link Resumption}; not thread-safe. */
  public static final class Builder {
    private final PublishTarget target;
    private String queryName;
    private Continuation from = Continuation.start();
    private QueryExecution execution;
    private GetQueryResultsResponse firstPage;
    private Failure failure;
    private RemainingTime remaining = RemainingTime.unlimited();
    private Duration reserve = Duration.ZERO;

    private Builder(PublishTarget target) {
      this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * Names the catalog query, for its column type hints.
     *
     * @param name the catalog name, nullable (raw SQL: no hints)
     * @return this builder
     */
    public Builder queryName(String name) {
      this.queryName = name;
      return this;
    }

    /**
     * Sets where publishing stands.
     *
     * @param from the continuation, not null
     * @return this builder
     */
    public Builder from(Continuation from) {
      this.from = Objects.requireNonNull(from, "from");
      return this;
    }

    /**
     * Gives the query's execution as already known (e.g. a {@code .sync} task's output), saving a
     * {@code GetQueryExecution}.
     *
     * @param execution the execution with its status, nullable (then it is read)
     * @return this builder
     */
    public Builder execution(QueryExecution execution) {
      this.execution = execution;
      return this;
    }

    /**
     * Gives the first result page as already fetched; it is published first, then the pages after
     * its {@code NextToken}. Only used when publishing starts from the beginning.
     *
     * @param page the page, nullable
     * @return this builder
     */
    public Builder firstPage(GetQueryResultsResponse page) {
      this.firstPage = page;
      return this;
    }

    /**
     * Reports a failure instead of publishing anything.
     *
     * @param failure the state machine's failure, nullable (none)
     * @return this builder
     */
    public Builder failure(Failure failure) {
      this.failure = failure;
      return this;
    }

    /**
     * Bounds the work by the host's remaining time: a still-running query is awaited only while
     * more than {@code reserve} is left, and publishing pauses between pages once less is left.
     *
     * @param remaining the host's remaining time, not null
     * @param reserve the time kept back to return the continuation, not negative
     * @return this builder
     * @throws IllegalArgumentException if reserve is negative
     */
    public Builder timeBudget(RemainingTime remaining, Duration reserve) {
      this.remaining = Objects.requireNonNull(remaining, "remaining");
      Objects.requireNonNull(reserve, "reserve");
      if (reserve.isNegative()) {
        throw new IllegalArgumentException("reserve must not be negative: " + reserve);
      }
      this.reserve = reserve;
      return this;
    }

    /**
     * Builds the resumption.
     *
     * @return the resumption
     * @throws IllegalStateException without a query execution id and without a failure
     */
    public Resumption build() {
      if (target.queryExecutionId() == null && failure == null) {
        throw new IllegalStateException("a resumption needs the target's queryExecutionId");
      }
      return new Resumption(this);
    }
  }
}
