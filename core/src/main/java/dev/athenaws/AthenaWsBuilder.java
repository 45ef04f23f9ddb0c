package dev.athenaws;

import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.catalog.QueryResolver;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.protocol.ChunkPolicy;
import dev.athenaws.publish.ResultPublisher;
import dev.athenaws.query.AthenaSettings;
import dev.athenaws.query.CompletionWaiter;
import dev.athenaws.query.PageFetcher;
import dev.athenaws.query.QueryStarter;
import dev.athenaws.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * Configures an {@link AthenaWs}. Required: {@link #notifier} and {@link #catalog}. Defaults: an
 * {@link AthenaClient} built from the environment (region, credentials, an SDK HTTP client on the
 * classpath) without SDK retries, owned and closed by the {@code AthenaWs}; {@link
 * AthenaSettings#defaults()}; a {@link #DEFAULT_QUERY_TIMEOUT} query timeout; catalog queries only
 * (no raw SQL); lenient value mapping; {@link ChunkPolicy#defaults()}; the system clock and sleeper.
 *
 * <p>Thread-safety: not thread-safe; build once per process.
 *
 * <p>Exceptions: setters throw {@link NullPointerException} for null and {@link
 * IllegalArgumentException} for a bad value, naming the parameter; {@link #build()} throws {@link
 * IllegalStateException} without a notifier or a catalog.
 */
public final class AthenaWsBuilder {
  /** Athena's own default query timeout: 30 minutes. */
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofMinutes(30);

  private AthenaClient athena;
  private ConnectionNotifier notifier;
  private QueryCatalog catalog;
  private AthenaSettings settings = AthenaSettings.defaults();
  private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
  private boolean rawSql;
  private boolean strictValues;
  private ChunkPolicy chunkPolicy = ChunkPolicy.defaults();
  private Clock clock = Clock.systemUTC();
  private Sleeper sleeper = Sleeper.system();
  private QueryStarter starter;
  private CompletionWaiter waiter;
  private PageFetcher fetcher;

  AthenaWsBuilder() {}

  /** What an {@link AthenaWs} is made of. */
  record Parts(QueryResolver resolver, QueryStarter starter, CompletionWaiter waiter,
      PageFetcher fetcher, ResultPublisher publisher, ExecutorService prefetch,
      AthenaClient ownedClient, Duration queryTimeout, Clock clock) {}

  /**
   * Sets the Athena client; the {@code AthenaWs} does not close it.
   *
   * @param client the client; it should not retry by itself (athena-ws's bounded loops do), e.g.
   *     built with {@code AwsRetryStrategy.doNotRetry()}
   * @return this builder
   */
  public AthenaWsBuilder athenaClient(AthenaClient client) {
    this.athena = Objects.requireNonNull(client, "athenaClient");
    return this;
  }

  /**
   * Sets how messages reach clients: {@code ConnectionNotifiers.apiGateway().build()} behind API
   * Gateway, or your own over your server's sessions.
   *
   * @param notifier posts messages, not null
   * @return this builder
   */
  public AthenaWsBuilder notifier(ConnectionNotifier notifier) {
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    return this;
  }

  /**
   * Sets the queries clients may run.
   *
   * @param catalog the named queries, not null
   * @return this builder
   */
  public AthenaWsBuilder catalog(QueryCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    return this;
  }

  /**
   * Sets the work group, catalog, database and result location of the queries.
   *
   * @param settings the settings, not null
   * @return this builder
   */
  public AthenaWsBuilder settings(AthenaSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * Sets how long a query may run before it is stopped with {@code error} TIMEOUT.
   *
   * @param timeout the timeout, > 0
   * @return this builder
   * @throws IllegalArgumentException if timeout is not positive
   */
  public AthenaWsBuilder queryTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "queryTimeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("queryTimeout must be > 0: " + timeout);
    }
    this.queryTimeout = timeout;
    return this;
  }

  /**
   * Lets clients send SQL text ({@code "sql"}) besides catalog queries. Only for trusted clients.
   *
   * @return this builder
   */
  public AthenaWsBuilder allowRawSql() {
    this.rawSql = true;
    return this;
  }

  /**
   * Fails a result stream with an {@code error} when a value does not parse as its type, instead
   * of passing it on as text.
   *
   * @return this builder
   */
  public AthenaWsBuilder strictValues() {
    this.strictValues = true;
    return this;
  }

  /**
   * Sets the {@code rows} message size limit.
   *
   * @param policy the limit, not null
   * @return this builder
   */
  public AthenaWsBuilder chunkPolicy(ChunkPolicy policy) {
    this.chunkPolicy = Objects.requireNonNull(policy, "chunkPolicy");
    return this;
  }

  /**
   * Sets the clock deadlines are read on (virtual in tests).
   *
   * @param clock the clock, not null
   * @return this builder
   */
  public AthenaWsBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Sets how retries and polls wait (virtual in tests).
   *
   * @param sleeper the sleeper, not null
   * @return this builder
   */
  public AthenaWsBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /**
   * Replaces the Athena-backed starter (tests, or custom retries).
   *
   * @param starter the starter, not null
   * @return this builder
   */
  public AthenaWsBuilder queryStarter(QueryStarter starter) {
    this.starter = Objects.requireNonNull(starter, "queryStarter");
    return this;
  }

  /**
   * Replaces the Athena-backed waiter (tests, or custom polling). It should leave a query running
   * at its deadline ({@code CompletionWaiterBuilder.stopAtDeadline(false)}): the run stops it
   * itself, or hands it off.
   *
   * @param waiter the waiter, not null
   * @return this builder
   */
  public AthenaWsBuilder completionWaiter(CompletionWaiter waiter) {
    this.waiter = Objects.requireNonNull(waiter, "completionWaiter");
    return this;
  }

  /**
   * Replaces the Athena-backed page fetcher (tests, or another page size).
   *
   * @param fetcher the fetcher, not null
   * @return this builder
   */
  public AthenaWsBuilder pageFetcher(PageFetcher fetcher) {
    this.fetcher = Objects.requireNonNull(fetcher, "pageFetcher");
    return this;
  }

  /**
   * Builds the front door; it owns a new prefetch thread pool (and the default client, if any).
   *
   * @return the front door, to be closed when no longer used
   * @throws IllegalStateException without a notifier or a catalog
   */
  public AthenaWs build() {
    if (notifier == null) {
      throw new IllegalStateException("notifier is required");
    }
    if (catalog == null) {
      throw new IllegalStateException("catalog is required");
    }
    AthenaClient owned = null;
    AthenaClient client = athena;
    if (client == null && (starter == null || waiter == null || fetcher == null)) {
      owned = AthenaClient.builder()
          .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
          .build();
      client = owned;
    }
    QueryStarter s = starter != null ? starter
        : QueryStarter.builder(client).settings(settings).sleeper(sleeper).clock(clock).build();
    CompletionWaiter w = waiter != null ? waiter
        : CompletionWaiter.builder(client).sleeper(sleeper).clock(clock).stopAtDeadline(false).build();
    PageFetcher f = fetcher != null ? fetcher : PageFetcher.builder(client).sleeper(sleeper).build();
    ExecutorService prefetch = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "athena-ws-prefetch");
      t.setDaemon(true);
      return t;
    });
    ResultPublisher.Builder publisher = ResultPublisher.builder(notifier, f)
        .executor(prefetch)
        .chunkPolicy(chunkPolicy);
    if (strictValues) {
      publisher.strictValues();
    }
    QueryResolver resolver = rawSql
        ? QueryResolver.allowingRawSql(catalog)
        : QueryResolver.catalogOnly(catalog);
    return new AthenaWs(new Parts(resolver, s, w, f, publisher.build(), prefetch, owned,
        queryTimeout, clock));
  }
}
