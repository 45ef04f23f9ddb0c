package dev.athenaws;

import dev.athenaws.catalog.NamedQuery;
import dev.athenaws.catalog.ParameterSpec;
import dev.athenaws.catalog.ParameterType;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.internal.protocol.CatalogEntry;
import dev.athenaws.internal.protocol.ParameterInfo;
import dev.athenaws.internal.protocol.ServerMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog as a {@code catalog} message lists it (the answer to {@code listQueries}): names,
 * descriptions, the default flag and the parameter specs a UI needs to render a form (type,
 * required, default, pattern, range, allowed values, max length). Never the SQL.
 *
 * <p>It lives in the front door because it translates between two lower packages: {@code catalog}
 * (the queries) and {@code protocol} (the wire records), which know nothing of each other.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 *
 * <p>Exceptions: {@link #of} throws {@link NullPointerException} for a null catalog.
 */
final class CatalogListing {
  private CatalogListing() {}

  /**
   * Lists a catalog for a {@link ServerMessage.Catalog} message.
   *
   * @param catalog the catalog, not null
   * @return one entry per query, in catalog order; immutable
   * @throws NullPointerException if catalog is null
   */
  static List<CatalogEntry> of(QueryCatalog catalog) {
    String defaultName = catalog.defaultQuery().map(NamedQuery::name).orElse(null);
    List<CatalogEntry> out = new ArrayList<>();
    for (NamedQuery q : catalog.queries()) {
      List<ParameterInfo> params = new ArrayList<>();
      for (ParameterSpec p : q.parameters()) {
        params.add(info(p));
      }
      out.add(
          new CatalogEntry(
              q.name(), blankToNull(q.description()), q.name().equals(defaultName), params));
    }
    return List.copyOf(out);
  }

  private static ParameterInfo info(ParameterSpec p) {
    List<Object> allowed = p.allowedValues().isEmpty() ? null : new ArrayList<>(p.allowedValues());
    return new ParameterInfo(
        p.name(),
        p.type().jsonName(),
        p.required(),
        value(p.type(), p.defaultValue()),
        blankToNull(p.description()),
        p.pattern(),
        value(p.type(), p.min()),
        value(p.type(), p.max()),
        allowed,
        p.maxLength());
  }

  /**
   * An integer parameter's bound or default as a Long, so that it is a JSON number (a BigDecimal is
   * written as a string by the value encoding, which is right for decimals only).
   */
  private static Object value(ParameterType type, Object value) {
    if (type == ParameterType.INTEGER && value instanceof BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        return d;
      }
    }
    return value;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
