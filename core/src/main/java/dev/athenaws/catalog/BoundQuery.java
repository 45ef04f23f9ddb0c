package dev.athenaws.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A named query with every parameter validated and rendered: what a query starter passes to
 * Athena's {@code StartQueryExecution} as {@code QueryString} and {@code ExecutionParameters}. Athena
 * requires at least one ExecutionParameters item when the field is sent, so a starter omits the field
 * when {@link #executionParameters()} is empty.
 *
 * <p>Thread-safety: immutable.
 *
 * @param query the catalog entry that was bound
 * @param sql exactly {@code query.sql()}: client input never changes the SQL text
 * @param executionParameters one SQL literal per {@code ?} marker, in order, each 1..1024 characters
 */
public record BoundQuery(NamedQuery query, String sql, List<String> executionParameters) {
  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if {@code sql} is not the query's SQL or the literals do not match
   *     the query's parameters
   * @throws NullPointerException if an argument is null
   */
  public BoundQuery {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(sql, "sql");
    executionParameters = List.copyOf(executionParameters);
    if (!sql.equals(query.sql())) {
      throw new IllegalArgumentException("sql must be exactly the SQL of query '" + query.name() + "'");
    }
    if (executionParameters.size() != query.parameters().size()) {
      throw new IllegalArgumentException(
          "query '" + query.name() + "' takes " + query.parameters().size() + " parameter(s)");
    }
    for (String literal : executionParameters) {
      if (literal.isEmpty() || literal.length() > ValueRules.MAX_LITERAL_CHARS) {
        throw new IllegalArgumentException(
            "execution parameters must be 1.." + ValueRules.MAX_LITERAL_CHARS + " characters");
      }
    }
  }

  /** @return {@code query} bound to {@code literals}, with the query's SQL unchanged */
  public static BoundQuery of(NamedQuery query, List<String> literals) {
    return new BoundQuery(query, query.sql(), literals);
  }
}
