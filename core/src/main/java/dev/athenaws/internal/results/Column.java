package dev.athenaws.internal.results;

import dev.athenaws.internal.types.AthenaType;
import java.util.Objects;

/**
 * One result column.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor throws {@link NullPointerException} for a null component.
 *
 * @param name the key of this column in each result object: the Athena label, made unique within
 *     the result by suffixing {@code _2}, {@code _3}, ... to repeated labels
 * @param label the label exactly as Athena gave it
 * @param type the column type: the query definition's type hint when it has one, else Athena's
 *     {@code ColumnInfo} type
 */
public record Column(String name, String label, AthenaType type) {
  /**
   * Validates the components.
   *
   * @param name the unique key in result objects, not null
   * @param label Athena's label, not null
   * @param type the column type, not null
   * @throws NullPointerException if an argument is null
   */
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(type, "type");
  }
}
