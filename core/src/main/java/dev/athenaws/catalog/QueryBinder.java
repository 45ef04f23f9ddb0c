package dev.athenaws.catalog;

import dev.athenaws.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Binds client values to one named query: compiled rules and pre-rendered defaults, built once when
 * the catalog is constructed.
 *
 * <p>Thread-safety: immutable.
 */
final class QueryBinder {
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
   * @throws InvalidParameterException for the first value that is refused
   */
  Statement bind(Map<String, Object> values) {
    for (String key : values.keySet()) {
      if (key == null || !declares(key)) {
        throw new InvalidParameterException(
            key, "is not a parameter of query '" + query.name() + "'");
      }
    }
    List<String> literals = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      ValueRules r = rules.get(i);
      Object value = values.get(r.name());
      if (value != null) {
        literals.add(r.render(value));
      } else if (defaultLiterals.get(i) != null) {
        literals.add(defaultLiterals.get(i));
      } else {
        throw new InvalidParameterException(r.name(), "is required");
      }
    }
    return Statement.of(query, literals);
  }

  private boolean declares(String name) {
    for (ValueRules r : rules) {
      if (r.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
