package dev.athenaws;

import dev.athenaws.catalog.NamedQuery;
import dev.athenaws.catalog.ParameterSpec;
import dev.athenaws.catalog.ParameterType;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.catalog.QueryCatalog.Caller;
import dev.athenaws.internal.protocol.CatalogEntry;
import dev.athenaws.internal.protocol.ParameterInfo;
import dev.athenaws.internal.protocol.ServerMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The catalog as a {@code catalog} message lists it (the answer to {@code listQueries}): names,
 * descriptions, the default flag and the parameter specs a UI needs to render a form (type,
 * required, default, pattern, range, allowed values, max length). Never the SQL. A caller sees only
 * the queries it may run ({@link Caller#mayRun}: a query's {@code groups}; and a query with a
 * claim-bound parameter only to a caller who has that claim), and never a parameter bound to its
 * identity ({@code fromClaim}): the client cannot send those anyway.
 *
 * <p>It lives in the front door because it translates between two lower packages: {@code catalog}
 * (the queries) and {@code protocol} (the wire records), which know nothing of each other.
 *
 * <p>Thread-safety: immutable; safe from any thread.
 *
 * <p>Exceptions: {@link #of} and {@link #visibleTo} throw {@link NullPointerException} for null.
 */
final class CatalogListing {
  /** One query and its entry, built once. */
  private record Listed(NamedQuery query, CatalogEntry entry) {}

  private final List<Listed> listed;

  private CatalogListing(List<Listed> listed) {
    this.listed = listed;
  }

  /**
   * Lists a catalog for {@link ServerMessage.Catalog} messages.
   *
   * @param catalog the catalog, not null
   * @return the listing of every query, in catalog order
   * @throws NullPointerException if catalog is null
   */
  static CatalogListing of(QueryCatalog catalog) {
    String defaultName = catalog.defaultQuery().map(NamedQuery::name).orElse(null);
    List<Listed> out = new ArrayList<>();
    for (NamedQuery q : catalog.queries()) {
      List<ParameterInfo> params = new ArrayList<>();
      for (ParameterSpec p : q.parameters()) {
        if (p.fromClaim() == null) {
          params.add(info(p));
        }
      }
      CatalogEntry entry =
          new CatalogEntry(
              q.name(), blankToNull(q.description()), q.name().equals(defaultName), params);
      out.add(new Listed(q, entry));
    }
    return new CatalogListing(List.copyOf(out));
  }

  /**
   * @param caller who asks, not null
   * @return the entries of the queries {@code caller} may run, in catalog order; immutable
   * @throws NullPointerException if caller is null
   */
  List<CatalogEntry> visibleTo(Caller caller) {
    return listed.stream()
        .filter(l -> caller.mayRun(l.query()) && hasClaims(caller, l.query()))
        .map(Listed::entry)
        .toList();
  }

  /** A query with a claim-bound parameter runs only for a caller who has that claim. */
  private static boolean hasClaims(Caller caller, NamedQuery query) {
    return query.parameters().stream()
        .map(ParameterSpec::fromClaim)
        .filter(Objects::nonNull)
        .allMatch(claim -> caller.claim(claim).isPresent());
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
