package dev.athenaws.examples.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The bounded query pool: full means refused at once; stopping interrupts and refuses. */
class QueryExecutorTest {
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch never = new CountDownLatch(1);
  private final AtomicBoolean interrupted = new AtomicBoolean();
  private final AtomicBoolean queuedRan = new AtomicBoolean();
  private final AtomicBoolean queuedRefused = new AtomicBoolean();

  /** A query that runs until it is interrupted. */
  private void blockingQuery() {
    started.countDown();
    try {
      never.await();
    } catch (InterruptedException e) {
      interrupted.set(true);
    }
  }

  @Test
  void aFullPoolRefusesAtOnceAndStoppingInterruptsRunningQueriesAndRefusesWaitingFrames()
      throws Exception {
    QueryExecutor executor = new QueryExecutor(1, 1, Duration.ZERO);
    executor.start();
    executor.execute(this::blockingQuery, () -> {});
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    executor.execute(() -> queuedRan.set(true), () -> queuedRefused.set(true));

    assertThatThrownBy(() -> executor.execute(() -> {}, () -> {}))
        .isInstanceOf(RejectedExecutionException.class);

    executor.stop();

    assertThat(interrupted).isTrue();
    assertThat(queuedRefused).isTrue();
    assertThat(queuedRan).isFalse();
    assertThat(executor.isRunning()).isFalse();
    assertThatThrownBy(() -> executor.execute(() -> {}, () -> {}))
        .isInstanceOf(RejectedExecutionException.class);
  }
}
