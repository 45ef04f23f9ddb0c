package dev.athenaws.retry;

import java.time.Duration;

/**
 * Waits. Injected wherever the library waits, so tests run in virtual time (a fake that advances a
 * fake clock) and never really sleep.
 *
 * <p>Thread-safety: implementations must be safe to call from several threads.
 *
 * <p>Exceptions: {@link #sleep} throws {@link InterruptedException} when the waiting thread is
 * interrupted, and nothing else.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits for the given time.
   *
   * @param duration how long to wait, not negative
   * @throws InterruptedException when the waiting thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The real sleeper.
   *
   * @return a sleeper backed by {@link Thread#sleep(long, int)}; zero and negative durations return
   *     at once
   */
  static Sleeper system() {
    return d -> {
      if (!d.isNegative() && !d.isZero()) {
        Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
      }
    };
  }
}
