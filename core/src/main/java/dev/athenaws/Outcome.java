package dev.athenaws;

import dev.athenaws.error.ErrorCode;
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
}
