package dev.athenaws.notify;

import java.util.Objects;

/**
 * What became of one {@code PostToConnection}. Callers branch on the type: {@link Gone} means stop
 * sending to that connection for good; {@link Throttled} and {@link Rejected} mean this message was
 * not delivered.
 *
 * <p>Thread-safety: immutable records.
 *
 * <p>Exceptions: {@link Rejected}'s constructor throws {@link NullPointerException} for a null
 * reason; nothing else throws.
 */
public sealed interface PostOutcome {

  /**
   * @return true only for {@link Delivered}
   */
  default boolean delivered() {
    return this instanceof Delivered;
  }

  /**
   * The message was accepted by API Gateway.
   *
   * @param attempts calls made, 1 when no retry was needed
   */
  record Delivered(int attempts) implements PostOutcome {}

  /** 410 {@code GoneException}: the client disconnected. Never retried. */
  record Gone() implements PostOutcome {}

  /**
   * Still throttled (429 {@code LimitExceededException}) or failing with 5xx after the bounded
   * retries.
   *
   * @param attempts calls made
   * @param status the last HTTP status
   */
  record Throttled(int attempts, int status) implements PostOutcome {}

  /**
   * Refused for a reason a retry cannot fix.
   *
   * @param reason why
   * @param status the HTTP status
   * @param errorCode the service's error code, e.g. {@code ForbiddenException}; may be null
   */
  record Rejected(Reason reason, int status, String errorCode) implements PostOutcome {
    /**
     * Validates the reason.
     *
     * @param reason why, not null
     * @param status the HTTP status
     * @param errorCode the service's error code, may be null
     * @throws NullPointerException if reason is null
     */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Why a post was rejected. */
  enum Reason {
    /** 403: the caller may not manage this API's connections (IAM, wrong API or stage). */
    FORBIDDEN,
    /** 413: the message is over API Gateway's 128 KB limit. */
    PAYLOAD_TOO_LARGE,
    /** Any other 4xx. */
    CLIENT_ERROR
  }
}
