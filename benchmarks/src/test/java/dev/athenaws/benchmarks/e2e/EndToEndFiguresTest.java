package dev.athenaws.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A small run of the end-to-end benchmark: both paths deliver the same rows, checked; no timing.
 */
class EndToEndFiguresTest {
  @Test
  void theStackAndTheBaselineDeliverTheSameRowsWhole() throws Exception {
    EndToEndFigures.Report r = EndToEndFigures.run(3_000, 1, true);
    for (String query : new String[] {EndToEndFigures.ORIGINAL, EndToEndFigures.ALL_EVENTS}) {
      EndToEndFigures.Row stack = r.row("local stack (stepfunctions)", query);
      EndToEndFigures.Row base = r.row("baseline (JDBC -> JSON -> WebSocket)", query);
      assertThat(stack.rows()).as(query).isPositive().isEqualTo(base.rows());
      assertThat(stack.runs()).allSatisfy(s -> assertThat(s.completed()).isTrue());
    }
    assertThat(r.row("local stack (stepfunctions)", EndToEndFigures.ALL_EVENTS).rows())
        .isEqualTo(3_000);
    assertThat(r.row("local stack (inline)", EndToEndFigures.ALL_EVENTS).rows()).isEqualTo(3_000);
    assertThat(r.profile().values().stream().mapToLong(Long::longValue).sum()).isPositive();
    System.out.println(EndToEndFigures.format(r, 3_000, 1));
  }
}
