package dev.athenaws.internal.results;

import dev.athenaws.error.ValueFormatException;

/**
 * Told when a value does not parse as its column type and the mapper keeps the raw string (lenient
 * mode). Called at most once per column per mapper, so a bad column in a million-row result costs
 * one call, not a million.
 *
 * <p>Thread-safety: called on the thread that calls {@link ResultSetMapper#map}.
 *
 * <p>Exceptions: implementations should not throw; an exception propagates out of {@link
 * ResultSetMapper#map} (in a {@code ResultPublisher} run: an {@code error} INTERNAL to the client).
 */
@FunctionalInterface
public interface MappingListener {
  /**
   * @param column the column whose value did not parse
   * @param failure names the column, type and the truncated value
   */
  void onUnparsableValue(Column column, ValueFormatException failure);
}
