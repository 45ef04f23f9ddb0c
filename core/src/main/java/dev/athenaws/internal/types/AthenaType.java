package dev.athenaws.internal.types;

import java.util.List;
import java.util.Objects;

/**
 * An Athena (Trino) column type. Athena's {@code ColumnInfo} only names the outer type ({@code
 * array}, {@code map}, {@code row}) and gives decimal precision/scale; element types come from a
 * type hint in the query definition, written in Trino type syntax such as {@code array(row(a
 * integer, b varchar))}.
 *
 * <p>Values of a {@link Simple} type whose kind is ARRAY, MAP or ROW have no known structure and
 * stay the exact Athena string; the structured records ({@link ArrayType}, {@link MapType}, {@link
 * RowType}) convert to lists and maps.
 *
 * <p>Thread-safety: all implementations are immutable records.
 *
 * <p>Exceptions: {@link #parse} throws {@link IllegalArgumentException} for a malformed signature;
 * {@link #fromColumnInfo} never throws; the records' constructors throw {@link
 * NullPointerException} for null and {@link IllegalArgumentException} for an out-of-range value.
 */
public sealed interface AthenaType
    permits AthenaType.Simple,
        AthenaType.Unknown,
        AthenaType.ArrayType,
        AthenaType.MapType,
        AthenaType.RowType {

  /**
   * @return the kind of this type
   */
  TypeKind kind();

  /**
   * @return the type in Trino syntax, e.g. {@code decimal(10,2)} or {@code array(integer)}
   */
  String signature();

  /**
   * Parses a type hint in Trino type syntax: {@code integer}, {@code decimal(10,2)}, {@code
   * varchar(20)}, {@code timestamp(3) with time zone}, {@code interval day to second}, {@code
   * array(row(a integer, b varchar))}, {@code map(varchar, array(bigint))}, {@code row(a integer,
   * "quoted name" varchar)}. Case-insensitive; blanks between tokens are ignored. Names this
   * library does not know give {@link Unknown}; {@code float}, {@code int}, {@code string} and
   * {@code double precision} are accepted as aliases. {@code array}, {@code map} and {@code row}
   * without parentheses give the unstructured {@link Simple} kinds.
   *
   * @param signature the type hint, not null
   * @return the parsed type, never null
   * @throws IllegalArgumentException when the signature is malformed; the message names the
   *     position
   * @throws NullPointerException when {@code signature} is null
   */
  static AthenaType parse(String signature) {
    return TypeParser.parse(signature);
  }

  /**
   * Maps Athena's {@code ColumnInfo} ({@code Type}, {@code Precision}, {@code Scale}) to a type.
   * Decimal keeps precision and scale (a missing or inconsistent pair gives a decimal of unknown
   * scale); time and timestamp kinds keep a precision of 0..9 as their fraction digits; {@code
   * array}, {@code map} and {@code row} give the unstructured {@link Simple} kinds, because Athena
   * does not name element types. Never throws for any input.
   *
   * @param typeName Athena's type name such as {@code decimal}, {@code float}, {@code array}; may
   *     be null
   * @param precision {@code ColumnInfo.Precision}, may be null
   * @param scale {@code ColumnInfo.Scale}, may be null
   * @return a {@link Simple} or, for null or unrecognised names, an {@link Unknown} type
   */
  static AthenaType fromColumnInfo(String typeName, Integer precision, Integer scale) {
    TypeKind kind = TypeKind.fromAthenaName(typeName);
    int p = precision == null ? 0 : precision;
    int s = scale == null ? 0 : scale;
    switch (kind) {
      case UNKNOWN:
        return new Unknown(typeName == null || typeName.isBlank() ? "unknown" : typeName.trim());
      case DECIMAL:
        return p > 0 && s >= 0 && s <= p ? Simple.decimal(p, s) : Simple.of(TypeKind.DECIMAL);
      case TIME:
      case TIME_WITH_TIME_ZONE:
      case TIMESTAMP:
      case TIMESTAMP_WITH_TIME_ZONE:
        return new Simple(kind, p >= 0 && p <= 9 ? p : 0, 0);
      default:
        return Simple.of(kind);
    }
  }

  /**
   * A type without element structure. {@code precision} and {@code scale} are meaningful for
   * DECIMAL (and precision for TIMESTAMP/TIME fractional digits, CHAR/VARCHAR length); 0 otherwise.
   *
   * @param kind the kind, not UNKNOWN
   * @param precision decimal precision, fraction digits or length; 0 when not given
   * @param scale decimal scale; 0 otherwise
   */
  record Simple(TypeKind kind, int precision, int scale) implements AthenaType {
    /**
     * Validates the components.
     *
     * @param kind the kind, not null and not UNKNOWN
     * @param precision not negative
     * @param scale not negative; for DECIMAL at most the precision
     * @throws NullPointerException if kind is null
     * @throws IllegalArgumentException if kind is UNKNOWN or a number is out of range
     */
    public Simple {
      Objects.requireNonNull(kind, "kind");
      if (kind == TypeKind.UNKNOWN) {
        throw new IllegalArgumentException("kind: use AthenaType.Unknown for unknown types");
      }
      if (precision < 0
          || scale < 0
          || scale > Math.max(precision, 0) && kind == TypeKind.DECIMAL) {
        throw new IllegalArgumentException(
            "precision/scale out of range: " + precision + "," + scale);
      }
    }

    /**
     * A type without precision or scale.
     *
     * @param kind the kind, not null and not UNKNOWN
     * @return a simple type without precision or scale
     * @throws NullPointerException if kind is null
     * @throws IllegalArgumentException if kind is UNKNOWN
     */
    public static Simple of(TypeKind kind) {
      return new Simple(kind, 0, 0);
    }

    /**
     * A decimal type.
     *
     * @param precision total digits, not negative (0: unknown)
     * @param scale digits after the point, 0..precision
     * @return {@code decimal(precision,scale)}
     * @throws IllegalArgumentException if a number is out of range
     */
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

  /**
   * A type name this library does not know; its values stay the exact Athena string.
   *
   * @param name the type name as Athena gave it
   */
  record Unknown(String name) implements AthenaType {
    /**
     * Validates the name.
     *
     * @param name the type name, not null
     * @throws NullPointerException if name is null
     */
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

  /**
   * {@code array(element)}.
   *
   * @param element the element type
   */
  record ArrayType(AthenaType element) implements AthenaType {
    /**
     * Validates the element type.
     *
     * @param element the element type, not null
     * @throws NullPointerException if element is null
     */
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

  /**
   * {@code map(key, value)}.
   *
   * @param key the key type
   * @param value the value type
   */
  record MapType(AthenaType key, AthenaType value) implements AthenaType {
    /**
     * Validates the types.
     *
     * @param key the key type, not null
     * @param value the value type, not null
     * @throws NullPointerException if a type is null
     */
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

  /**
   * {@code row(name type, ...)}; field names are required.
   *
   * @param fields the fields, in order, at least one
   */
  record RowType(List<Field> fields) implements AthenaType {
    /**
     * Validates and copies the fields.
     *
     * @param fields the fields, not null, not empty
     * @throws NullPointerException if the list or an element is null
     * @throws IllegalArgumentException if there is no field
     */
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

  /**
   * One field of a {@link RowType}.
   *
   * @param name the field name, not blank
   * @param type the field type
   */
  record Field(String name, AthenaType type) {
    /**
     * Validates the components.
     *
     * @param name the field name, not blank
     * @param type the field type, not null
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if name is blank
     */
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name: a row field needs a name");
      }
    }
  }
}
