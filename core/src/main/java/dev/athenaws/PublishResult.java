package dev.athenaws;

import dev.athenaws.internal.publish.PauseCondition;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.notify.PostOutcome;
import java.util.Objects;

/**
 * How a publishing run ended. Every case except {@link ConnectionGone} has left the client with a
 * final message when it could be delivered: {@code complete} for {@link Completed}, {@code error} for
 * {@link Failed}.
 *
 * <p>Thread-safety: immutable records.
 *
 * <p>Exceptions: the records' constructors throw {@link NullPointerException} for a null component;
 * nothing else throws.
 */
public sealed interface PublishResult {

  /**
   * All rows and the {@code complete} message were delivered.
   *
   * @param rowCount rows delivered in total (all runs)
   * @param chunks {@code rows} messages delivered in total (all runs)
   */
  record Completed(long rowCount, int chunks) implements PublishResult {}

  /**
   * Stopped between pages because the {@link PauseCondition} asked; resume from {@code next}.
   *
   * @param next where to continue
   */
  record Paused(Continuation next) implements PublishResult {
    /**
     * Validates the continuation.
     *
     * @param next where to continue, not null
     * @throws NullPointerException if next is null
     */
    public Paused {
      Objects.requireNonNull(next, "next");
    }
  }

  /** The client disconnected: publishing stopped at the first 410 and nothing more was sent. */
  record ConnectionGone() implements PublishResult {}

  /**
   * The query or the stream failed; an {@code error} message with {@code code} was sent (if the
   * connection could still take it).
   *
   * @param code the error code sent
   * @param errorDelivered whether the error message reached the client
   */
  record Failed(ErrorCode code, boolean errorDelivered) implements PublishResult {
    /**
     * Validates the code.
     *
     * @param code the error code sent, not null
     * @param errorDelivered whether the error message reached the client
     * @throws NullPointerException if code is null
     */
    public Failed {
      Objects.requireNonNull(code, "code");
    }
  }

  /**
   * A message could not be delivered (throttled past the retries, or rejected): the client misses
   * data. An {@code error} was attempted after it.
   *
   * @param outcome what the failed post returned
   */
  record Undelivered(PostOutcome outcome) implements PublishResult {
    /**
     * Validates the outcome.
     *
     * @param outcome what the failed post returned, not null
     * @throws NullPointerException if outcome is null
     */
    public Undelivered {
      Objects.requireNonNull(outcome, "outcome");
    }
  }
}
