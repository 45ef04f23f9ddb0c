package dev.athenaws.internal.retry;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;

/**
 * What an interrupted wait means, in one place: the host is cancelling the work (shutting down, or
 * giving up on the client), so the run ends as {@link ErrorCode#QUERY_CANCELLED}, whichever wait
 * was interrupted (a retry's backoff, a poll, a prefetch, a post's retry, a Step Functions start),
 * and the thread's interrupt flag stays set for the caller.
 *
 * <p>Thread-safety: stateless.
 */
public final class Interrupts {
  private Interrupts() {}

  /**
   * Restores the interrupt flag and returns the exception that ends the run.
   *
   * @param during what was being waited for, for the message (e.g. "retrying a post")
   * @param cause the interruption (an {@link InterruptedException}, or the SDK's abort of a call on
   *     an interrupted thread), not null
   * @return an exception with code QUERY_CANCELLED and the cause attached
   */
  public static AthenaWsException cancelled(String during, Exception cause) {
    Thread.currentThread().interrupt();
    return new AthenaWsException(ErrorCode.QUERY_CANCELLED, "Interrupted while " + during, cause);
  }
}
