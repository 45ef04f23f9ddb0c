package dev.athenaws.local.athena;

import dev.athenaws.internal.types.AthenaType;

/**
 * Hive type names, as Athena's DESCRIBE prints columns: {@code string}, {@code int}, {@code
 * array<string>}, {@code struct<a:string,b:int>}, {@code map<string,int>}; other kinds by their
 * Athena name.
 *
 * <p>Thread-safety: stateless.
 */
final class HiveTypes {
  private HiveTypes() {}

  static String name(AthenaType t) {
    if (t instanceof AthenaType.ArrayType) {
      return "array<" + name(((AthenaType.ArrayType) t).element()) + ">";
    }
    if (t instanceof AthenaType.MapType) {
      AthenaType.MapType m = (AthenaType.MapType) t;
      return "map<" + name(m.key()) + "," + name(m.value()) + ">";
    }
    if (t instanceof AthenaType.RowType) {
      StringBuilder sb = new StringBuilder("struct<");
      for (AthenaType.Field f : ((AthenaType.RowType) t).fields()) {
        sb.append(sb.length() > 7 ? "," : "").append(f.name()).append(':').append(name(f.type()));
      }
      return sb.append('>').toString();
    }
    switch (t.kind()) {
      case VARCHAR:
        return "string";
      case INTEGER:
        return "int";
      default:
        return t.signature();
    }
  }
}
