package dev.athenaws.internal.query;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link CancellationSignal} raised by {@link #cancel()}, once and for good.
 *
 * <p>Thread-safety: thread-safe (an {@link AtomicBoolean}).
 *
 * <p>Exceptions: never throws.
 */
public final class CancellationFlag implements CancellationSignal {
  private final AtomicBoolean cancelled = new AtomicBoolean();

  /** Raises the signal. Idempotent. */
  public void cancel() {
    cancelled.set(true);
  }

  @Override
  public boolean isCancelled() {
    return cancelled.get();
  }
}
