package dev.athenaws;

import dev.athenaws.error.AthenaWsException;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link AthenaWs#handle} runs one request. {@link #defaults()}: to the end on the calling
 * thread, bounded only by the query timeout, identified by the client's {@code requestId} (else a
 * random identity). Immutable: each {@code with...} returns a copy.
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * <p>Exceptions: the methods throw {@link NullPointerException} for null and {@link
 * IllegalArgumentException} for a negative budget.
 */
public final class RunOptions {
  private static final RunOptions DEFAULTS = new RunOptions(null, null, false, null);

  private final Duration budget;
  private final HandOff handOff;
  private final boolean atOnce;
  private final String transportRequestId;

  private RunOptions(Duration budget, HandOff handOff, boolean atOnce, String transportRequestId) {
    this.budget = budget;
    this.handOff = handOff;
    this.atOnce = atOnce;
    this.transportRequestId = transportRequestId;
  }

  /**
   * @return run to the end on the calling thread, within the query timeout
   */
  public static RunOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Bounds the run by a deadline, counted from the call to {@code handle}: a start that finds
   * Athena busy retries until then; a query still running then, or results only partly sent, go to
   * the hand-off (when there is one and it takes them) or end with {@code error} TIMEOUT (the query
   * is stopped). The query timeout still applies when it comes first.
   *
   * @param budget the time the run may take, not negative (zero: hand off at once after the start)
   * @param handOff takes over at the deadline, not null ({@code r -> false} for none)
   * @return a copy with the deadline
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if budget is negative
   */
  public RunOptions withDeadline(Duration budget, HandOff handOff) {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(handOff, "handOff");
    if (budget.isNegative()) {
      throw new IllegalArgumentException("budget must not be negative: " + budget);
    }
    return new RunOptions(budget, handOff, false, transportRequestId);
  }

  /**
   * Hands every query over without starting it here (the Lambda adapter's {@code stepfunctions}
   * mode): the client gets {@code accepted} without a query id when the hand-off takes it.
   *
   * @param handOff takes the statement, not null; a BAD_REQUEST {@link AthenaWsException} it throws
   *     is the client's (e.g. a request id reused for another query), anything else is INTERNAL
   * @return a copy that hands off at once
   * @throws NullPointerException if handOff is null
   */
  public RunOptions handOffAtOnce(HandOff handOff) {
    Objects.requireNonNull(handOff, "handOff");
    return new RunOptions(null, handOff, true, transportRequestId);
  }

  /**
   * Sets the transport's id of the message being handled: what identifies a request that has no
   * client {@code requestId} across redeliveries of the same frame (API Gateway's {@code
   * requestContext.messageId}). Without it such a request gets a random identity: it never shares
   * an execution with an earlier identical query.
   *
   * @param id the transport's message id, nullable (none)
   * @return a copy with the id
   */
  public RunOptions withTransportRequestId(String id) {
    return new RunOptions(budget, handOff, atOnce, id);
  }

  Duration budget() {
    return budget;
  }

  HandOff handOff() {
    return handOff;
  }

  boolean atOnce() {
    return atOnce;
  }

  String transportRequestId() {
    return transportRequestId;
  }
}
