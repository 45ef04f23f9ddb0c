package dev.athenaws.catalog;

import dev.athenaws.internal.types.AthenaType;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a query's {@code columnTypes}: labels and Trino type signatures.
 *
 * <p>Thread-safety: stateless.
 */
final class ColumnTypeSignatures {
  private ColumnTypeSignatures() {}

  static Map<String, String> copy(String where, Map<String, String> types) {
    Map<String, String> copy = new LinkedHashMap<>();
    Map<String, String> byLower = new HashMap<>();
    for (Map.Entry<String, String> e : types.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank()) {
        throw new IllegalArgumentException(where + "field 'columnTypes' has a blank column label");
      }
      if (e.getValue() == null || e.getValue().isBlank()) {
        throw new IllegalArgumentException(
            where + "field 'columnTypes' column '" + e.getKey() + "' has a blank type");
      }
      parse(where, e.getKey(), e.getValue());
      // Hints match Athena's (lower-cased) labels in any case: two that differ only in case clash.
      String clash = byLower.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getKey());
      if (clash != null) {
        throw new IllegalArgumentException(
            where
                + "field 'columnTypes' has columns '"
                + clash
                + "' and '"
                + e.getKey()
                + "' that differ only in case");
      }
      copy.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  static AthenaType parse(String where, String label, String signature) {
    AthenaType type;
    try {
      type = AthenaType.parse(signature);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where + "field 'columnTypes' column '" + label + "': " + e.getMessage(), e);
    }
    if (containsUnknown(type)) {
      throw new IllegalArgumentException(
          where + "field 'columnTypes' column '" + label + "' names an unknown type: " + signature);
    }
    return type;
  }

  private static boolean containsUnknown(AthenaType type) {
    if (type instanceof AthenaType.Unknown) {
      return true;
    }
    if (type instanceof AthenaType.ArrayType a) {
      return containsUnknown(a.element());
    }
    if (type instanceof AthenaType.MapType m) {
      return containsUnknown(m.key()) || containsUnknown(m.value());
    }
    if (type instanceof AthenaType.RowType r) {
      return r.fields().stream().anyMatch(f -> containsUnknown(f.type()));
    }
    return false;
  }
}
