package dev.athenaws.local.sfn;

import dev.athenaws.retry.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A sleeper whose waits never end by themselves: only an interrupt ends one (as StopExecution's
 * does). It records each wait, so a test knows the execution is waiting and for how long it would.
 * No real time passes in a test that uses it.
 */
final class BlockingSleeper implements Sleeper {
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final CountDownLatch waiting = new CountDownLatch(1);

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    sleeps.add(duration);
    waiting.countDown();
    new CountDownLatch(1).await();
  }

  /** Blocks until some thread waits in {@link #sleep}. */
  void awaitWaiting() throws InterruptedException {
    if (!waiting.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("nothing waited");
    }
  }

  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
