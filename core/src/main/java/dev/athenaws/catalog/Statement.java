package dev.athenaws.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement to run: what a query starter passes to Athena's {@code StartQueryExecution} as
 * {@code QueryString} and {@code ExecutionParameters}, and the catalog query it was bound from.
 * Athena requires at least one ExecutionParameters item when the field is sent, so a starter omits
 * the field when {@link #executionParameters()} is empty.
 *
 * <p>A catalog query becomes a statement through {@link QueryCatalog#bind} (or {@link #of}); raw
 * SQL from a client, only where a deployment enabled it, through {@link #rawSql}: it has no query
 * name, and logs and progress show it as {@value #RAW_SQL_LABEL}.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor and the factories throw {@link IllegalArgumentException} when the
 * components do not fit together and {@link NullPointerException} for null; accessors never throw.
 *
 * @param sql the statement text: non-blank, at most {@value NamedQuery#MAX_SQL_BYTES} UTF-8 bytes
 *     (Athena's QueryString limit), with one {@code ?} marker per execution parameter; for a
 *     catalog query exactly its SQL (client input never changes the SQL text)
 * @param executionParameters one SQL literal per {@code ?} marker, in order, each 1..1024
 *     characters
 * @param queryName the catalog query the statement was bound from, or null for raw SQL
 * @param resultReuseMaxAge the catalog query's own result reuse age ({@link
 *     NamedQuery#resultReuseMaxAge()}), which a starter sends instead of the deployment's; null
 *     when the query declares none (and for raw SQL)
 */
public record Statement(
    String sql, List<String> executionParameters, String queryName, Duration resultReuseMaxAge) {
  /** What logs and progress show instead of a query name for raw SQL. */
  public static final String RAW_SQL_LABEL = "raw SQL";

  /**
   * A statement without its own result reuse age.
   *
   * @param sql the statement text, not null
   * @param executionParameters one literal per {@code ?} marker, not null
   * @param queryName a catalog query name, or null for raw SQL
   * @throws NullPointerException if sql, the list or an element is null
   * @throws IllegalArgumentException as the canonical constructor
   */
  public Statement(String sql, List<String> executionParameters, String queryName) {
    this(sql, executionParameters, queryName, null);
  }

  /**
   * Validates the components and copies the list.
   *
   * @param sql the statement text, not null
   * @param executionParameters one literal per {@code ?} marker, not null
   * @param queryName a catalog query name, or null for raw SQL
   * @param resultReuseMaxAge whole minutes from 1 to 10080, or null for the deployment's setting
   * @throws NullPointerException if sql, the list or an element is null
   * @throws IllegalArgumentException if sql is blank, too long or has an unterminated literal,
   *     quoted identifier or comment; if the number of literals is not the number of markers; if a
   *     literal is empty or longer than 1024 characters; if queryName is not a valid query name; or
   *     if resultReuseMaxAge is not whole minutes from 1 to 10080
   */
  public Statement {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(executionParameters, "executionParameters");
    executionParameters = List.copyOf(executionParameters);
    if (sql.isBlank()) {
      throw new IllegalArgumentException("sql must not be blank");
    }
    if (sql.getBytes(StandardCharsets.UTF_8).length > NamedQuery.MAX_SQL_BYTES) {
      throw new IllegalArgumentException(
          "sql is longer than " + NamedQuery.MAX_SQL_BYTES + " UTF-8 bytes");
    }
    int markers = SqlMarkers.count(sql);
    if (markers != executionParameters.size()) {
      throw new IllegalArgumentException(
          "sql has "
              + markers
              + " ? marker(s) but "
              + executionParameters.size()
              + " execution parameter(s) are given");
    }
    for (String literal : executionParameters) {
      if (literal.isEmpty() || literal.length() > ValueRules.MAX_LITERAL_CHARS) {
        throw new IllegalArgumentException(
            "execution parameters must be 1.." + ValueRules.MAX_LITERAL_CHARS + " characters");
      }
    }
    if (queryName != null && !ParameterSpec.NAME.matcher(queryName).matches()) {
      throw new IllegalArgumentException(
          "queryName must match " + ParameterSpec.NAME.pattern() + " or be null (raw SQL)");
    }
    NamedQuery.checkReuseAge("resultReuseMaxAge", resultReuseMaxAge);
  }

  /**
   * @return the statement's own result reuse age, empty when the deployment's setting applies
   */
  public Optional<Duration> resultReuse() {
    return Optional.ofNullable(resultReuseMaxAge);
  }

  /**
   * Binds a catalog query to already-rendered literals. Applications normally call {@link
   * QueryCatalog#bind}, which validates client values first.
   *
   * @param query the catalog entry, not null
   * @param literals one SQL literal per {@code ?} marker, in order
   * @return the query's SQL, unchanged, with the literals, the query's name and its result reuse
   *     age
   * @throws IllegalArgumentException if the number of literals does not match the query's
   *     parameters or a literal is empty or longer than 1024 characters
   * @throws NullPointerException if an argument or a literal is null
   */
  public static Statement of(NamedQuery query, List<String> literals) {
    return new Statement(query.sql(), literals, query.name(), query.resultReuseMaxAge());
  }

  /**
   * A client's raw SQL, without parameters or a query name. Only a deployment that explicitly
   * trusts its clients with SQL text runs such statements.
   *
   * @param sql the statement text, not null
   * @return the statement
   * @throws IllegalArgumentException if sql is blank, too long, has {@code ?} markers or an
   *     unterminated literal, quoted identifier or comment
   * @throws NullPointerException if sql is null
   */
  public static Statement rawSql(String sql) {
    return new Statement(sql, List.of(), null);
  }

  /**
   * @return true when the statement is a client's raw SQL (it has no query name)
   */
  public boolean isRawSql() {
    return queryName == null;
  }

  /**
   * @return the query name, or {@value #RAW_SQL_LABEL}: for logs, progress and metrics
   */
  public String label() {
    return queryName == null ? RAW_SQL_LABEL : queryName;
  }
}
