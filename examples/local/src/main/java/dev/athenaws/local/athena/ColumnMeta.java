package dev.athenaws.local.athena;

import dev.athenaws.internal.types.AthenaType;
import dev.athenaws.internal.types.TypeKind;

/**
 * One result column as Athena's {@code ColumnInfo} describes it. Precision follows what Athena
 * reports: integer 10, bigint 19, double 17, varchar 2147483647, decimal its own, time and
 * timestamp kinds 3 (their fraction digits); 0 otherwise. CaseSensitive is true for varchar and
 * char only.
 *
 * <p>Thread-safety: an immutable record.
 *
 * @param label the column label (also its name)
 * @param type the Athena type that formats the values
 * @param typeName {@code ColumnInfo.Type}: normally the type's Athena name; {@code string} for the
 *     Hive-style utility results (DESCRIBE)
 */
record ColumnMeta(String label, AthenaType type, String typeName) {
  static ColumnMeta of(String label, AthenaType type) {
    return new ColumnMeta(
        label, type, type.kind() == TypeKind.UNKNOWN ? type.signature() : type.kind().athenaName());
  }

  static ColumnMeta varchar(String label) {
    return of(label, AthenaType.Simple.of(TypeKind.VARCHAR));
  }

  int precision() {
    switch (type.kind()) {
      case TINYINT:
        return 3;
      case SMALLINT:
        return 5;
      case INTEGER:
        return 10;
      case BIGINT:
        return 19;
      case REAL:
      case DOUBLE:
        return 17;
      case VARCHAR:
      case CHAR:
        return typeName.equals("string") ? 0 : 2147483647;
      case DECIMAL:
      case TIME:
      case TIME_WITH_TIME_ZONE:
      case TIMESTAMP:
      case TIMESTAMP_WITH_TIME_ZONE:
        return ((AthenaType.Simple) type).precision();
      default:
        return 0;
    }
  }

  int scale() {
    return type.kind() == TypeKind.DECIMAL ? ((AthenaType.Simple) type).scale() : 0;
  }

  boolean caseSensitive() {
    return type.kind() == TypeKind.VARCHAR || type.kind() == TypeKind.CHAR;
  }
}
