package dev.athenaws.query;

import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;

/**
 * Fetches one page of a query's results ({@code GetQueryResults}). Pages are strictly sequential:
 * each needs the previous page's {@code NextToken}. {@link ResultPages} fetches one page ahead.
 *
 * <p>Users may mock this interface. {@link #builder} creates the Athena-backed implementation, which
 * retries throttling and 5xx with {@link AthenaRetry} (GetQueryResults is read-only, so a retry is
 * always safe).
 *
 * <p>Thread-safety: implementations are thread-safe.
 *
 * <p>Exceptions: {@link #fetch} throws {@link QueryFailedException}, {@link AthenaBusyException},
 * {@link dev.athenaws.AthenaWsException} and {@code SdkException} as documented on it; {@link
 * #builder} throws {@link NullPointerException} for a null client.
 */
public interface PageFetcher {
  /**
   * @param queryExecutionId a SUCCEEDED query
   * @param nextToken the previous page's NextToken, or null for the first page
   * @return the page; its {@code nextToken()} is null on the last page
   * @throws QueryFailedException when Athena rejects the request (unknown id, query not finished,
   *     expired token)
   * @throws AthenaBusyException when Athena kept throttling until the retries ran out
   * @throws dev.athenaws.AthenaWsException with code QUERY_CANCELLED when interrupted while waiting
   *     to retry
   * @throws software.amazon.awssdk.core.exception.SdkException for other failures
   */
  GetQueryResultsResponse fetch(String queryExecutionId, String nextToken);

  /**
   * @param client the Athena client, built as {@link QueryStarter#builder} describes
   * @return a builder of the Athena-backed fetcher
   */
  static PageFetcherBuilder builder(AthenaClient client) {
    return new PageFetcherBuilder(client);
  }
}
