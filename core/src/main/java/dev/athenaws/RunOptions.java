package dev.athenaws;

import dev.athenaws.catalog.QueryCatalog.Caller;
import dev.athenaws.error.AthenaWsException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
  private static final RunOptions DEFAULTS = new RunOptions(null, null, false, null, null);

  private final Duration budget;
  private final HandOff handOff;
  private final boolean atOnce;
  private final String transportRequestId;
  private final Identity identity;

  private RunOptions(
      Duration budget,
      HandOff handOff,
      boolean atOnce,
      String transportRequestId,
      Identity identity) {
    this.budget = budget;
    this.handOff = handOff;
    this.atOnce = atOnce;
    this.transportRequestId = transportRequestId;
    this.identity = identity;
  }

  /**
   * Who sent the message, as the host authenticated the connection (the Lambda adapter: the {@code
   * $connect} authorizer's context). A resume token binds to the subject: another subject cannot
   * cancel or resume the query with it.
   *
   * @param subject the caller's stable id (a JWT's {@code sub}), not blank
   * @param groups the caller's groups, not null
   * @param claims further claims by name (strings), not null
   */
  public record Identity(String subject, Set<String> groups, Map<String, String> claims) {
    /**
     * Validates and copies.
     *
     * @param subject the caller's stable id, not blank
     * @param groups the caller's groups, not null
     * @param claims further claims by name, not null
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if subject is blank
     */
    public Identity {
      Objects.requireNonNull(subject, "subject");
      if (subject.isBlank()) {
        throw new IllegalArgumentException("subject must not be blank");
      }
      groups = Set.copyOf(groups);
      claims = Map.copyOf(claims);
    }
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
    return new RunOptions(budget, handOff, false, transportRequestId, identity);
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
    return new RunOptions(null, handOff, true, transportRequestId, identity);
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
    return new RunOptions(budget, handOff, atOnce, id, identity);
  }

  /**
   * Sets who sent the message (an authenticated connection's identity).
   *
   * @param identity the caller, nullable (an unauthenticated connection)
   * @return a copy with the identity
   */
  public RunOptions withIdentity(Identity identity) {
    return new RunOptions(budget, handOff, atOnce, transportRequestId, identity);
  }

  /**
   * @return the caller's subject, or null for an unauthenticated connection
   */
  String subject() {
    return identity == null ? null : identity.subject();
  }

  /**
   * @return the caller as the catalog sees it: its groups and claims, the subject as claim {@code
   *     sub}; or {@link Caller#ANONYMOUS}
   */
  Caller caller() {
    if (identity == null) {
      return Caller.ANONYMOUS;
    }
    Map<String, String> claims = new HashMap<>(identity.claims());
    claims.put("sub", identity.subject());
    return Caller.of(identity.groups(), claims);
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
