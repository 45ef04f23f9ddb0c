package dev.athenaws.results;

import java.util.List;
import java.util.Objects;

/**
 * One page of typed rows.
 *
 * @param pageNumber 1 for the first page of the result, then 2, 3, ...
 * @param columns the result columns, the same list on every page of a result
 * @param rows the rows of this page, header row removed; unmodifiable
 * @param nextToken the {@code NextToken} for the next page, null on the last page
 * @param updateCount rows written by INSERT or CTAS ({@code UpdateCount}), null when Athena gave none
 */
public record MappedPage(
    int pageNumber, List<Column> columns, List<Row> rows, String nextToken, Long updateCount) {
  public MappedPage {
    if (pageNumber < 1) {
      throw new IllegalArgumentException("pageNumber must be >= 1: " + pageNumber);
    }
    columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
  }

  /** @return true when no further page follows */
  public boolean isLast() {
    return nextToken == null;
  }
}
