package dev.athenaws.catalog;

import dev.athenaws.internal.text.Excerpt;
import dev.athenaws.internal.types.AthenaType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A query a client may run by name: fixed SQL with positional {@code ?} markers and one {@link
 * ParameterSpec} per marker, in marker order. Client values only ever travel as Athena {@code
 * ExecutionParameters}; the SQL text is never changed.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Built with {@link #named(String)} (the catalog reader uses the canonical constructor).
 *
 * <p>Exceptions: the constructor and the builder throw {@link IllegalArgumentException} naming the
 * query and the field when a rule is broken and {@link NullPointerException} for a null name or
 * SQL; accessors never throw.
 *
 * @param name {@code [A-Za-z][A-Za-z0-9_-]{0,63}}
 * @param description free text, never null ("" when absent)
 * @param sql non-blank, at most 262144 UTF-8 bytes (Athena's QueryString limit); its number of
 *     {@code ?} markers outside string literals, quoted identifiers and comments equals the number
 *     of parameters
 * @param parameters the parameter specs in marker order, unique names
 * @param columnTypes result column label -> Trino type signature hint (e.g. {@code array(row(arn
 *     varchar))}) for columns whose nested types Athena does not report; kept in declaration order
 *     and checked only for being non-blank here
 * @param resultReuseMaxAge how old a previous result of the same query may be for Athena to reuse
 *     it ({@code ResultReuseByAgeConfiguration.MaxAgeInMinutes}): whole minutes from 1 to {@value
 *     #MAX_RESULT_REUSE_MINUTES}; it wins over the deployment's {@code
 *     AthenaSettings.resultReuseMaxAge}. Null when the query declares none (the deployment's
 *     setting applies).
 * @param groups who may run the query: a caller in at least one of these groups; empty = anyone,
 *     including a caller without identity. A caller outside them is told the query does not exist
 *     ({@code UNKNOWN_QUERY}) and does not see it in {@code listQueries}. Non-blank names, in
 *     declaration order.
 */
public record NamedQuery(
    String name,
    String description,
    String sql,
    List<ParameterSpec> parameters,
    Map<String, String> columnTypes,
    Duration resultReuseMaxAge,
    Set<String> groups) {

  /** Athena's maximum QueryString length in bytes (API_StartQueryExecution). */
  public static final int MAX_SQL_BYTES = 262_144;

  /**
   * Athena's upper bound for {@code ResultReuseByAgeConfiguration.MaxAgeInMinutes}: 7 days
   * (StartQueryExecution API reference, ResultReuseByAgeConfiguration).
   */
  public static final int MAX_RESULT_REUSE_MINUTES = 10_080;

  /**
   * Validates the components and copies the collections.
   *
   * @param name {@code [A-Za-z][A-Za-z0-9_-]{0,63}}, not null
   * @param description free text; null is taken as ""
   * @param sql non-blank SQL with one {@code ?} marker per parameter, not null
   * @param parameters the parameter specs in marker order; null is taken as none
   * @param columnTypes column label to Trino type signature; null is taken as none
   * @param resultReuseMaxAge whole minutes from 1 to 10080, or null for the deployment's setting
   * @param groups who may run the query; null or empty is anyone
   * @throws IllegalArgumentException if a rule is broken; the message starts with the query name
   * @throws NullPointerException if {@code name} or {@code sql} is null
   */
  public NamedQuery {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sql, "sql");
    if (!ParameterSpec.NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "query name '" + Excerpt.of(name) + "' must match " + ParameterSpec.NAME.pattern());
    }
    String where = "query '" + name + "': ";
    description = description == null ? "" : description;
    if (sql.isBlank()) {
      throw new IllegalArgumentException(where + "field 'sql' must not be blank");
    }
    if (sql.getBytes(StandardCharsets.UTF_8).length > MAX_SQL_BYTES) {
      throw new IllegalArgumentException(
          where + "field 'sql' is longer than " + MAX_SQL_BYTES + " UTF-8 bytes");
    }
    parameters = parameters == null ? List.of() : copyParameters(where, parameters);
    int markers;
    try {
      markers = SqlMarkers.count(sql);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + e.getMessage(), e);
    }
    if (markers != parameters.size()) {
      throw new IllegalArgumentException(
          where
              + "sql has "
              + markers
              + " ? marker(s) but "
              + parameters.size()
              + " parameter(s) are declared");
    }
    columnTypes = columnTypes == null ? Map.of() : ColumnTypeSignatures.copy(where, columnTypes);
    groups = groups == null ? Set.of() : copyGroups(where, groups);
    checkReuseAge(where + "field 'resultReuseMaxAgeMinutes'", resultReuseMaxAge);
  }

  private static Set<String> copyGroups(String where, Set<String> groups) {
    for (String group : groups) {
      if (group == null || group.isBlank()) {
        throw new IllegalArgumentException(where + "field 'groups' must not hold a blank name");
      }
    }
    return Collections.unmodifiableSet(new LinkedHashSet<>(groups));
  }

  /**
   * @throws IllegalArgumentException naming {@code what} unless age is null or whole minutes from 1
   *     to {@value #MAX_RESULT_REUSE_MINUTES}
   */
  static void checkReuseAge(String what, Duration age) {
    if (age != null
        && (age.compareTo(Duration.ofMinutes(1)) < 0
            || age.compareTo(Duration.ofMinutes(MAX_RESULT_REUSE_MINUTES)) > 0
            || age.toSecondsPart() != 0
            || age.toNanosPart() != 0)) {
      throw new IllegalArgumentException(
          what + " must be whole minutes from 1 to " + MAX_RESULT_REUSE_MINUTES + ": " + age);
    }
  }

  /**
   * @return the query's own result reuse age, empty when the deployment's setting applies
   */
  public Optional<Duration> resultReuse() {
    return Optional.ofNullable(resultReuseMaxAge);
  }

  /**
   * Starts building a query: its parts are named, so the name, description and SQL cannot swap.
   *
   * @param name the query name, see {@link #name()}
   * @return a builder; {@link Builder#sql} is required
   */
  public static Builder named(String name) {
    return new Builder(name);
  }

  /**
   * Replaces the column type hints.
   *
   * @param hints column label to Trino type signature, e.g. {@code "array(varchar)"}
   * @return this query with the given column type hints
   * @throws IllegalArgumentException if a label or type is blank, or a type does not parse or names
   *     an unknown type
   */
  public NamedQuery withColumnTypes(Map<String, String> hints) {
    return new NamedQuery(name, description, sql, parameters, hints, resultReuseMaxAge, groups);
  }

  private static List<ParameterSpec> copyParameters(String where, List<ParameterSpec> parameters) {
    Set<String> names = new HashSet<>();
    for (ParameterSpec p : parameters) {
      if (p == null) {
        throw new IllegalArgumentException(where + "parameters must not contain null");
      }
      if (!names.add(p.name())) {
        throw new IllegalArgumentException(where + "duplicate parameter name '" + p.name() + "'");
      }
    }
    return List.copyOf(parameters);
  }

  /**
   * Parses the column type hints.
   *
   * @return the column type hints parsed, keyed by column label, for {@code
   *     ResultSetMapper.Builder#columnTypes} and {@code ResultRequest}; unmodifiable
   */
  public Map<String, AthenaType> columnTypeHints() {
    Map<String, AthenaType> hints = new LinkedHashMap<>();
    columnTypes.forEach(
        (label, signature) -> hints.put(label, ColumnTypeSignatures.parse("", label, signature)));
    return Collections.unmodifiableMap(hints);
  }

  /**
   * Builds a {@link NamedQuery} part by part. Not thread-safe. {@link #build()} throws as the
   * record's constructor: {@link IllegalArgumentException} when a rule is broken, {@link
   * NullPointerException} for a null name or no SQL.
   */
  public static final class Builder {
    private final String name;
    private String description = "";
    private String sql;
    private List<ParameterSpec> parameters = List.of();
    private Map<String, String> columnTypes = Map.of();
    private Duration resultReuseMaxAge;
    private Set<String> groups = Set.of();

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets the free-text description.
     *
     * @param description the text; null is taken as ""
     * @return this builder
     */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * Sets the statement.
     *
     * @param sql the SQL, with one {@code ?} marker per parameter
     * @return this builder
     */
    public Builder sql(String sql) {
      this.sql = sql;
      return this;
    }

    /**
     * Sets the parameters.
     *
     * @param parameters the parameter specs in marker order; null is taken as none
     * @return this builder
     */
    public Builder parameters(List<ParameterSpec> parameters) {
      this.parameters = parameters;
      return this;
    }

    /**
     * Sets the column type hints.
     *
     * @param columnTypes column label to Trino type signature; null is taken as none
     * @return this builder
     */
    public Builder columnTypes(Map<String, String> columnTypes) {
      this.columnTypes = columnTypes;
      return this;
    }

    /**
     * Sets how old a previous result may be for Athena to reuse it for this query; wins over the
     * deployment's {@code AthenaSettings.resultReuseMaxAge}.
     *
     * @param maxAge whole minutes from 1 to 10080 (7 days), or null for the deployment's setting
     * @return this builder
     */
    public Builder resultReuseMaxAge(Duration maxAge) {
      this.resultReuseMaxAge = maxAge;
      return this;
    }

    /**
     * Restricts the query to members of at least one of the groups.
     *
     * @param groups the groups, non-blank names; null or empty is anyone
     * @return this builder
     */
    public Builder groups(Set<String> groups) {
      this.groups = groups;
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the query
     * @throws IllegalArgumentException if a rule is broken; the message starts with the query name
     * @throws NullPointerException if the name or the SQL is null
     */
    public NamedQuery build() {
      return new NamedQuery(
          name, description, sql, parameters, columnTypes, resultReuseMaxAge, groups);
    }
  }
}
