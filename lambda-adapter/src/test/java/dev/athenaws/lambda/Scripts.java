package dev.athenaws.lambda;

import dev.athenaws.testing.FakeAthenaQuery;
import java.time.Duration;
import java.util.List;

/**
 * FakeAthena scripts of SELECTs over one integer column {@code n}: page 1 starts with the header.
 */
final class Scripts {
  private Scripts() {}

  /**
   * @param running how long the query runs
   * @param pages number of pages
   * @param rowsPerPage data rows per page (page 1 has the header row in addition)
   */
  static FakeAthenaQuery numbers(Duration running, int pages, int rowsPerPage) {
    FakeAthenaQuery.Builder b = FakeAthenaQuery.builder().running(running).column("n", "integer");
    int n = 0;
    for (int p = 0; p < pages; p++) {
      int header = p == 0 ? 1 : 0;
      List<?>[] rows = new List<?>[rowsPerPage + header];
      if (header == 1) {
        rows[0] = List.of("n");
      }
      for (int r = 0; r < rowsPerPage; r++) {
        rows[r + header] = List.of(Integer.toString(n++));
      }
      b.page(rows);
    }
    return b.build();
  }
}
