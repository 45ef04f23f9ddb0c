package dev.athenaws.error;

/**
 * The stable error codes of protocol v1. Clients branch on these; they are never renamed or reused.
 * See docs/protocol.md for when each one is sent.
 *
 * <p>Thread-safety: an enum, immutable.
 *
 * <p>Exceptions: none (an enum; {@code valueOf} throws {@link IllegalArgumentException} for a name
 * that is not a code).
 */
public enum ErrorCode {
  /** The client message is not JSON, not an object, has a wrong field type or an unknown action. */
  BAD_REQUEST,
  /** The requested named query does not exist in the catalog. */
  UNKNOWN_QUERY,
  /** A query parameter is missing, has the wrong type or fails its validation rule. */
  INVALID_PARAMETER,
  /** Athena ran the query and it ended FAILED. */
  QUERY_FAILED,
  /** The query was cancelled (by the client's {@code cancel}, or by an operator). */
  QUERY_CANCELLED,
  /** The query did not finish before the configured deadline and was stopped. */
  TIMEOUT,
  /** One result row does not fit into a single WebSocket message. */
  ROW_TOO_LARGE,
  /**
   * Athena kept pushing back (the account's concurrent query limit, throttling, server errors) or
   * could not be reached, longer than the bounded retries or the deadline allow. Nothing is known
   * to be wrong with the query: the same request may succeed when sent again later.
   */
  ATHENA_BUSY,
  /**
   * A {@code cancel} or {@code resume} whose token is malformed, forged, expired, for another query
   * or another identity; or sessions are off in this deployment. Nothing was stopped or sent.
   */
  INVALID_TOKEN,
  /** A {@code cancel} of a query that had already ended: nothing was changed. */
  QUERY_FINISHED,
  /** A {@code resume} of a query whose execution or result Athena no longer holds. */
  RESULT_EXPIRED,
  /**
   * The caller's identity does not allow this query: there is none, or it lacks a claim a parameter
   * is bound to, or the claim fails that parameter's rules. The message never says which and never
   * echoes a claim value; the server's log says why. The query was not started.
   */
  FORBIDDEN,
  /** Anything else: details are logged server-side, never sent to the client. */
  INTERNAL
}
