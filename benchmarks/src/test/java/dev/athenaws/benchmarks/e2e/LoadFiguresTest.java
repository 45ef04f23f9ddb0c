package dev.athenaws.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A small run of the load benchmark: every client gets exactly its own rows; no timing. */
class LoadFiguresTest {
  @Test
  void concurrentClientsEachGetOnlyTheirOwnRows() throws Exception {
    LoadFigures.Result r = LoadFigures.run(8, 5_000);
    assertThat(r.clients()).isEqualTo(8);
    assertThat(r.rows()).isPositive();
    assertThat(r.p95Ms()).isGreaterThanOrEqualTo(r.p50Ms());
    assertThat(r.threadsPeak()).containsKeys(LoadFigures.POOLS.toArray(String[]::new));
    System.out.println(LoadFigures.format(r));
  }
}
