package dev.athenaws.protocol;

import java.util.List;
import java.util.Objects;

/**
 * One named query as listed in a {@code catalog} message. A neutral view: the catalog package maps
 * its query definitions to this record, so the protocol does not depend on it.
 *
 * <p>Thread-safety: an immutable record.
 *
 * @param name the name a client passes as {@code query}, not null
 * @param description human-readable description, nullable (omitted from the JSON when null)
 * @param isDefault whether this query runs when a client gives no {@code query} (JSON {@code default})
 * @param parameters the parameters in declaration order, not null
 */
public record CatalogEntry(
    String name, String description, boolean isDefault, List<ParameterInfo> parameters) {
  public CatalogEntry {
    Objects.requireNonNull(name, "name");
    parameters = List.copyOf(Objects.requireNonNull(parameters, "parameters"));
  }
}
