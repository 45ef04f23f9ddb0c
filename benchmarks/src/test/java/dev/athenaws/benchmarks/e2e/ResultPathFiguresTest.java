package dev.athenaws.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A small run of the result-path benchmark, every variant this build's stack supports: every row
 * arrives exactly once with NULLs and empty strings apart, and each query's Athena calls are
 * counted by operation; no timing.
 */
class ResultPathFiguresTest {
  @Test
  void everySupportedVariantDeliversEveryRowOnceAndCountsItsCalls() throws Exception {
    ResultPathFigures.Report r =
        ResultPathFigures.run(1_500, new long[] {3_000}, 1, ResultPathVariant.all());

    assertThat(r.find("API/1", 3_000)).isPresent();
    assertThat(r.measures().size() + r.notRun().size()).isEqualTo(ResultPathVariant.all().size());
    for (ResultPathFigures.Measure m : r.measures()) {
      assertThat(m.rows()).isEqualTo(3_000);
      // stepfunctions mode starts the query in the route and the .sync start joins it by its
      // ClientRequestToken: two calls, one execution; inline mode starts it once.
      assertThat(m.calls())
          .containsEntry("StartQueryExecution", m.variant().contains("inline") ? 1 : 2)
          .containsKey("GetQueryExecution");
      assertThat(m.ms()).hasSize(1);
      if (!m.variant().startsWith("link")) {
        assertThat(m.rowsChecked().rows()).as(m.variant()).isEqualTo(3_000);
        assertThat(m.last().path("rowCount").asLong()).isEqualTo(3_000);
        // agent: '' for rowid % 4 = 0, NULL for rowid % 4 = 1, 1,500 events twice
        assertThat(m.rowsChecked().empties()).as(m.variant()).isEqualTo(750);
        assertThat(m.rowsChecked().nulls()).as(m.variant()).isEqualTo(750);
      }
    }
    // Today's API path pages 3,000 rows and a header at 1,000 rows a call.
    assertThat(r.find("API/1", 3_000).orElseThrow().calls()).containsEntry("GetQueryResults", 4);
    System.out.println(ResultPathFigures.format(r, 1_500, 1));
  }
}
