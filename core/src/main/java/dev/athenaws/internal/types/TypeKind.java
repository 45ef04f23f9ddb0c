package dev.athenaws.internal.types;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Athena column types, by the names {@code ColumnInfo.Type} uses. See docs/aws-behaviour.md and
 * docs/types.md for the text form of each and the Java value it maps to.
 *
 * <p>Thread-safety: an enum, immutable.
 *
 * <p>Exceptions: none; {@link #fromAthenaName} never throws.
 */
public enum TypeKind {
  /** {@code boolean}: Java {@code Boolean}. */
  BOOLEAN("boolean"),
  /** {@code tinyint}, 8-bit: Java {@code Integer}. */
  TINYINT("tinyint"),
  /** {@code smallint}, 16-bit: Java {@code Integer}. */
  SMALLINT("smallint"),
  /** {@code integer} (alias {@code int}), 32-bit: Java {@code Integer}. */
  INTEGER("integer"),
  /** {@code bigint}, 64-bit: Java {@code Long}. */
  BIGINT("bigint"),
  /** {@code real} (alias {@code float}), 32-bit floating point: Java {@code Float}. */
  REAL("real"),
  /** {@code double}, 64-bit floating point: Java {@code Double}. */
  DOUBLE("double"),
  /** {@code decimal(p,s)}: Java {@code BigDecimal}. */
  DECIMAL("decimal"),
  /** {@code char(n)}: Java {@code String}. */
  CHAR("char"),
  /** {@code varchar(n)}: Java {@code String}. */
  VARCHAR("varchar"),
  /** {@code date}: Java {@code LocalDate}. */
  DATE("date"),
  /** {@code time}: Java {@code LocalTime}. */
  TIME("time"),
  /** {@code time with time zone}: {@link TimeWithZone}. */
  TIME_WITH_TIME_ZONE("time with time zone"),
  /** {@code timestamp}: Java {@code LocalDateTime}. */
  TIMESTAMP("timestamp"),
  /** {@code timestamp with time zone}: Java {@code ZonedDateTime}. */
  TIMESTAMP_WITH_TIME_ZONE("timestamp with time zone"),
  /** {@code interval year to month}: Java {@code Period}. */
  INTERVAL_YEAR_TO_MONTH("interval year to month"),
  /** {@code interval day to second}: Java {@code Duration}. */
  INTERVAL_DAY_TO_SECOND("interval day to second"),
  /** {@code varbinary}: Java {@code byte[]}. */
  VARBINARY("varbinary"),
  /** {@code json}: Jackson {@code JsonNode}. */
  JSON("json"),
  /** {@code ipaddress}: Java {@code String}. */
  IPADDRESS("ipaddress"),
  /** {@code uuid}: Java {@code String}. */
  UUID("uuid"),
  /** {@code array(...)}: a {@code List} with a type hint, else the Athena text. */
  ARRAY("array"),
  /** {@code map(...)}: a {@code Map} with a type hint, else the Athena text. */
  MAP("map"),
  /** {@code row(...)}: a {@code Map} by field name with a type hint, else the Athena text. */
  ROW("row"),
  /** A type name this library does not know; values stay the exact Athena string. */
  UNKNOWN("unknown");

  private static final Map<String, TypeKind> BY_NAME =
      Stream.of(values())
          .collect(Collectors.toUnmodifiableMap(k -> k.athenaName, Function.identity()));

  private final String athenaName;

  TypeKind(String athenaName) {
    this.athenaName = athenaName;
  }

  /**
   * @return the name as Athena writes it in {@code ColumnInfo.Type}, lower case
   */
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
