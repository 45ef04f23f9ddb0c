package dev.athenaws.internal.results;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One result row: a value per column, in column order. A {@code null} element is SQL NULL; an empty
 * string is the empty string. The Java class of each value is given in docs/types.md.
 *
 * <p>Thread-safety: immutable once built; the values list is an unmodifiable view that is not
 * copied (rows are built by the million), so whoever builds a row must not change the list
 * afterwards.
 *
 * <p>Exceptions: the constructor throws {@link NullPointerException} for a null list; {@link #get}
 * throws {@link IndexOutOfBoundsException} for a bad index.
 *
 * @param values one value per column, unmodifiable, may contain nulls
 */
public record Row(List<Object> values) {
  /**
   * Wraps the list in an unmodifiable view (not a copy).
   *
   * @param values one value per column, may contain nulls, not null
   * @throws NullPointerException if values is null
   */
  public Row {
    values = Collections.unmodifiableList(Objects.requireNonNull(values, "values"));
  }

  /**
   * Wraps an array without copying it; the caller hands over ownership and must not change it
   * later.
   *
   * @param values one value per column, nulls allowed
   * @return the row
   */
  public static Row wrap(Object[] values) {
    return new Row(Collections.unmodifiableList(Arrays.asList(values)));
  }

  /**
   * One value.
   *
   * @param index the column index, 0-based
   * @return the value at {@code index}, null for SQL NULL
   * @throws IndexOutOfBoundsException if index is not a column index
   */
  public Object get(int index) {
    return values.get(index);
  }

  /**
   * @return the number of values
   */
  public int size() {
    return values.size();
  }
}
