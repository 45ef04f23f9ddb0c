package dev.athenaws.catalog;

import dev.athenaws.catalog.QueryCatalog.Caller;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds client values to one named query: compiled rules and pre-rendered defaults, built once when
 * the catalog is constructed.
 *
 * <p>Thread-safety: immutable.
 */
final class QueryBinder {
  private static final Logger LOG = LoggerFactory.getLogger(QueryBinder.class);

  /** The one answer to a caller whose identity cannot run a query: it never tells why. */
  static final String FORBIDDEN = "Your identity does not allow this query.";

  private final NamedQuery query;
  private final List<ValueRules> rules;
  private final List<String> defaultLiterals;

  QueryBinder(NamedQuery query) {
    this.query = query;
    List<ValueRules> compiled = new ArrayList<>();
    List<String> defaults = new ArrayList<>();
    for (ParameterSpec spec : query.parameters()) {
      ValueRules r = ValueRules.of(spec);
      compiled.add(r);
      defaults.add(spec.required() ? null : r.render(spec.defaultValue()));
    }
    this.rules = List.copyOf(compiled);
    this.defaultLiterals = Collections.unmodifiableList(defaults);
  }

  NamedQuery query() {
    return query;
  }

  /**
   * @param values parameter name -> decoded JSON scalar; a null value counts as absent
   * @param caller who asks: claim-bound parameters take its claims
   * @throws InvalidParameterException for the first value that is refused, or any value sent for a
   *     claim-bound parameter (even null)
   * @throws AthenaWsException FORBIDDEN when a claim-bound parameter's claim is missing or fails
   *     the parameter's rules (the reason is logged, never told, and no claim value is logged)
   */
  Statement bind(Map<String, Object> values, Caller caller) {
    for (String key : values.keySet()) {
      if (key == null || !declares(key)) {
        throw new InvalidParameterException(
            key, "is not a parameter of query '" + query.name() + "'");
      }
      if (spec(key).fromClaim() != null) {
        throw new InvalidParameterException(key, "is set from your identity; do not send it");
      }
    }
    List<String> literals = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      ValueRules r = rules.get(i);
      String claim = query.parameters().get(i).fromClaim();
      Object value = values.get(r.name());
      if (claim != null) {
        literals.add(claimLiteral(r, claim, caller));
      } else if (value != null) {
        literals.add(r.render(value));
      } else if (defaultLiterals.get(i) != null) {
        literals.add(defaultLiterals.get(i));
      } else {
        throw new InvalidParameterException(r.name(), "is required");
      }
    }
    return Statement.of(query, literals);
  }

  private String claimLiteral(ValueRules rules, String claim, Caller caller) {
    Optional<String> value = caller.claim(claim);
    if (value.isEmpty()) {
      LOG.info(
          "query '{}' refused (FORBIDDEN): {} claim '{}' for parameter '{}'",
          query.name(),
          caller.authenticated() ? "the caller's identity has no" : "no identity, so no",
          claim,
          rules.name());
      throw forbidden();
    }
    try {
      return rules.render(value.get());
    } catch (InvalidParameterException e) {
      LOG.info(
          "query '{}' refused (FORBIDDEN): claim '{}' for parameter '{}' {}",
          query.name(),
          claim,
          rules.name(),
          e.reason());
      throw forbidden();
    }
  }

  static AthenaWsException forbidden() {
    return new AthenaWsException(ErrorCode.FORBIDDEN, FORBIDDEN);
  }

  private boolean declares(String name) {
    return spec(name) != null;
  }

  private ParameterSpec spec(String name) {
    for (ParameterSpec p : query.parameters()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }
}
