package dev.athenaws.internal.protocol;

import java.util.List;
import java.util.Objects;

/**
 * One named query as listed in a {@code catalog} message. A neutral view: the catalog package maps
 * its query definitions to this record, so the protocol does not depend on it.
 *
 * <p>Thread-safety: an immutable record.
 *
 * <p>Exceptions: the constructor throws {@link NullPointerException} for a null name, list or
 * element.
 *
 * @param name the name a client passes as {@code query}, not null
 * @param description human-readable description, nullable (omitted from the JSON when null)
 * @param isDefault whether this query runs when a client gives no {@code query} (JSON {@code
 *     default})
 * @param parameters the parameters in declaration order, not null
 */
public record CatalogEntry(
    String name, String description, boolean isDefault, List<ParameterInfo> parameters) {
  /**
   * Validates the components and copies the list.
   *
   * @param name the query name, not null
   * @param description the description, may be null
   * @param isDefault whether this is the catalog's default query
   * @param parameters the parameters, not null
   * @throws NullPointerException if name, parameters or an element is null
   */
  public CatalogEntry {
    Objects.requireNonNull(name, "name");
    parameters = List.copyOf(Objects.requireNonNull(parameters, "parameters"));
  }
}
