package dev.athenaws.results;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One result row: a value per column, in column order. A {@code null} element is SQL NULL; an empty
 * string is the empty string. The Java class of each value is given in docs/types.md.
 *
 * @param values unmodifiable, may contain nulls
 */
public record Row(List<Object> values) {
  public Row {
    Objects.requireNonNull(values, "values");
  }

  /**
   * Wraps an array without copying it; the caller hands over ownership and must not change it later.
   *
   * @param values one value per column, nulls allowed
   * @return the row
   */
  public static Row wrap(Object[] values) {
    return new Row(Collections.unmodifiableList(Arrays.asList(values)));
  }

  /** @return the value at {@code index}, null for SQL NULL */
  public Object get(int index) {
    return values.get(index);
  }

  /** @return the number of values */
  public int size() {
    return values.size();
  }
}
