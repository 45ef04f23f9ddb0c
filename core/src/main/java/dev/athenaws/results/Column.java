package dev.athenaws.results;

import dev.athenaws.types.AthenaType;
import java.util.Objects;

/**
 * One result column.
 *
 * @param name the key of this column in each result object: the Athena label, made unique within the
 *     result by suffixing {@code _2}, {@code _3}, ... to repeated labels
 * @param label the label exactly as Athena gave it
 * @param type the column type: the query definition's type hint when it has one, else Athena's
 *     {@code ColumnInfo} type
 */
public record Column(String name, String label, AthenaType type) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(type, "type");
  }
}
