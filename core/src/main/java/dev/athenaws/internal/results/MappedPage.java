package dev.athenaws.internal.results;

import java.util.List;
import java.util.Objects;

/**
 * One page of typed rows.
 *
 * <p>Thread-safety: immutable (the lists are copied; row values are immutable except {@code byte[]}
 * values of varbinary columns, which must not be changed).
 *
 * <p>Exceptions: the constructor throws {@link IllegalArgumentException} for a page number below 1
 * and {@link NullPointerException} for a null list or element.
 *
 * @param pageNumber 1 for the first page of the result, then 2, 3, ...
 * @param columns the result columns, the same list on every page of a result
 * @param rows the rows of this page, header row removed; unmodifiable
 * @param nextToken the {@code NextToken} for the next page, null on the last page
 * @param updateCount rows written by INSERT or CTAS ({@code UpdateCount}), null when Athena gave
 *     none
 */
public record MappedPage(
    int pageNumber, List<Column> columns, List<Row> rows, String nextToken, Long updateCount) {
  /**
   * Validates the components and copies the lists.
   *
   * @param pageNumber the page number, >= 1
   * @param columns the result columns, not null
   * @param rows the rows, not null
   * @param nextToken the next page's token, or null on the last page
   * @param updateCount Athena's {@code UpdateCount}, or null
   * @throws IllegalArgumentException if pageNumber is below 1
   * @throws NullPointerException if a list or an element is null
   */
  public MappedPage {
    if (pageNumber < 1) {
      throw new IllegalArgumentException("pageNumber must be >= 1: " + pageNumber);
    }
    columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
  }

  /**
   * @return true when no further page follows
   */
  public boolean isLast() {
    return nextToken == null;
  }
}
