package dev.athenaws.catalog;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.CatalogException;
import dev.athenaws.error.InvalidParameterException;
import dev.athenaws.error.UnknownQueryException;
import dev.athenaws.internal.text.Excerpt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named queries clients may run, and the only way client values reach Athena: {@link #bind}
 * validates them against the query's {@link ParameterSpec}s and renders them as {@code
 * ExecutionParameters} literals; the SQL text stays exactly as written in the catalog. The JSON
 * file format is documented in docs/catalog.md.
 *
 * <p>Loading ({@code from*}, {@link #of}) validates the whole catalog and throws {@link
 * CatalogException} (code INTERNAL) naming the query, parameter and field at fault. {@link #bind}
 * throws {@link UnknownQueryException} (UNKNOWN_QUERY) and {@link InvalidParameterException}
 * (INVALID_PARAMETER), whose messages are safe to send to the client.
 *
 * <p>Thread-safety: immutable and thread-safe; build once and share.
 */
public final class QueryCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(QueryCatalog.class);

  /** Classpath resource of the example catalog over the CloudTrail table of the original design. */
  public static final String CLOUDTRAIL_EXAMPLE = "dev/athenaws/catalog/cloudtrail-example.json";

  private final Map<String, QueryBinder> binders;
  private final List<NamedQuery> queries;
  private final NamedQuery defaultQuery;

  private QueryCatalog(List<NamedQuery> queries, String defaultQueryName) {
    Map<String, QueryBinder> index = new LinkedHashMap<>();
    List<NamedQuery> list = new ArrayList<>();
    for (NamedQuery q : Objects.requireNonNull(queries, "queries")) {
      if (q == null) {
        throw new CatalogException("queries must not contain null");
      }
      if (index.containsKey(q.name())) {
        throw new CatalogException("duplicate query name '" + q.name() + "'");
      }
      index.put(q.name(), new QueryBinder(q));
      list.add(q);
    }
    if (defaultQueryName != null && !index.containsKey(defaultQueryName)) {
      throw new CatalogException(
          "defaultQuery '" + Excerpt.of(defaultQueryName) + "' is not a query of this catalog");
    }
    this.binders = Collections.unmodifiableMap(index);
    this.queries = List.copyOf(list);
    this.defaultQuery = defaultQueryName == null ? null : index.get(defaultQueryName).query();
  }

  /**
   * A catalog of the given queries.
   *
   * @param queries the queries, unique names, not null; copied
   * @param defaultQueryName the query run when a client names none, or null for no default
   * @return the catalog
   * @throws CatalogException on a null element, a duplicate name or an unknown default query
   * @throws NullPointerException if queries is null
   */
  public static QueryCatalog of(List<NamedQuery> queries, String defaultQueryName) {
    return new QueryCatalog(queries, defaultQueryName);
  }

  /**
   * Reads a catalog JSON document; the stream is read to its end but not closed.
   *
   * @param json the document (docs/catalog.md), UTF-8, not null
   * @return the catalog
   * @throws NullPointerException if json is null
   * @throws CatalogException if it cannot be read, is not valid JSON or breaks a catalog rule
   */
  public static QueryCatalog fromJson(InputStream json) {
    Objects.requireNonNull(json, "json");
    return CatalogJsonReader.read(json);
  }

  /**
   * Reads a catalog JSON file.
   *
   * @param file the file, not null
   * @return the catalog
   * @throws NullPointerException if file is null
   * @throws CatalogException as {@link #fromJson}, or if the file cannot be read
   */
  public static QueryCatalog fromPath(Path file) {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return fromJson(in);
    } catch (IOException e) {
      throw new CatalogException("cannot read query catalog file " + file + ": " + e, e);
    }
  }

  /**
   * Reads a catalog JSON document from the classpath.
   *
   * @param resource a classpath resource name such as {@value #CLOUDTRAIL_EXAMPLE} (always taken as
   *     absolute; a leading {@code /} is ignored), looked up with the thread's context class
   *     loader, then with this library's class loader
   * @return the catalog
   * @throws NullPointerException if resource is null
   * @throws CatalogException as {@link #fromJson}, or if the resource does not exist
   */
  public static QueryCatalog fromClasspath(String resource) {
    Objects.requireNonNull(resource, "resource");
    String name = resource.startsWith("/") ? resource.substring(1) : resource;
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    InputStream in = context == null ? null : context.getResourceAsStream(name);
    if (in == null) {
      in = QueryCatalog.class.getClassLoader().getResourceAsStream(name);
    }
    if (in == null) {
      throw new CatalogException("query catalog resource not found on the classpath: " + name);
    }
    try (InputStream stream = in) {
      return fromJson(stream);
    } catch (IOException e) {
      throw new CatalogException("cannot read query catalog resource " + name + ": " + e, e);
    }
  }

  /**
   * Reads a catalog JSON document from a string.
   *
   * @param json the document, not null
   * @return the catalog
   * @throws NullPointerException if json is null
   * @throws CatalogException as {@link #fromJson}
   */
  public static QueryCatalog fromJsonString(String json) {
    Objects.requireNonNull(json, "json");
    return CatalogJsonReader.read(json);
  }

  /**
   * Loads the example catalog shipped with this library.
   *
   * @return the example catalog {@value #CLOUDTRAIL_EXAMPLE}
   */
  public static QueryCatalog cloudTrailExample() {
    return fromClasspath(CLOUDTRAIL_EXAMPLE);
  }

  /**
   * Looks a query up by name.
   *
   * @param name the query name, may be null
   * @return the query called {@code name}, if any (null gives empty)
   */
  public Optional<NamedQuery> find(String name) {
    QueryBinder binder = name == null ? null : binders.get(name);
    return binder == null ? Optional.empty() : Optional.of(binder.query());
  }

  /**
   * @return the query run when a client names none, if the catalog declares one
   */
  public Optional<NamedQuery> defaultQuery() {
    return Optional.ofNullable(defaultQuery);
  }

  /**
   * @return every query, in catalog order
   */
  public List<NamedQuery> queries() {
    return queries;
  }

  /**
   * Validates and renders client values for a query, for a caller without identity ({@link
   * Caller#ANONYMOUS}): as {@link #bind(String, Map, Caller)}.
   *
   * @param nameOrNull the query name, or null for the default query
   * @param parameters parameter name -> decoded JSON scalar; a null map or null value is absent
   * @return the statement
   * @throws UnknownQueryException if there is no such query, or it declares groups
   * @throws InvalidParameterException if a parameter is undeclared, missing or refused by its rules
   * @throws AthenaWsException FORBIDDEN if the query has a claim-bound parameter
   */
  public Statement bind(String nameOrNull, Map<String, Object> parameters) {
    return bind(nameOrNull, parameters, Caller.ANONYMOUS);
  }

  /**
   * Validates and renders client values, and the caller's claims, for a query.
   *
   * @param nameOrNull the query name, or null for the default query
   * @param parameters parameter name -> decoded JSON scalar (String, BigDecimal, Boolean; Integer,
   *     Long and BigInteger are accepted as numbers); a null map or null value counts as absent
   * @param caller who asks, not null ({@link Caller#ANONYMOUS} without identity)
   * @return the statement: the query's SQL, unchanged, with one literal per {@code ?} marker and
   *     the query's name
   * @throws UnknownQueryException if there is no such query (or no name and no default query), or
   *     the caller is in none of its groups: the same answer, so that the catalog does not reveal
   *     what a caller cannot run (the log says which)
   * @throws InvalidParameterException if a parameter is undeclared, missing or refused by its
   *     rules, or the client sent a value for a claim-bound parameter
   * @throws AthenaWsException FORBIDDEN if a claim-bound parameter's claim is missing (or there is
   *     no identity) or fails the parameter's rules
   * @throws NullPointerException if caller is null
   */
  public Statement bind(String nameOrNull, Map<String, Object> parameters, Caller caller) {
    Objects.requireNonNull(caller, "caller");
    QueryBinder binder;
    if (nameOrNull == null) {
      if (defaultQuery == null) {
        throw new UnknownQueryException(null);
      }
      binder = binders.get(defaultQuery.name());
    } else {
      binder = binders.get(nameOrNull);
      if (binder == null) {
        throw new UnknownQueryException(nameOrNull);
      }
    }
    if (!caller.mayRun(binder.query())) {
      LOG.info(
          "query '{}' refused as unknown: the caller is in none of its groups",
          binder.query().name());
      throw new UnknownQueryException(nameOrNull);
    }
    return binder.bind(parameters == null ? Map.of() : parameters, caller);
  }

  /**
   * Who asks to run or list queries, as far as the catalog cares: the caller's groups (a query that
   * declares {@code groups} runs only for a member of one of them) and claims (a parameter declared
   * with {@code fromClaim} takes the claim's value, never the client's). The front door builds it
   * from {@code RunOptions.Identity}; {@link #ANONYMOUS} is a connection without identity.
   *
   * <p>Thread-safety: immutable.
   *
   * <p>Exceptions: the constructor throws {@link NullPointerException} for a null argument; the
   * methods never throw.
   *
   * @param authenticated whether the host authenticated the caller (false: no identity at all)
   * @param groups the caller's groups; empty when none
   * @param claims claim name to value; empty when none
   */
  public record Caller(boolean authenticated, Set<String> groups, Map<String, String> claims) {
    /** A caller without identity: in no group, without claims. */
    public static final Caller ANONYMOUS = new Caller(false, Set.of(), Map.of());

    /**
     * Copies the collections.
     *
     * @param authenticated whether the host authenticated the caller
     * @param groups the caller's groups, not null
     * @param claims claim name to value, not null
     * @throws NullPointerException if groups or claims is null or holds null
     */
    public Caller {
      groups = Set.copyOf(Objects.requireNonNull(groups, "groups"));
      claims = Map.copyOf(Objects.requireNonNull(claims, "claims"));
    }

    /**
     * An authenticated caller.
     *
     * @param groups the caller's groups, not null
     * @param claims claim name to value, not null
     * @return the caller
     * @throws NullPointerException if an argument is null or holds null
     */
    public static Caller of(Set<String> groups, Map<String, String> claims) {
      return new Caller(true, groups, claims);
    }

    /**
     * @param query a catalog query, not null
     * @return whether this caller may run {@code query}: it declares no groups, or the caller is in
     *     at least one of them
     */
    public boolean mayRun(NamedQuery query) {
      return query.groups().isEmpty() || query.groups().stream().anyMatch(groups::contains);
    }

    /**
     * @param name a claim name
     * @return the claim's value, empty when the caller has no such claim
     */
    public Optional<String> claim(String name) {
      return Optional.ofNullable(claims.get(name));
    }
  }

  @Override
  public String toString() {
    return "QueryCatalog" + binders.keySet();
  }
}
