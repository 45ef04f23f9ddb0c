package dev.athenaws.internal.query;

import dev.athenaws.error.QueryFailedException;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.retry.Sleeper;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;

/**
 * Fetches one page of a query's results ({@code GetQueryResults}). Pages are strictly sequential:
 * each needs the previous page's {@code NextToken}. {@link ResultPages} fetches one page ahead.
 *
 * <p>Users may mock this interface. {@link #builder} creates the Athena-backed implementation,
 * which retries throttling and 5xx with {@link AthenaRetry} (GetQueryResults is read-only, so a
 * retry is always safe).
 *
 * <p>Thread-safety: implementations are thread-safe.
 *
 * <p>Exceptions: {@link #fetch} throws {@link QueryFailedException}, {@link ThrottledException},
 * {@link dev.athenaws.error.AthenaWsException} and {@code SdkException} as documented on it; {@link
 * #builder} throws {@link NullPointerException} for a null client.
 */
public interface PageFetcher {
  /**
   * @param queryExecutionId a SUCCEEDED query
   * @param nextToken the previous page's NextToken, or null for the first page
   * @return the page; its {@code nextToken()} is null on the last page
   * @throws QueryFailedException when Athena rejects the request (unknown id, query not finished,
   *     expired token)
   * @throws ThrottledException when Athena kept throttling until the retries ran out
   * @throws dev.athenaws.error.AthenaWsException with code QUERY_CANCELLED when interrupted while
   *     waiting to retry
   * @throws software.amazon.awssdk.core.exception.SdkException for other failures
   */
  GetQueryResultsResponse fetch(String queryExecutionId, String nextToken);

  /**
   * @param client the Athena client, built as {@link QueryStarter#builder} describes
   * @return a builder of the Athena-backed fetcher
   */
  static Builder builder(AthenaClient client) {
    return new Builder(client);
  }

  /**
   * Builds the Athena-backed {@link PageFetcher}. Defaults: {@value #DEFAULT_MAX_RESULTS} rows a
   * page, {@link AthenaRetry#DEFAULT}, {@link Sleeper#system()}, a {@link
   * java.security.SecureRandom}. Setters throw {@link NullPointerException} for null and {@link
   * IllegalArgumentException} for a bad value, naming the parameter.
   *
   * <p>Thread-safety: not thread-safe; the built fetcher is.
   */
  public static final class Builder extends AthenaCallsBuilder<Builder> {
    /** Athena's largest page, and the default: fewer round trips. */
    public static final int DEFAULT_MAX_RESULTS = 1000;

    private int maxResults = DEFAULT_MAX_RESULTS;

    Builder(AthenaClient client) {
      super(client);
    }

    /**
     * Sets the page size.
     *
     * @param maxResults rows a page, 1..1000 (Athena's bounds; page 1 of a SELECT includes the
     *     header)
     * @return this builder
     * @throws IllegalArgumentException if maxResults is out of range
     */
    public Builder maxResults(int maxResults) {
      if (maxResults < 1 || maxResults > 1000) {
        throw new IllegalArgumentException("maxResults must be 1..1000: " + maxResults);
      }
      this.maxResults = maxResults;
      return this;
    }

    /**
     * @return the fetcher
     */
    public PageFetcher build() {
      // No deadline reaches a page fetch: the clock only serves deadlines.
      return new AthenaPageFetcher(client, maxResults, retryLoop());
    }
  }
}
