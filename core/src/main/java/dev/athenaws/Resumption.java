package dev.athenaws;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.internal.protocol.Delivery;
import dev.athenaws.internal.publish.PublishTarget;
import dev.athenaws.internal.query.QueryError;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.notify.Connection;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What {@link AthenaWs#resume} continues: a query started earlier (by a run that handed it off, or
 * by a state machine) whose results go to a client from a {@link Continuation}; or the report of a
 * state machine's failure to that client. Built with {@link #builder(Connection)}.
 *
 * <p>Thread-safety: immutable. The builder is not thread-safe.
 *
 * <p>Exceptions: the builder's setters throw {@link NullPointerException} for null where not
 * nullable; {@link Builder#build()} throws {@link IllegalStateException} without a query execution
 * id and without a failure. No setter takes an AWS SDK type: a host converts what its event
 * carries.
 */
public final class Resumption {
  final PublishTarget target;
  final String queryName;
  final Continuation from;
  final Succeeded succeeded;
  final String outputLocation;
  final String encryptionOption;
  final Failure failure;
  final RemainingTime remaining;
  final Duration reserve;
  final Delivery delivery;
  final BooleanSupplier stopped;
  final boolean byClient;

  private Resumption(Builder b) {
    this.target = new PublishTarget(b.connection, b.requestId, b.queryExecutionId);
    this.queryName = b.queryName;
    this.from = b.from;
    this.succeeded = b.succeeded;
    this.outputLocation = b.outputLocation;
    this.encryptionOption = b.encryptionOption;
    this.failure = b.failure;
    this.remaining = b.remaining;
    this.reserve = b.reserve;
    this.delivery = b.delivery;
    this.stopped = b.stopped;
    this.byClient = b.byClient;
  }

  /**
   * Starts describing a resumption.
   *
   * @param connection the client's connection, not null
   * @return a builder; defaults: no request id, from the start, no time limit, the query's state
   *     read from Athena, no failure
   * @throws NullPointerException if connection is null
   */
  public static Builder builder(Connection connection) {
    return new Builder(connection);
  }

  /** The query is known to have succeeded: what {@link Builder#succeeded} was given. */
  record Succeeded(StatementKind kind, QueryStats stats) {}

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
    private final Connection connection;
    private String requestId;
    private String queryExecutionId;
    private String queryName;
    private Continuation from = Continuation.start();
    private Succeeded succeeded;
    private String outputLocation;
    private String encryptionOption;
    private Failure failure;
    private RemainingTime remaining = RemainingTime.unlimited();
    private Duration reserve = Duration.ZERO;
    private Delivery delivery = Delivery.ROWS;
    private BooleanSupplier stopped = () -> false;
    private boolean byClient;

    private Builder(Connection connection) {
      this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * Sets the client's request id, echoed in every message.
     *
     * @param requestId the request id, nullable (the client gave none)
     * @return this builder
     */
    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    /**
     * Names the query to continue.
     *
     * @param queryExecutionId Athena's query execution id, nullable only for a failure report
     * @return this builder
     */
    public Builder queryExecutionId(String queryExecutionId) {
      this.queryExecutionId = queryExecutionId;
      return this;
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
     * Tells that the query already succeeded (e.g. a {@code .sync} task's output), saving a {@code
     * GetQueryExecution}; otherwise its state, statement kind and statistics are read from Athena.
     *
     * <p>Without {@link #resultLocation} the rows come from {@code GetQueryResults}.
     *
     * @param kind the statement's type, for the header row, not null
     * @param stats the query's statistics, not null ({@code QueryStats.EMPTY} when unknown)
     * @return this builder
     * @throws NullPointerException if kind or stats is null
     */
    public Builder succeeded(StatementKind kind, QueryStats stats) {
      this.succeeded =
          new Succeeded(
              Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(stats, "stats"));
      return this;
    }

    /**
     * Tells where Athena wrote the succeeded query's result (the {@code .sync} task's {@code
     * ResultConfiguration}), so that its rows may be read from the result object in S3 ({@link
     * AthenaSettings.ResultFetch}); goes with {@link #succeeded}. A query whose state is read from
     * Athena takes it from {@code GetQueryExecution} instead.
     *
     * @param outputLocation {@code ResultConfiguration.OutputLocation}, null when absent (managed
     *     query results)
     * @return this builder
     */
    public Builder resultLocation(String outputLocation) {
      this.outputLocation = outputLocation;
      return this;
    }

    /**
     * Tells how the succeeded query's result object is encrypted; a client-side encrypted one
     * ({@code CSE_KMS}) is read with {@code GetQueryResults}. Goes with {@link #resultLocation}.
     *
     * @param encryptionOption {@code ResultConfiguration.EncryptionConfiguration.EncryptionOption}
     *     (e.g. {@code SSE_S3}, {@code CSE_KMS}), null when absent
     * @return this builder
     */
    public Builder resultEncryption(String encryptionOption) {
      this.encryptionOption = encryptionOption;
      return this;
    }

    /**
     * Sets how the client asked for the rows ({@link HandOff.Request#delivery()}).
     *
     * @param delivery the delivery, not null; default {@link Delivery#ROWS}
     * @return this builder
     * @throws NullPointerException if delivery is null
     */
    public Builder delivery(Delivery delivery) {
      this.delivery = Objects.requireNonNull(delivery, "delivery");
      return this;
    }

    /**
     * Sets how the run learns that a client's {@code cancel} stopped what continues the query (for
     * the Lambda adapter: its state machine execution was stopped). Asked before each post and
     * while the query is awaited, so it should answer quickly (cache a remote answer for a second).
     * When it answers true the run ends as {@code Stopped} without another message.
     *
     * @param stopped the signal, not null; default never
     * @return this builder
     * @throws NullPointerException if stopped is null
     */
    public Builder stopSignal(BooleanSupplier stopped) {
      this.stopped = Objects.requireNonNull(stopped, "stopped");
      return this;
    }

    /** A client's {@code resume}: an unknown query is RESULT_EXPIRED rather than QUERY_FAILED. */
    Builder byClient() {
      this.byClient = true;
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
      if (queryExecutionId == null && failure == null) {
        throw new IllegalStateException("a resumption needs a queryExecutionId, or a failure");
      }
      return new Resumption(this);
    }
  }
}
