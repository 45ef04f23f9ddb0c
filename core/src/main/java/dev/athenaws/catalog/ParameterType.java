package dev.athenaws.catalog;

import java.util.Locale;

/**
 * The type of a named-query parameter: decides which JSON values a client may send and how the
 * value is rendered as an Athena {@code ExecutionParameters} literal (see docs/catalog.md).
 *
 * <p>Thread-safety: an enum, immutable.
 *
 * <p>Exceptions: none ({@code valueOf} throws {@link IllegalArgumentException} for an unknown name,
 * as for every enum).
 */
public enum ParameterType {
  /** A JSON string, rendered as a quoted SQL string literal: {@code 'it''s'}. */
  STRING,
  /** A JSON integer (or a string of digits) in bigint range, rendered bare: {@code 42}. */
  INTEGER,
  /** A JSON number (or a string of digits) of at most 38 digits, rendered bare: {@code 12.50}. */
  DECIMAL,
  /** A JSON {@code true} or {@code false}, rendered bare. */
  BOOLEAN,
  /** A JSON string {@code yyyy-MM-dd}, rendered {@code DATE '2021-08-01'}. */
  DATE,
  /** A JSON string {@code yyyy-MM-dd HH:mm:ss[.f]}, rendered {@code TIMESTAMP '...'}. */
  TIMESTAMP;

  /**
   * @return the lower-case name used in catalog files, e.g. {@code "string"}
   */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @return whether {@code min}/{@code max} apply to this type
   */
  boolean numeric() {
    return this == INTEGER || this == DECIMAL;
  }
}
