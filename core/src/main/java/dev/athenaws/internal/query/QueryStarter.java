package dev.athenaws.internal.query;

import dev.athenaws.AthenaSettings;
import dev.athenaws.catalog.Statement;
import dev.athenaws.error.QueryFailedException;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.retry.Sleeper;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * Starts Athena queries, idempotently: the {@link RequestKey} becomes the {@code
 * ClientRequestToken}, so a retried start (by this library, the SDK or a redelivered Lambda event)
 * returns the same query execution instead of running the query twice.
 *
 * <p>Users may mock this interface. {@link #builder} creates the Athena-backed implementation.
 *
 * <p>Thread-safety: implementations are thread-safe.
 *
 * <p>Exceptions: {@link #start} throws {@link QueryFailedException}, {@link ThrottledException},
 * {@link dev.athenaws.error.AthenaWsException} and {@code SdkException} as documented on it; {@link
 * #builder} throws {@link NullPointerException} for a null client.
 */
public interface QueryStarter {
  /**
   * Starts a query.
   *
   * @param statement the SQL and the literals for its positional {@code ?} markers, not null
   * @param key the request's idempotency key
   * @return the query execution id
   * @throws QueryFailedException when Athena rejects the request ({@code InvalidRequestException})
   * @throws ThrottledException when Athena was still busy (or unreachable) when the retries ran out
   * @throws dev.athenaws.error.AthenaWsException with code QUERY_CANCELLED when interrupted while
   *     waiting to retry
   * @throws software.amazon.awssdk.core.exception.SdkException for any other failure (access
   *     denied, a missing work group: never retried)
   */
  String start(Statement statement, RequestKey key);

  /**
   * Starts a query, retrying a busy Athena (concurrent query limit, throttling, server errors,
   * network failures) no later than {@code deadline}: when the next wait would end after it, the
   * start gives up at once with {@link ThrottledException}, leaving the caller the time that is
   * left to tell the client or hand the query on. The retried call is the same request, with the
   * same {@code ClientRequestToken}, so Athena runs the query at most once.
   *
   * <p>The default implementation ignores the deadline and calls {@link #start(Statement,
   * RequestKey)}; the Athena-backed starter honours it. A mock must stub this method when the code
   * under test calls it (the run flow of {@code AthenaWs} does).
   *
   * @param statement the SQL and the literals for its positional {@code ?} markers, not null
   * @param key the request's idempotency key
   * @param deadline when retrying must stop, not null
   * @return the query execution id
   * @throws QueryFailedException when Athena rejects the request ({@code InvalidRequestException})
   * @throws ThrottledException when Athena was still busy when the retries or the time ran out
   * @throws dev.athenaws.error.AthenaWsException with code QUERY_CANCELLED when interrupted while
   *     waiting to retry
   * @throws software.amazon.awssdk.core.exception.SdkException for any other failure (access
   *     denied, a missing work group: never retried)
   */
  default String start(Statement statement, RequestKey key, Instant deadline) {
    Objects.requireNonNull(deadline, "deadline");
    return start(statement, key);
  }

  /**
   * @param client the Athena client. Build it with {@code AwsRetryStrategy.doNotRetry()} so that
   *     all waiting happens in this library's bounded loop, with the injected {@link
   *     dev.athenaws.retry.Sleeper} and under the caller's deadline, and give it an {@code
   *     apiCallAttemptTimeout} so that an unanswered call ends. The SDK's standard strategy also
   *     works: its attempts count towards {@link AthenaRetry}'s bound (the total stays bounded),
   *     but its own backoff waits outside the deadline. Avoid the adaptive strategy: its
   *     client-side rate limiter blocks outside the injected sleeper.
   * @return a builder of the Athena-backed starter
   */
  static Builder builder(AthenaClient client) {
    return new Builder(client);
  }

  /**
   * Builds the Athena-backed {@link QueryStarter}. Defaults: {@link AthenaSettings#defaults()},
   * {@link AthenaRetry#DEFAULT}, {@link Sleeper#system()}, {@link Clock#systemUTC()}, a {@link
   * java.security.SecureRandom}. Setters throw {@link NullPointerException} for null, naming the
   * parameter.
   *
   * <p>Thread-safety: not thread-safe; the built starter is.
   */
  public static final class Builder extends AthenaCallsBuilder<Builder> {
    private AthenaSettings settings = AthenaSettings.defaults();

    Builder(AthenaClient client) {
      super(client);
    }

    /**
     * Sets where queries run.
     *
     * @param settings work group, catalog, database, result location and reuse
     * @return this builder
     */
    public Builder settings(AthenaSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * @return the starter
     */
    public QueryStarter build() {
      return new AthenaQueryStarter(client, settings, retryLoop());
    }
  }
}
