package dev.athenaws.types;

import java.util.List;
import java.util.Objects;

/**
 * An Athena (Trino) column type. Athena's {@code ColumnInfo} only names the outer type ({@code array},
 * {@code map}, {@code row}) and gives decimal precision/scale; element types come from a type hint in
 * the query definition, written in Trino type syntax such as {@code array(row(a integer, b varchar))}.
 *
 * <p>Values of a {@link Simple} type whose kind is ARRAY, MAP or ROW have no known structure and stay
 * the exact Athena string; the structured records ({@link ArrayType}, {@link MapType}, {@link RowType})
 * convert to lists and maps.
 *
 * <p>Thread-safety: all implementations are immutable records.
 */
public sealed interface AthenaType
    permits AthenaType.Simple, AthenaType.Unknown, AthenaType.ArrayType, AthenaType.MapType,
        AthenaType.RowType {

  /** @return the kind of this type */
  TypeKind kind();

  /** @return the type in Trino syntax, e.g. {@code decimal(10,2)} or {@code array(integer)} */
  String signature();

  /**
   * A type without element structure. {@code precision} and {@code scale} are meaningful for
   * DECIMAL (and precision for TIMESTAMP/TIME fractional digits, CHAR/VARCHAR length); 0 otherwise.
   */
  record Simple(TypeKind kind, int precision, int scale) implements AthenaType {
    public Simple {
      Objects.requireNonNull(kind, "kind");
      if (kind == TypeKind.UNKNOWN) {
        throw new IllegalArgumentException("kind: use AthenaType.Unknown for unknown types");
      }
      if (precision < 0 || scale < 0 || scale > Math.max(precision, 0) && kind == TypeKind.DECIMAL) {
        throw new IllegalArgumentException(
            "precision/scale out of range: " + precision + "," + scale);
      }
    }

    /** @return a simple type without precision or scale */
    public static Simple of(TypeKind kind) {
      return new Simple(kind, 0, 0);
    }

    /** @return {@code decimal(precision,scale)} */
    public static Simple decimal(int precision, int scale) {
      return new Simple(TypeKind.DECIMAL, precision, scale);
    }

    @Override
    public String signature() {
      if (kind == TypeKind.DECIMAL && precision > 0) {
        return "decimal(" + precision + "," + scale + ")";
      }
      return kind.athenaName();
    }
  }

  /** A type name this library does not know; its values stay the exact Athena string. */
  record Unknown(String name) implements AthenaType {
    public Unknown {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public TypeKind kind() {
      return TypeKind.UNKNOWN;
    }

    @Override
    public String signature() {
      return name;
    }
  }

  /** {@code array(element)}. */
  record ArrayType(AthenaType element) implements AthenaType {
    public ArrayType {
      Objects.requireNonNull(element, "element");
    }

    @Override
    public TypeKind kind() {
      return TypeKind.ARRAY;
    }

    @Override
    public String signature() {
      return "array(" + element.signature() + ")";
    }
  }

  /** {@code map(key, value)}. */
  record MapType(AthenaType key, AthenaType value) implements AthenaType {
    public MapType {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public TypeKind kind() {
      return TypeKind.MAP;
    }

    @Override
    public String signature() {
      return "map(" + key.signature() + ", " + value.signature() + ")";
    }
  }

  /** {@code row(name type, ...)}; field names are required. */
  record RowType(List<Field> fields) implements AthenaType {
    public RowType {
      fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
      if (fields.isEmpty()) {
        throw new IllegalArgumentException("fields: a row type needs at least one field");
      }
    }

    @Override
    public TypeKind kind() {
      return TypeKind.ROW;
    }

    @Override
    public String signature() {
      StringBuilder sb = new StringBuilder("row(");
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(fields.get(i).name()).append(' ').append(fields.get(i).type().signature());
      }
      return sb.append(')').toString();
    }
  }

  /** One field of a {@link RowType}. */
  record Field(String name, AthenaType type) {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name: a row field needs a name");
      }
    }
  }
}
