package dev.athenaws.internal.publish;

import dev.athenaws.Continuation;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.internal.types.AthenaType;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What to publish: the results of one finished query, from a point in the stream.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor and {@link #of} throw {@link NullPointerException} for a null
 * component or a target without a query execution id.
 *
 * @param target the client and the query execution; its {@code queryExecutionId} is required
 * @param statementKind the statement kind (decides the header row), from {@code GetQueryExecution}
 * @param columnTypes type hints by column label, e.g. {@code NamedQuery.columnTypeHints()}
 * @param statistics the query's statistics, sent in {@code complete}
 * @param from where to start; {@link Continuation#start()} for the whole result
 * @param stopped asked before each post: true when a client's {@code cancel} stopped the run (it
 *     then ends without another message)
 */
public record ResultRequest(
    PublishTarget target,
    StatementKind statementKind,
    Map<String, AthenaType> columnTypes,
    QueryStats statistics,
    Continuation from,
    BooleanSupplier stopped) {
  /** Never stopped. */
  public static final BooleanSupplier NEVER_STOPPED = () -> false;

  /**
   * Validates the components and copies the map.
   *
   * @param target the client and query, not null, with a query execution id
   * @param statementKind the statement kind, not null
   * @param columnTypes type hints by column label, not null
   * @param statistics the query's statistics, not null ({@code QueryStats.EMPTY} when unknown)
   * @param from where to start, not null
   * @param stopped the stop signal, not null ({@link #NEVER_STOPPED})
   * @throws NullPointerException if an argument is null or the target has no query execution id
   */
  public ResultRequest {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(target.queryExecutionId(), "target.queryExecutionId");
    Objects.requireNonNull(statementKind, "statementKind");
    columnTypes = Map.copyOf(Objects.requireNonNull(columnTypes, "columnTypes"));
    Objects.requireNonNull(statistics, "statistics");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(stopped, "stopped");
  }

  /**
   * A request that is never stopped.
   *
   * @param target the client and query, not null, with a query execution id
   * @param statementKind the statement kind, not null
   * @param columnTypes type hints by column label, not null
   * @param statistics the query's statistics, not null
   * @param from where to start, not null
   * @throws NullPointerException if an argument is null or the target has no query execution id
   */
  public ResultRequest(
      PublishTarget target,
      StatementKind statementKind,
      Map<String, AthenaType> columnTypes,
      QueryStats statistics,
      Continuation from) {
    this(target, statementKind, columnTypes, statistics, from, NEVER_STOPPED);
  }

  /**
   * A request for the whole result, without column type hints.
   *
   * @param target the client and query, with a query execution id
   * @param kind the statement kind, e.g. {@link StatementKind#SELECT} or {@code
   *     QueryOutcome.Succeeded.statementKind()}
   * @param stats the query's statistics
   * @return the request, starting at {@link Continuation#start()}
   * @throws NullPointerException if an argument is null or the target has no query execution id
   */
  public static ResultRequest of(PublishTarget target, StatementKind kind, QueryStats stats) {
    return new ResultRequest(target, kind, Map.of(), stats, Continuation.start());
  }
}
