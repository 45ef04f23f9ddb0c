package dev.athenaws.internal.types;

import dev.athenaws.error.ValueFormatException;

/**
 * Converts one Athena result value (the {@code VarCharValue} text of a {@code Datum}) to its Java
 * value. A converter is built once per column and applied to every value of that column; it is
 * never called for NULL (a {@code Datum} without {@code VarCharValue}).
 *
 * <p>Thread-safety: implementations are stateless and safe to share.
 *
 * <p>Exceptions: {@link #convert} throws {@link ValueFormatException} for a text that is not in the
 * type's Athena format, and nothing else.
 */
@FunctionalInterface
public interface ValueConverter {
  /**
   * @param text the exact Athena text, not null (may be empty)
   * @return the Java value, never null
   * @throws ValueFormatException when the text is not in the type's Athena format
   */
  Object convert(String text);
}
