package dev.athenaws.internal.publish;

import dev.athenaws.Continuation;

/**
 * Asked between result pages whether publishing should stop and hand back a {@link Continuation},
 * e.g. when a Lambda invocation's remaining time runs low.
 *
 * <p>Thread-safety: called on the publishing thread only.
 *
 * <p>Exceptions: implementations should not throw; an exception ends the run with an {@code error}
 * INTERNAL to the client.
 */
@FunctionalInterface
public interface PauseCondition {
  /** Never pause. */
  PauseCondition NEVER = () -> false;

  /**
   * @return true to stop before the next page
   */
  boolean shouldPause();
}
