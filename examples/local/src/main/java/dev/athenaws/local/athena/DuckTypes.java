package dev.athenaws.local.athena;

import dev.athenaws.internal.types.AthenaType;
import dev.athenaws.internal.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps DuckDB type names, as {@code ResultSetMetaData.getColumnTypeName} gives them ({@code
 * INTEGER}, {@code DECIMAL(10,2)}, {@code VARCHAR[]}, {@code STRUCT(a INTEGER, "type" VARCHAR)},
 * {@code MAP(VARCHAR, INTEGER)}), to the Athena type whose text form the result must have.
 *
 * <p>Mapping (Athena has no unsigned or 128-bit integers): UTINYINT -> smallint, USMALLINT ->
 * integer, UINTEGER, UBIGINT, HUGEINT, UHUGEINT -> bigint (DuckDB's {@code sum(integer)} is a
 * HUGEINT where Trino's is a bigint); every TIMESTAMP precision -> timestamp; TIMETZ -> time with
 * time zone; BLOB and BIT -> varbinary; INTERVAL -> interval day to second; ENUM -> varchar; {@code
 * "NULL"} (the type of a bare NULL literal) -> unknown; UNION and anything else -> unknown (the
 * value's DuckDB text).
 *
 * <p>Thread-safety: stateless.
 */
final class DuckTypes {
  private final String text;
  private int pos;

  private DuckTypes(String text) {
    this.text = text;
  }

  /**
   * @param duckTypeName DuckDB's type name, not null
   * @return the Athena type, never null (unknown names give {@link AthenaType.Unknown})
   */
  static AthenaType toAthena(String duckTypeName) {
    DuckTypes p = new DuckTypes(duckTypeName.trim());
    try {
      return p.type();
    } catch (RuntimeException e) {
      return new AthenaType.Unknown("unknown");
    }
  }

  private AthenaType type() {
    AthenaType base;
    if (take("STRUCT(")) {
      base = struct();
    } else if (take("MAP(")) {
      AthenaType key = type();
      expect(',');
      AthenaType value = type();
      expect(')');
      base = new AthenaType.MapType(key, value);
    } else if (take("DECIMAL(")) {
      int p = number();
      expect(',');
      int s = number();
      expect(')');
      base = AthenaType.Simple.decimal(p, s);
    } else if (take("UNION(")) {
      skipBalanced();
      base = new AthenaType.Unknown("unknown");
    } else if (take("ENUM(")) {
      skipBalanced();
      base = AthenaType.Simple.of(TypeKind.VARCHAR);
    } else {
      base = simple(word());
    }
    while (take("[")) {
      int close = text.indexOf(']', pos);
      pos = close + 1;
      base = new AthenaType.ArrayType(base);
    }
    return base;
  }

  private AthenaType struct() {
    List<AthenaType.Field> fields = new ArrayList<>();
    do {
      skipBlanks();
      String name = fieldName();
      fields.add(new AthenaType.Field(name, type()));
      skipBlanks();
    } while (take(","));
    expect(')');
    return new AthenaType.RowType(fields);
  }

  private String fieldName() {
    if (text.charAt(pos) == '"') {
      StringBuilder sb = new StringBuilder();
      pos++;
      while (true) {
        char c = text.charAt(pos++);
        if (c == '"') {
          if (pos < text.length() && text.charAt(pos) == '"') {
            sb.append('"');
            pos++;
            continue;
          }
          return sb.toString();
        }
        sb.append(c);
      }
    }
    int space = text.indexOf(' ', pos);
    String name = text.substring(pos, space);
    pos = space + 1;
    return name;
  }

  private static AthenaType simple(String name) {
    switch (name.toUpperCase(Locale.ROOT)) {
      case "BOOLEAN":
        return AthenaType.Simple.of(TypeKind.BOOLEAN);
      case "TINYINT":
        return AthenaType.Simple.of(TypeKind.TINYINT);
      case "SMALLINT":
      case "UTINYINT":
        return AthenaType.Simple.of(TypeKind.SMALLINT);
      case "INTEGER":
      case "USMALLINT":
        return AthenaType.Simple.of(TypeKind.INTEGER);
      case "BIGINT":
      case "UINTEGER":
      case "UBIGINT":
      case "HUGEINT":
      case "UHUGEINT":
        return AthenaType.Simple.of(TypeKind.BIGINT);
      case "FLOAT":
      case "REAL":
        return AthenaType.Simple.of(TypeKind.REAL);
      case "DOUBLE":
        return AthenaType.Simple.of(TypeKind.DOUBLE);
      case "DECIMAL":
        return AthenaType.Simple.decimal(18, 3);
      case "VARCHAR":
        return AthenaType.Simple.of(TypeKind.VARCHAR);
      case "DATE":
        return AthenaType.Simple.of(TypeKind.DATE);
      case "TIME":
        return new AthenaType.Simple(TypeKind.TIME, 3, 0);
      case "TIME WITH TIME ZONE":
        return new AthenaType.Simple(TypeKind.TIME_WITH_TIME_ZONE, 3, 0);
      case "TIMESTAMP":
      case "TIMESTAMP_S":
      case "TIMESTAMP_MS":
      case "TIMESTAMP_NS":
        return new AthenaType.Simple(TypeKind.TIMESTAMP, 3, 0);
      case "TIMESTAMP WITH TIME ZONE":
        return new AthenaType.Simple(TypeKind.TIMESTAMP_WITH_TIME_ZONE, 3, 0);
      case "BLOB":
      case "BIT":
        return AthenaType.Simple.of(TypeKind.VARBINARY);
      case "INTERVAL":
        return AthenaType.Simple.of(TypeKind.INTERVAL_DAY_TO_SECOND);
      case "JSON":
        return AthenaType.Simple.of(TypeKind.JSON);
      case "UUID":
        return AthenaType.Simple.of(TypeKind.UUID);
      default:
        return new AthenaType.Unknown("unknown");
    }
  }

  private String word() {
    int start = pos;
    while (pos < text.length() && ",)[".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    return text.substring(start, pos).trim();
  }

  private int number() {
    skipBlanks();
    int start = pos;
    while (Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    return Integer.parseInt(text.substring(start, pos));
  }

  private void skipBalanced() {
    int depth = 1;
    while (depth > 0) {
      char c = text.charAt(pos++);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    }
  }

  private boolean take(String token) {
    skipBlanks();
    if (text.regionMatches(true, pos, token, 0, token.length())) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!take(String.valueOf(c))) {
      throw new IllegalArgumentException("expected " + c + " at " + pos + " in " + text);
    }
  }

  private void skipBlanks() {
    while (pos < text.length() && text.charAt(pos) == ' ') {
      pos++;
    }
  }
}
