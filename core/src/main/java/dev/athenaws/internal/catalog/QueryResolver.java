package dev.athenaws.internal.catalog;

import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.catalog.QueryCatalog.Caller;
import dev.athenaws.catalog.Statement;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.InvalidParameterException;
import dev.athenaws.error.UnknownQueryException;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a client's query request into a statement to run: a named query from the catalog with its
 * parameters validated and bound, or, only where a deployment explicitly enabled it, the client's
 * raw SQL. This is the one place that decides whether client text may become SQL.
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * <p>Exceptions: the constructor throws {@link NullPointerException} for a null catalog; {@link
 * #resolve} throws {@link AthenaWsException} (BAD_REQUEST), {@link UnknownQueryException} or {@link
 * InvalidParameterException}, each with a message that is safe to send to the client.
 */
public final class QueryResolver {
  private final QueryCatalog catalog;
  private final boolean rawSqlEnabled;

  private QueryResolver(QueryCatalog catalog, boolean rawSqlEnabled) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.rawSqlEnabled = rawSqlEnabled;
  }

  /**
   * A resolver of catalog queries only: raw SQL is refused (BAD_REQUEST).
   *
   * @param catalog the named queries, not null
   * @return the resolver
   * @throws NullPointerException if catalog is null
   */
  public static QueryResolver catalogOnly(QueryCatalog catalog) {
    return new QueryResolver(catalog, false);
  }

  /**
   * A resolver that also lets clients send SQL text: only where a deployment explicitly trusts its
   * clients with it.
   *
   * @param catalog the named queries, not null
   * @return the resolver
   * @throws NullPointerException if catalog is null
   */
  public static QueryResolver allowingRawSql(QueryCatalog catalog) {
    return new QueryResolver(catalog, true);
  }

  /**
   * @return the catalog
   */
  public QueryCatalog catalog() {
    return catalog;
  }

  /**
   * Resolves one request of a caller without identity: as {@link #resolve(String, Map, String,
   * Caller)} with {@link Caller#ANONYMOUS}.
   *
   * @param queryName the named query, or null for the catalog's default query
   * @param parameters the client's parameter values, not null
   * @param sql the client's raw SQL, or null
   * @return the statement to run
   * @throws AthenaWsException BAD_REQUEST for refused raw SQL, FORBIDDEN for an identity-bound
   *     query
   * @throws UnknownQueryException when the named (or default) query does not exist for this caller
   * @throws InvalidParameterException when a parameter fails validation
   * @throws NullPointerException if parameters is null
   */
  public Statement resolve(String queryName, Map<String, Object> parameters, String sql) {
    return resolve(queryName, parameters, sql, Caller.ANONYMOUS);
  }

  /**
   * Resolves one request, typically the fields of a decoded {@code ClientMessage.QueryRequest}.
   *
   * @param queryName the named query, or null for the catalog's default query
   * @param parameters the client's parameter values (String, BigDecimal, Boolean or null), not null
   * @param sql the client's raw SQL, or null
   * @param caller who asks, not null: groups and claim-bound parameters of catalog queries apply
   *     (raw SQL, where enabled, bypasses them: docs/security.md)
   * @return the statement to run: a catalog query's, or {@link Statement#rawSql} (no query name)
   * @throws AthenaWsException BAD_REQUEST (its field {@code sql}) when raw SQL is sent but
   *     disabled, sent together with a query name or parameters, blank, or not acceptable as a
   *     statement (such as one with {@code ?} markers or over Athena's length limit); FORBIDDEN
   *     when the caller's identity cannot fill a claim-bound parameter
   * @throws UnknownQueryException when the named (or default) query does not exist, or the caller
   *     is in none of its groups
   * @throws InvalidParameterException when a parameter fails validation or is claim-bound
   * @throws NullPointerException if parameters or caller is null
   */
  public Statement resolve(
      String queryName, Map<String, Object> parameters, String sql, Caller caller) {
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(caller, "caller");
    if (sql == null) {
      return catalog.bind(queryName, parameters, caller);
    }
    if (!rawSqlEnabled) {
      throw new RawSqlException("raw SQL is disabled");
    }
    if (queryName != null || !parameters.isEmpty()) {
      throw new RawSqlException("Send either sql or a query with parameters, not both.");
    }
    if (sql.isBlank()) {
      throw new RawSqlException("sql must not be blank.");
    }
    try {
      return Statement.rawSql(sql);
    } catch (IllegalArgumentException e) {
      // e.g. '?' markers: raw SQL has no parameters to bind.
      throw new RawSqlException("sql is not acceptable: " + e.getMessage());
    }
  }
}
