package dev.athenaws.publish;

import dev.athenaws.query.QueryStats;
import dev.athenaws.results.StatementKind;
import dev.athenaws.types.AthenaType;
import java.util.Map;
import java.util.Objects;

/**
 * What to publish: the results of one finished query, from a point in the stream.
 *
 * @param target the client and the query execution; its {@code queryExecutionId} is required
 * @param statementKind the statement kind (decides the header row), from {@code GetQueryExecution}
 * @param columnTypes type hints by column label, e.g. {@code NamedQuery.columnTypeHints()}
 * @param statistics the query's statistics, sent in {@code complete}
 * @param from where to start; {@link Continuation#start()} for the whole result
 */
public record ResultRequest(
    PublishTarget target,
    StatementKind statementKind,
    Map<String, AthenaType> columnTypes,
    QueryStats statistics,
    Continuation from) {
  public ResultRequest {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(target.queryExecutionId(), "target.queryExecutionId");
    Objects.requireNonNull(statementKind, "statementKind");
    columnTypes = Map.copyOf(Objects.requireNonNull(columnTypes, "columnTypes"));
    Objects.requireNonNull(statistics, "statistics");
    Objects.requireNonNull(from, "from");
  }

  /** @return a request for the whole result of a SELECT without hints */
  public static ResultRequest of(PublishTarget target, StatementKind kind, QueryStats stats) {
    return new ResultRequest(target, kind, Map.of(), stats, Continuation.start());
  }
}
