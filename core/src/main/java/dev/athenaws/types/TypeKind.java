package dev.athenaws.types;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Athena column types, by the names {@code ColumnInfo.Type} uses. See ATHENA-FACTS and
 * docs/types.md for the text form of each and the Java value it maps to.
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum TypeKind {
  BOOLEAN("boolean"),
  TINYINT("tinyint"),
  SMALLINT("smallint"),
  INTEGER("integer"),
  BIGINT("bigint"),
  REAL("real"),
  DOUBLE("double"),
  DECIMAL("decimal"),
  CHAR("char"),
  VARCHAR("varchar"),
  DATE("date"),
  TIME("time"),
  TIME_WITH_TIME_ZONE("time with time zone"),
  TIMESTAMP("timestamp"),
  TIMESTAMP_WITH_TIME_ZONE("timestamp with time zone"),
  INTERVAL_YEAR_TO_MONTH("interval year to month"),
  INTERVAL_DAY_TO_SECOND("interval day to second"),
  VARBINARY("varbinary"),
  JSON("json"),
  IPADDRESS("ipaddress"),
  UUID("uuid"),
  ARRAY("array"),
  MAP("map"),
  ROW("row"),
  /** A type name this library does not know; values stay the exact Athena string. */
  UNKNOWN("unknown");

  private static final Map<String, TypeKind> BY_NAME =
      Stream.of(values()).collect(Collectors.toUnmodifiableMap(k -> k.athenaName, Function.identity()));

  private final String athenaName;

  TypeKind(String athenaName) {
    this.athenaName = athenaName;
  }

  /** @return the name as Athena writes it in {@code ColumnInfo.Type}, lower case */
  public String athenaName() {
    return athenaName;
  }

  /**
   * Looks a kind up by Athena's name. {@code float} is an alias of {@code real} and {@code int} of
   * {@code integer}; case and surrounding blanks are ignored.
   *
   * @param name a type name, may be null
   * @return the kind, or {@link #UNKNOWN} for null or an unrecognised name (never throws)
   */
  public static TypeKind fromAthenaName(String name) {
    if (name == null) {
      return UNKNOWN;
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "float":
        return REAL;
      case "int":
        return INTEGER;
      default:
        return BY_NAME.getOrDefault(n, UNKNOWN);
    }
  }
}
