package dev.athenaws.lambda.sfn;

import dev.athenaws.Continuation;
import dev.athenaws.catalog.Statement;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an orchestrated execution runs: a catalog query by name with the client's parameters, an
 * already-rendered statement, or a query already running in Athena. Only this description travels
 * to the state machine, never rows.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: each record's constructor throws {@link NullPointerException} and {@link
 * IllegalArgumentException} as its documentation says; accessors never throw.
 */
public sealed interface QuerySpec {
  /**
   * A named catalog query with the parameters as decoded from the client's JSON.
   *
   * <p>The constructor throws {@link NullPointerException} if name, parameters or a parameter name
   * is null, and {@link IllegalArgumentException} if name is blank, a value has another type, or a
   * decimal's scale is outside +-9999 (Jackson refuses to write those in plain notation).
   *
   * @param name the catalog name of the query, not blank
   * @param parameters parameter name to value; a value is a {@link String}, {@link BigDecimal},
   *     {@link Boolean} or null. Copied, sorted by name (so the execution input, and with it Step
   *     Functions' idempotency, never depends on the order a client wrote them in).
   */
  record Named(String name, Map<String, Object> parameters) implements QuerySpec {
    /**
     * Validates and copies the parameters, sorted by name.
     *
     * @param name the catalog name, not blank
     * @param parameters parameter name to value, not null
     * @throws NullPointerException if name, parameters or a parameter name is null
     * @throws IllegalArgumentException if name is blank or a value has another type or scale
     */
    public Named {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(parameters, "parameters");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      TreeMap<String, Object> copy = new TreeMap<>();
      parameters.forEach(
          (k, v) -> copy.put(Objects.requireNonNull(k, "parameter name"), checked(k, v)));
      parameters = Collections.unmodifiableMap(copy);
    }

    private static Object checked(String key, Object value) {
      if (value instanceof BigDecimal d && Math.abs(d.scale()) > 9999) {
        throw new IllegalArgumentException("parameter " + key + ": decimal scale out of range");
      }
      if (value == null
          || value instanceof String
          || value instanceof BigDecimal
          || value instanceof Boolean) {
        return value;
      }
      throw new IllegalArgumentException(
          "parameter "
              + key
              + " must be a string, decimal, boolean or null, not "
              + value.getClass().getSimpleName());
    }
  }

  /**
   * An already-rendered statement, from a catalog binding or (where enabled) a client's raw SQL.
   *
   * <p>The constructor throws {@link NullPointerException} if statement is null.
   *
   * @param statement the SQL, its execution parameter literals and the catalog query name (null for
   *     raw SQL; it lets the push Lambda find the query's column type hints)
   */
  record Rendered(Statement statement) implements QuerySpec {
    /**
     * Validates the component.
     *
     * @param statement the statement, not null
     * @throws NullPointerException if statement is null
     */
    public Rendered {
      Objects.requireNonNull(statement, "statement");
    }
  }

  /**
   * A query that is already running (or finished) in Athena: the hand-off of a Lambda that started
   * it, and perhaps began publishing its results, but ran out of time. The state machine skips
   * {@code StartQueryExecution} and goes straight to the push task, which resumes at {@code from}.
   *
   * <p>The constructor throws {@link NullPointerException} if queryExecutionId or from is null, and
   * {@link IllegalArgumentException} if queryExecutionId is not 1..128 characters or a given name
   * is blank.
   *
   * @param queryExecutionId the Athena query execution id
   * @param queryName the catalog name of the query, or null for raw SQL (column type hints)
   * @param from where publishing stands; {@link Continuation#start()} when nothing was published
   */
  record Running(String queryExecutionId, String queryName, Continuation from)
      implements QuerySpec {
    /**
     * Validates the components.
     *
     * @param queryExecutionId the query execution id, 1..128 characters
     * @param queryName the catalog name, or null for raw SQL
     * @param from where publishing stands, not null
     * @throws NullPointerException if queryExecutionId or from is null
     * @throws IllegalArgumentException if queryExecutionId is out of range or a given name is blank
     */
    public Running {
      Objects.requireNonNull(queryExecutionId, "queryExecutionId");
      Objects.requireNonNull(from, "from");
      if (queryExecutionId.isBlank() || queryExecutionId.length() > 128) {
        throw new IllegalArgumentException("queryExecutionId must be 1..128 characters");
      }
      if (queryName != null && queryName.isBlank()) {
        throw new IllegalArgumentException("queryName must not be blank");
      }
    }
  }
}
