package dev.athenaws.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small run of the drop benchmark (3,000 sample events): each case delivers every row once across
 * its connections (the run checks eventid, seq, rowCount and chunks itself), a kept query is one
 * Athena query, a stopped one is cancelled and run again; no timing.
 */
class DropFiguresTest {
  @Test
  void everyCaseDeliversEveryRowOnceAndCountsItsQueries() throws Exception {
    DropFigures.Report r = DropFigures.run(List.of("--events", "3000", "--post-latency-ms", "5"));

    assertThat(r.undisturbed().rows()).isEqualTo(3_000);
    // Step Functions mode: the route starts the query, the workflow's .sync start joins it.
    int starts = r.undisturbed().calls().get("StartQueryExecution");
    assertThat(starts).isPositive();
    assertThat(r.outcomes()).hasSize(4);
    for (DropFigures.Outcome o : r.outcomes()) {
      assertThat(o.rows()).as("%s", o).isEqualTo(3_000);
      if (o.choice() == DropFigures.Choice.KEEP) {
        assertThat(o.calls()).as("%s", o).containsEntry("StartQueryExecution", starts);
        assertThat(o.finalStates()).containsExactly("SUCCEEDED");
        assertThat(o.totalScanned()).isEqualTo(r.undisturbed().scanned());
      } else {
        assertThat(o.calls()).as("%s", o).containsEntry("StartQueryExecution", 2 * starts);
        assertThat(o.cancelReply()).isIn("QUERY_CANCELLED", "QUERY_FINISHED");
        assertThat(o.finalStates()).hasSize(2).endsWith("SUCCEEDED");
        assertThat(o.scanned().get(1)).isEqualTo(r.undisturbed().scanned());
      }
    }
    // A drop while rows stream comes after SUCCEEDED: the stop cannot save any scanning.
    DropFigures.Outcome stopStreaming = r.outcomes().get(3);
    assertThat(stopStreaming.point()).isEqualTo(DropFigures.Point.STREAMING);
    assertThat(stopStreaming.finalStates()).containsExactly("SUCCEEDED", "SUCCEEDED");
    assertThat(stopStreaming.totalScanned()).isEqualTo(2 * r.undisturbed().scanned());
    System.out.println(DropTable.format(r));
  }
}
