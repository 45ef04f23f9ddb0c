package dev.athenaws.error;

import dev.athenaws.internal.text.Excerpt;

/**
 * A client asked for a query the catalog does not hold (or named none and the catalog has no
 * default query). Code {@link ErrorCode#UNKNOWN_QUERY}. The query name is kept and shown truncated
 * to {@value Excerpt#MAX_CHARS} characters, with control characters replaced by {@code ?}.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: thrown by {@code QueryCatalog.bind} and {@code QueryResolver.resolve}; the
 * constructor never throws.
 */
public final class UnknownQueryException extends AthenaWsException {
  private static final long serialVersionUID = 1L;

  /** The requested name, truncated; null when none was given. */
  private final String query;

  /**
   * Creates the exception.
   *
   * @param query the requested name as the client sent it, or null when none was given
   */
  public UnknownQueryException(String query) {
    super(ErrorCode.UNKNOWN_QUERY, message(query));
    this.query = query == null ? null : Excerpt.of(query);
  }

  private static String message(String query) {
    return query == null
        ? "No query name given and the catalog has no default query"
        : "Unknown query '" + Excerpt.of(query) + "'";
  }

  /**
   * @return the requested name (truncated), or null when none was given
   */
  public String query() {
    return query;
  }
}
