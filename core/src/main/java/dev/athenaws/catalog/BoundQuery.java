package dev.athenaws.catalog;

import dev.athenaws.internal.catalog.QueryResolver;
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
 * <p>Exceptions: the constructor and {@link #of} throw {@link IllegalArgumentException} when the
 * literals do not fit the query and {@link NullPointerException} for null; accessors never throw.
 *
 * @param query the catalog entry that was bound
 * @param sql exactly {@code query.sql()}: client input never changes the SQL text
 * @param executionParameters one SQL literal per {@code ?} marker, in order, each 1..1024 characters
 */
public record BoundQuery(NamedQuery query, String sql, List<String> executionParameters) {
  /**
   * Validates the components and copies the list.
   *
   * @param query the catalog entry that was bound, not null
   * @param sql exactly {@code query.sql()}, not null
   * @param executionParameters one literal per parameter of the query, each 1..1024 characters
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

  /**
   * Binds a query to already-rendered literals. Applications normally call {@link
   * QueryCatalog#bind} or {@link QueryResolver#resolve}, which validate client values first.
   *
   * @param query the catalog entry, not null
   * @param literals one SQL literal per {@code ?} marker, in order
   * @return {@code query} bound to {@code literals}, with the query's SQL unchanged
   * @throws IllegalArgumentException if the number of literals does not match the query's parameters
   *     or a literal is empty or longer than 1024 characters
   * @throws NullPointerException if an argument or a literal is null
   */
  public static BoundQuery of(NamedQuery query, List<String> literals) {
    return new BoundQuery(query, query.sql(), literals);
  }
}
