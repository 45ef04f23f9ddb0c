package dev.athenaws;

import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.publish.PauseCondition;
import dev.athenaws.notify.PostOutcome;
import java.util.Objects;

/**
 * How {@link AthenaWs#handle} ended. Whatever the outcome, the client has already been told (an
 * {@code error}, a {@code catalog}, {@code accepted} and the results), unless its connection was
 * gone.
 *
 * <p>Thread-safety: immutable records.
 *
 * <p>Exceptions: the records' constructors throw {@link NullPointerException} for a null component
 * where documented.
 */
public sealed interface Outcome {
  /** A {@code listQueries} was answered with the {@code catalog}. */
  record Listed() implements Outcome {}

  /** A {@code ping} was answered with {@code pong}. */
  record Answered() implements Outcome {}

  /**
   * A {@code cancel} stopped a query (the Athena query and whatever continued it); the client got
   * its final {@code error} QUERY_CANCELLED, from this call or from the run that was waiting for
   * the query on the client's connection.
   *
   * @param queryExecutionId the stopped query, not null
   */
  record Cancelled(String queryExecutionId) implements Outcome {
    /**
     * Validates the id.
     *
     * @param queryExecutionId the stopped query, not null
     * @throws NullPointerException if queryExecutionId is null
     */
    public Cancelled {
      Objects.requireNonNull(queryExecutionId, "queryExecutionId");
    }
  }

  /**
   * The client's message was refused (not JSON, unknown action or query, invalid parameter, raw SQL
   * disabled, a request id reused for another query); the client got {@code error} with the code.
   *
   * @param code the code sent, not null
   */
  record Refused(ErrorCode code) implements Outcome {
    /**
     * Validates the code.
     *
     * @param code the code, not null
     * @throws NullPointerException if code is null
     */
    public Refused {
      Objects.requireNonNull(code, "code");
    }
  }

  /**
   * The query ran in this call: complete, error, client gone or undelivered.
   *
   * @param result how the run ended, not null
   */
  record Ran(PublishResult result) implements Outcome {
    /**
     * Validates the result.
     *
     * @param result how it ended, not null
     * @throws NullPointerException if result is null
     */
    public Ran {
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * A {@link HandOff} took the query over.
   *
   * @param queryExecutionId the running query, or null when it was not started here
   * @param from where publishing stood, not null
   */
  record HandedOff(String queryExecutionId, Continuation from) implements Outcome {
    /**
     * Validates the continuation.
     *
     * @param queryExecutionId the running query, nullable
     * @param from where publishing stood, not null
     * @throws NullPointerException if from is null
     */
    public HandedOff {
      Objects.requireNonNull(from, "from");
    }
  }

  /**
   * The server could not take the request (a {@link RunOptions#handOffAtOnce} hand-off failed, or
   * something unexpected); the client got {@code error} INTERNAL when it could be reached, or
   * ATHENA_BUSY when the hand-off threw {@link dev.athenaws.error.ThrottledException} (Step
   * Functions kept throttling).
   *
   * @param code the code sent, not null
   */
  record NotStarted(ErrorCode code) implements Outcome {
    /**
     * Validates the code.
     *
     * @param code the code, not null
     * @throws NullPointerException if code is null
     */
    public NotStarted {
      Objects.requireNonNull(code, "code");
    }
  }

  /**
   * How a publishing run ended. Every case except {@link ConnectionGone} has left the client with a
   * final message when it could be delivered: {@code complete} for {@link Completed}, {@code error}
   * for {@link Failed}.
   *
   * <p>Thread-safety: immutable records.
   *
   * <p>Exceptions: the records' constructors throw {@link NullPointerException} for a null
   * component; nothing else throws.
   */
  sealed interface PublishResult {

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
     * A client's {@code cancel} stopped the run: nothing more was sent; the cancel told the client.
     */
    record Stopped() implements PublishResult {}

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
}
