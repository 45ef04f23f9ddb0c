package dev.athenaws.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A small run of the pipelining benchmark: it completes and does the expected calls; no timing. */
class PipelineFiguresTest {
  @Test
  void bothVariantsDeliverEveryRowWithOneFetchPerPage() {
    for (boolean prefetch : new boolean[] {true, false}) {
      PipelineFigures.Run run = PipelineFigures.run(prefetch, 4, 200, Duration.ZERO, Duration.ZERO);

      assertThat(run.rows()).isEqualTo(800);
      assertThat(run.fetches()).isEqualTo(4);
      assertThat(run.posts()).isGreaterThanOrEqualTo(2); // at least one rows message and complete
    }
  }
}
