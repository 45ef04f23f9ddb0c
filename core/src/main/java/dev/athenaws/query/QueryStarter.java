package dev.athenaws.query;

import java.util.List;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * Starts Athena queries, idempotently: the {@link RequestKey} becomes the
 * {@code ClientRequestToken}, so a retried start (by this library, the SDK or a redelivered Lambda
 * event) returns the same query execution instead of running the query twice.
 *
 * <p>Users may mock this interface. {@link #builder} creates the Athena-backed implementation.
 *
 * <p>Thread-safety: implementations are thread-safe.
 *
 * <p>Exceptions: {@link #start} throws {@link QueryFailedException}, {@link AthenaBusyException},
 * {@link dev.athenaws.AthenaWsException} and {@code SdkException} as documented on it; {@link
 * #builder} throws {@link NullPointerException} for a null client.
 */
public interface QueryStarter {
  /**
   * Starts a query.
   *
   * @param sql the statement, not null
   * @param executionParameters SQL literals for the positional {@code ?} markers, may be empty
   * @param key the request's idempotency key
   * @return the query execution id
   * @throws QueryFailedException when Athena rejects the request ({@code InvalidRequestException})
   * @throws AthenaBusyException when Athena kept throttling until the retries ran out
   * @throws dev.athenaws.AthenaWsException with code QUERY_CANCELLED when interrupted while waiting
   *     to retry
   * @throws software.amazon.awssdk.core.exception.SdkException for any other failure (access denied,
   *     network errors the client's own retry strategy gave up on)
   */
  String start(String sql, List<String> executionParameters, RequestKey key);

  /**
   * @param client the Athena client. Build it with {@code AwsRetryStrategy.doNotRetry()} so that all
   *     waiting happens in this library's bounded loop with the injected {@link
   *     dev.athenaws.retry.Sleeper}; the SDK's standard strategy also works (then a throttled call can
   *     be sent up to 3 times per attempt here). Avoid the adaptive strategy: its client-side rate
   *     limiter blocks outside the injected sleeper.
   * @return a builder of the Athena-backed starter
   */
  static QueryStarterBuilder builder(AthenaClient client) {
    return new QueryStarterBuilder(client);
  }
}
