package dev.athenaws.internal.query;

/**
 * Tells a wait to give up: checked before every sleep and every poll. {@link CancellationFlag} is
 * the simple implementation; a caller may also back it by a connection's state.
 *
 * <p>Thread-safety: implementations must be safe to read from the waiting thread while another
 * thread sets them.
 *
 * <p>Exceptions: implementations should not throw; an exception stops the query and propagates out
 * of the wait.
 */
@FunctionalInterface
public interface CancellationSignal {
  /** A signal that is never raised. */
  CancellationSignal NEVER = () -> false;

  /**
   * @return true once the wait should stop the query and return
   */
  boolean isCancelled();
}
