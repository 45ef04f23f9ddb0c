package dev.athenaws.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A small run of the memory benchmark: the -Xmx128m push JVM delivers every row; no timing. */
class MemoryFiguresTest {
  @Test
  void theSmallHeapPushDeliversEveryRow() throws Exception {
    MemoryFigures.Result r = MemoryFigures.run(20_000);
    assertThat(r.rows()).isEqualTo(20_000);
    assertThat(r.invocations()).isEqualTo(1);
    assertThat(r.maxHeapBytes()).isLessThanOrEqualTo(128L * 1024 * 1024);
    assertThat(r.heapPeakBytes()).isPositive().isLessThanOrEqualTo(r.maxHeapBytes());
    System.out.println(MemoryFigures.format(r));
  }
}
