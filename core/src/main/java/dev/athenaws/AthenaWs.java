package dev.athenaws;

import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.catalog.Statement;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.catalog.QueryResolver;
import dev.athenaws.internal.protocol.ChunkPolicy;
import dev.athenaws.internal.protocol.ClientMessage;
import dev.athenaws.internal.protocol.ClientMessageDecoder;
import dev.athenaws.internal.protocol.DecodeResult;
import dev.athenaws.internal.protocol.ServerMessage;
import dev.athenaws.internal.publish.PublishTarget;
import dev.athenaws.internal.publish.ResultPublisher;
import dev.athenaws.internal.query.CompletionWaiter;
import dev.athenaws.internal.query.PageFetcher;
import dev.athenaws.internal.query.QueryStarter;
import dev.athenaws.internal.query.RequestKey;
import dev.athenaws.internal.query.RunTally;
import dev.athenaws.internal.s3.DownloadLinks;
import dev.athenaws.internal.s3.LazyS3;
import dev.athenaws.internal.s3.MarkerObjects;
import dev.athenaws.internal.s3.ObjectReader;
import dev.athenaws.internal.s3.ResultSource;
import dev.athenaws.internal.s3.SignedS3;
import dev.athenaws.internal.session.CancelMarks;
import dev.athenaws.internal.session.ResumeTokens;
import dev.athenaws.notify.Connection;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * The front door of athena-ws: given a client's connection and text frame, it does everything the
 * protocol asks. It decodes the frame, answers {@code listQueries} with the {@code catalog},
 * resolves and binds the named query, starts it idempotently, posts {@code accepted}, waits with
 * {@code progress}, publishes the {@code rows} and {@code complete}, or one {@code error} with a
 * stable code. {@link #resume} continues a query's publication from a {@code Continuation} (the
 * Lambda adapter's push task). Build one per process with {@link #builder()}.
 *
 * <p>Resources: it owns the thread pool that fetches result pages one ahead and makes the posts in
 * flight ({@code athena-ws-prefetch}, daemon threads; a run leaves no task running when it
 * returns), and the {@link AthenaClient} only when it created the default one. {@link #close()}
 * releases them; call it when the process no longer handles frames, after the last {@code handle}
 * returned.
 *
 * <p>Thread-safety: thread-safe; one instance serves any number of concurrent frames. {@code
 * handle} and {@code resume} block the calling thread until the query has ended and its results are
 * delivered (seconds to minutes): call them from a worker pool, never from an I/O thread.
 *
 * <p>Exceptions: {@link #handle} and {@link #resume} throw only {@link NullPointerException} for a
 * null argument: every other failure is told to the client and ends as an {@link Outcome} or {@link
 * PublishResult}.
 */
public final class AthenaWs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AthenaWs.class);
  private static final String AT_CAPACITY = "The service is busy; try again later.";

  private final ClientMessageDecoder decoder = new ClientMessageDecoder();
  private final QueryResolver resolver;
  private final CatalogListing listing;
  private final ResultPublisher publisher;
  private final RunFlow flow;
  private final ResumeFlow resume;
  private final SessionFlow sessions;
  private final ExecutorService prefetch;
  private final AthenaClient ownedClient;
  private final RunWatch watch;

  AthenaWs(Builder.Parts parts) {
    this.watch = parts.watch();
    this.resolver = parts.resolver();
    this.listing = CatalogListing.of(parts.resolver().catalog());
    this.publisher = parts.publisher();
    this.flow =
        new RunFlow(
            parts.starter(),
            parts.waiter(),
            parts.publisher(),
            parts.resolver().catalog(),
            parts.queryTimeout(),
            parts.clock(),
            new ResultRoute(parts.publisher(), parts.source()),
            new LinkDelivery(parts.links(), parts.linkPolicy(), parts.publisher()),
            new Sessions(parts.tokens(), parts.marks(), parts.clock()));
    this.resume = new ResumeFlow(flow);
    this.sessions = new SessionFlow(flow, resume);
    this.prefetch = parts.prefetch();
    this.ownedClient = parts.ownedClient();
  }

  /**
   * Starts configuring the front door. Required: {@link Builder#notifier} and {@link
   * Builder#catalog}.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Handles one text frame of a client with {@link RunOptions#defaults()}: runs a query to the end
   * on the calling thread.
   *
   * @param connection the client's connection, not null
   * @param frame the frame as received (may be anything; null is refused as BAD_REQUEST)
   * @return how it ended; the client has been told
   * @throws NullPointerException if connection is null
   */
  public Outcome handle(Connection connection, String frame) {
    return handle(connection, frame, RunOptions.defaults());
  }

  /**
   * Handles one text frame of a client.
   *
   * @param connection the client's connection, not null
   * @param frame the frame as received (may be anything; null is refused as BAD_REQUEST)
   * @param options the deadline, hand-off and transport identity of this request, not null
   * @return how it ended; the client has been told
   * @throws NullPointerException if connection or options is null
   */
  public Outcome handle(Connection connection, String frame, RunOptions options) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(options, "options");
    return watch.watch(
        RunListener.Phase.HANDLE,
        connection.id(),
        null,
        () -> {
          try {
            return dispatch(connection, frame, options);
          } catch (RuntimeException e) {
            LOG.error("handling a frame of connection {} failed", connection.id(), e);
            publisher.fail(new PublishTarget(connection, null, null), e);
            return new Outcome.NotStarted(ErrorCode.INTERNAL);
          }
        },
        outcome -> RunWatch.of(outcome, currentQueryName()));
  }

  private static String currentQueryName() {
    RunTally tally = RunTally.current();
    return tally == null ? null : tally.queryName();
  }

  /**
   * Continues a query started earlier: awaits it while it runs (within the resumption's time
   * budget), then publishes its results from the resumption's continuation; or reports a state
   * machine's failure.
   *
   * @param resumption what to continue, not null
   * @return how it ended: {@link PublishResult.Paused} with the continuation to resume from when
   *     the time budget ran low; otherwise the client has been told how the query ended
   * @throws NullPointerException if resumption is null
   */
  public PublishResult resume(Resumption resumption) {
    Objects.requireNonNull(resumption, "resumption");
    return watch.watch(
        RunListener.Phase.RESUME,
        resumption.target.connection().id(),
        resumption.target.queryExecutionId(),
        () -> resume.resume(resumption),
        result -> RunWatch.of(result, resumption.queryName));
  }

  /**
   * Tells a client that its message was refused before it reached the protocol (e.g. a binary
   * frame), as an {@code error} with the exception's code, message and field.
   *
   * @param connection the client's connection, not null
   * @param reason the refusal, not null
   * @return {@link Outcome.Refused} with the reason's code
   * @throws NullPointerException if an argument is null
   */
  public Outcome refuse(Connection connection, AthenaWsException reason) {
    return refuse(connection, null, reason);
  }

  /**
   * Tells a client that its frame is not run because the host is at capacity (its worker pool is
   * full): an {@code error} with code ATHENA_BUSY, {@code retryable} true, and the frame's {@code
   * requestId} when it has one. Cheap (the frame is only decoded), so a host may call it on its I/O
   * thread.
   *
   * @param connection the client's connection, not null
   * @param frame the refused frame as received, nullable
   * @return {@link Outcome.Refused} with code ATHENA_BUSY
   * @throws NullPointerException if connection is null
   */
  public Outcome refuseBusy(Connection connection, String frame) {
    return refuse(connection, frame, new AthenaWsException(ErrorCode.ATHENA_BUSY, AT_CAPACITY));
  }

  /**
   * Tells a client that a frame was refused without being run (e.g. the host's worker pool is full:
   * code ATHENA_BUSY, which clients may retry), as an {@code error} with the exception's code,
   * message and field and the frame's {@code requestId} when it has one. Cheap (the frame is only
   * decoded), so a host may call it on its I/O thread.
   *
   * @param connection the client's connection, not null
   * @param frame the refused frame as received, nullable
   * @param reason the refusal, not null
   * @return {@link Outcome.Refused} with the reason's code
   * @throws NullPointerException if connection or reason is null
   */
  public Outcome refuse(Connection connection, String frame, AthenaWsException reason) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(reason, "reason");
    return watch.watch(
        RunListener.Phase.HANDLE,
        connection.id(),
        null,
        () -> refuseNow(connection, frame, reason),
        outcome -> RunWatch.of(outcome, null));
  }

  private Outcome refuseNow(Connection connection, String frame, AthenaWsException reason) {
    String requestId = null;
    if (frame != null) {
      DecodeResult decoded = decoder.decode(frame);
      requestId =
          decoded instanceof DecodeResult.Decoded d
              ? d.message().requestId()
              : ((DecodeResult.Rejected) decoded).requestId();
    }
    publisher.fail(new PublishTarget(connection, requestId, null), reason);
    return new Outcome.Refused(reason.code());
  }

  /**
   * Releases the prefetch threads, and the Athena client when this instance created it. Idempotent;
   * runs still in progress may fail to fetch their next page.
   */
  @Override
  public void close() {
    prefetch.shutdown();
    try {
      prefetch.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownedClient != null) {
      ownedClient.close();
    }
  }

  private Outcome dispatch(Connection connection, String frame, RunOptions options) {
    DecodeResult decoded = decoder.decode(frame);
    if (decoded instanceof DecodeResult.Rejected rejected) {
      ServerMessage.Error error = ServerMessage.Error.of(rejected);
      publisher.fail(new PublishTarget(connection, rejected.requestId(), null), error);
      LOG.info("refused a message on connection {}: {}", connection.id(), error.code());
      return new Outcome.Refused(error.code());
    }
    ClientMessage message = ((DecodeResult.Decoded) decoded).message();
    PublishTarget client = new PublishTarget(connection, message.requestId(), null);
    if (message instanceof ClientMessage.ListQueriesRequest) {
      publisher.send(
          client,
          new ServerMessage.Catalog(message.requestId(), listing.visibleTo(options.caller())));
      return new Outcome.Listed();
    }
    if (message instanceof ClientMessage.Ping) {
      publisher.send(client, new ServerMessage.Pong(message.requestId()));
      return new Outcome.Answered();
    }
    if (message instanceof ClientMessage.Cancel cancel) {
      return sessions.cancel(connection, cancel, options);
    }
    if (message instanceof ClientMessage.Resume r) {
      return sessions.resume(connection, r, options);
    }
    ClientMessage.QueryRequest query = (ClientMessage.QueryRequest) message;
    Statement statement;
    try {
      statement =
          resolver.resolve(query.query(), query.parameters(), query.sql(), options.caller());
      RunTally.current().queryName(statement.queryName());
    } catch (AthenaWsException e) {
      // UNKNOWN_QUERY, INVALID_PARAMETER (with its field), FORBIDDEN, BAD_REQUEST: safe to show.
      publisher.fail(client, e);
      LOG.info("refused a query on connection {}: {}", connection.id(), e.code());
      return new Outcome.Refused(e.code());
    }
    RequestKey key =
        RequestKey.of(connection.id(), identity(query.requestId(), options), statement);
    return flow.run(client, statement, key, options, query.delivery());
  }

  /**
   * What tells a retry of this request from a new one: the client's request id (a client resends
   * under the same id), else the transport's id of this message (a redelivery of the same frame
   * keeps it, a new frame does not), else a random identity: such a request never shares an
   * execution with an earlier identical query.
   */
  static String identity(String requestId, RunOptions options) {
    if (requestId != null) {
      return requestId;
    }
    if (options.transportRequestId() != null) {
      return options.transportRequestId();
    }
    return UUID.randomUUID().toString();
  }

  /**
   * Configures an {@link AthenaWs}. Required: {@link #notifier} and {@link #catalog}. Defaults: an
   * {@link AthenaClient} built from the environment (region, credentials, an SDK HTTP client on the
   * classpath) without SDK retries, owned and closed by the {@code AthenaWs}; {@link
   * AthenaSettings#defaults()}; a {@link #DEFAULT_QUERY_TIMEOUT} query timeout; catalog queries
   * only (no raw SQL); lenient value mapping; {@link ChunkPolicy#defaults()}; {@link
   * #DEFAULT_POSTS_IN_FLIGHT} posts in flight; the system clock and sleeper; no download links
   * (every result is delivered as rows).
   *
   * <p>Thread-safety: not thread-safe; build once per process.
   *
   * <p>Exceptions: setters throw {@link NullPointerException} for null and {@link
   * IllegalArgumentException} for a bad value, naming the parameter; {@link #build()} throws {@link
   * IllegalStateException} without a notifier or a catalog.
   */
  public static final class Builder {
    /** Athena's own default query timeout: 30 minutes. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofMinutes(30);

    /** Records in a page read from a result object: as many as a GetQueryResults page. */
    private static final int S3_PAGE_ROWS = 1000;

    /** Ranged re-opens in a row without progress before a broken result object fails the run. */
    private static final int S3_RESUMES = 3;

    /**
     * {@code rows} posts in flight per run by default: 8, chosen by the result-path benchmark
     * (docs/performance.md: with PostToConnection at 25 ms the S3 path is post-bound, and each
     * doubling up to 8 nearly halved the time; see {@link #postsInFlight}; the one place this
     * default is set).
     */
    public static final int DEFAULT_POSTS_IN_FLIGHT = 8;

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
    private ObjectReader objectReader;
    private RunListener listener = RunListener.none();
    private DownloadLinks links;
    private boolean linksEnabled;
    private Duration linkTtl = LinkDelivery.Policy.DEFAULT_TTL;
    private Long linkAboveRows;
    private Long linkAboveBytes;
    private int postsInFlight = DEFAULT_POSTS_IN_FLIGHT;
    private List<byte[]> secrets;
    private Duration tokenTtl = ResumeTokens.DEFAULT_TTL;

    Builder() {}

    /** What an {@link AthenaWs} is made of. */
    record Parts(
        QueryResolver resolver,
        QueryStarter starter,
        CompletionWaiter waiter,
        ResultPublisher publisher,
        ExecutorService prefetch,
        AthenaClient ownedClient,
        Duration queryTimeout,
        Clock clock,
        RunWatch watch,
        ResultSource source,
        DownloadLinks links,
        LinkDelivery.Policy linkPolicy,
        ResumeTokens tokens,
        CancelMarks marks) {}

    /**
     * Sets the Athena client; the {@code AthenaWs} does not close it.
     *
     * @param client the client; it should not retry by itself (athena-ws's bounded loops do), e.g.
     *     built with {@code AwsRetryStrategy.doNotRetry()}
     * @return this builder
     */
    public Builder athenaClient(AthenaClient client) {
      this.athena = Objects.requireNonNull(client, "athenaClient");
      return this;
    }

    /**
     * Sets how messages reach clients: {@code ApiGateway.notifier().build()} behind API Gateway, or
     * your own over your server's sessions.
     *
     * @param notifier posts messages, not null
     * @return this builder
     */
    public Builder notifier(ConnectionNotifier notifier) {
      this.notifier = Objects.requireNonNull(notifier, "notifier");
      return this;
    }

    /**
     * Sets the queries clients may run.
     *
     * @param catalog the named queries, not null
     * @return this builder
     */
    public Builder catalog(QueryCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /**
     * Sets the work group, catalog, database and result location of the queries.
     *
     * @param settings the settings, not null
     * @return this builder
     */
    public Builder settings(AthenaSettings settings) {
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
    public Builder queryTimeout(Duration timeout) {
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
    public Builder allowRawSql() {
      this.rawSql = true;
      return this;
    }

    /**
     * Fails a result stream with an {@code error} when a value does not parse as its type, instead
     * of passing it on as text.
     *
     * @return this builder
     */
    public Builder strictValues() {
      this.strictValues = true;
      return this;
    }

    /**
     * Sets the {@code rows} message size limit.
     *
     * @param policy the limit, not null
     * @return this builder
     */
    public Builder chunkPolicy(ChunkPolicy policy) {
      this.chunkPolicy = Objects.requireNonNull(policy, "chunkPolicy");
      return this;
    }

    /**
     * Sets the clock deadlines are read on (virtual in tests).
     *
     * @param clock the clock, not null
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how retries and polls wait (virtual in tests).
     *
     * @param sleeper the sleeper, not null
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Replaces the Athena-backed starter (tests, or custom retries).
     *
     * @param starter the starter, not null
     * @return this builder
     */
    public Builder queryStarter(QueryStarter starter) {
      this.starter = Objects.requireNonNull(starter, "queryStarter");
      return this;
    }

    /**
     * Replaces the Athena-backed waiter (tests, or custom polling). It should leave a query running
     * at its deadline ({@code CompletionWaiter.Builder.stopAtDeadline(false)}): the run stops it
     * itself, or hands it off.
     *
     * @param waiter the waiter, not null
     * @return this builder
     */
    public Builder completionWaiter(CompletionWaiter waiter) {
      this.waiter = Objects.requireNonNull(waiter, "completionWaiter");
      return this;
    }

    /**
     * Replaces the Athena-backed page fetcher (tests, or another page size).
     *
     * @param fetcher the fetcher, not null
     * @return this builder
     */
    public Builder pageFetcher(PageFetcher fetcher) {
      this.fetcher = Objects.requireNonNull(fetcher, "pageFetcher");
      return this;
    }

    /**
     * Sets how result objects are read from S3, for {@link AthenaSettings.ResultFetch#AUTO} and
     * {@link AthenaSettings.ResultFetch#S3} (tests give an in-memory one). Without it, a reader
     * over the environment's credentials and region is created at the first result S3 could serve.
     *
     * @param reader opens result objects, thread-safe, not null
     * @return this builder
     */
    public Builder objectReader(ObjectReader reader) {
      this.objectReader = Objects.requireNonNull(reader, "objectReader");
      return this;
    }

    /**
     * Sets who is told what every call did and cost (for metrics); by default nobody. A listener
     * that throws does not affect the runs.
     *
     * @param listener the listener, thread-safe, not null
     * @return this builder
     */
    public Builder listener(RunListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Enables delivery by download link with the default S3 signer: a client's {@code
     * "delivery":"link"}, and the thresholds, get a {@code download} message with a presigned GET
     * URL to the result CSV where S3 can serve it. Off by default: every query is then delivered as
     * rows, whatever the client asked.
     *
     * @return this builder
     */
    public Builder enableDownloadLinks() {
      this.linksEnabled = true;
      return this;
    }

    /**
     * Enables delivery by download link ({@link #enableDownloadLinks()}) with this signer.
     *
     * @param links makes the presigned links (HeadObject + presign), thread-safe, not null
     * @return this builder
     */
    public Builder downloadLinks(DownloadLinks links) {
      this.links = Objects.requireNonNull(links, "downloadLinks");
      this.linksEnabled = true;
      return this;
    }

    /**
     * Sets how long a download link works. S3 honours a SigV4 presigned URL for at most 7 days, and
     * only while the credentials that signed it are valid: links signed with a Lambda role's
     * temporary credentials die with them (hours), whatever the TTL.
     *
     * @param ttl the lifetime, from 1 second to 7 days; default 15 minutes
     * @return this builder
     * @throws IllegalArgumentException if ttl is out of bounds
     */
    public Builder downloadLinkTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "downloadLinkTtl");
      if (ttl.compareTo(Duration.ofSeconds(1)) < 0
          || ttl.compareTo(LinkDelivery.Policy.MAX_TTL) > 0) {
        throw new IllegalArgumentException(
            "downloadLinkTtl must be from 1 s to 7 days (S3's limit): " + ttl);
      }
      this.linkTtl = ttl;
      return this;
    }

    /**
     * Delivers by link, when links are enabled, any result with more output rows than this, even
     * when the client asked for rows. Applies only where the row count is known before streaming
     * (Athena's runtime statistics); off by default.
     *
     * @param rows the threshold, not negative
     * @return this builder
     * @throws IllegalArgumentException if rows is negative
     */
    public Builder downloadLinkAboveRows(long rows) {
      if (rows < 0) {
        throw new IllegalArgumentException("downloadLinkAboveRows must be >= 0: " + rows);
      }
      this.linkAboveRows = rows;
      return this;
    }

    /**
     * Delivers by link, when links are enabled, any result object larger than this many bytes, even
     * when the client asked for rows (its size comes from a HeadObject on each SELECT's result
     * object); off by default.
     *
     * @param bytes the threshold, not negative
     * @return this builder
     * @throws IllegalArgumentException if bytes is negative
     */
    public Builder downloadLinkAboveBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("downloadLinkAboveBytes must be >= 0: " + bytes);
      }
      this.linkAboveBytes = bytes;
      return this;
    }

    /**
     * Turns sessions on: every {@code accepted} carries a resume token signed with {@code
     * currentSecret} (HMAC-SHA256), and clients may {@code cancel} and {@code resume} their queries
     * with it (docs/protocol.md). Every instance serving the same clients (all Lambda functions of
     * a deployment) needs the same secrets. To rotate, make the new secret current and pass the old
     * one as previous until the tokens it signed have expired ({@link #resumeTokenTtl}). Off by
     * default: {@code cancel} and {@code resume} then get INVALID_TOKEN.
     *
     * @param currentSecret signs new tokens: at least 32 random bytes, not null; copied
     * @param previousSecrets still accepted, each at least 32 bytes; copied
     * @return this builder
     * @throws IllegalArgumentException if a secret is shorter than 32 bytes
     */
    public Builder resumeTokens(byte[] currentSecret, byte[]... previousSecrets) {
      Objects.requireNonNull(currentSecret, "currentSecret");
      List<byte[]> all = new java.util.ArrayList<>();
      all.add(currentSecret.clone());
      for (byte[] p : Objects.requireNonNull(previousSecrets, "previousSecrets")) {
        all.add(Objects.requireNonNull(p, "previousSecrets[]").clone());
      }
      for (byte[] secret : all) {
        if (secret.length < ResumeTokens.MIN_SECRET_BYTES) {
          throw new IllegalArgumentException(
              "resumeTokens: a secret needs at least "
                  + ResumeTokens.MIN_SECRET_BYTES
                  + " bytes, got "
                  + secret.length);
        }
      }
      this.secrets = all;
      return this;
    }

    /**
     * Sets how long a resume token is accepted after its {@code accepted} was sent.
     *
     * @param ttl from 1 minute to 7 days; default {@link ResumeTokens#DEFAULT_TTL} (2 hours, the
     *     longest an API Gateway WebSocket connection lives)
     * @return this builder
     * @throws IllegalArgumentException if ttl is out of range
     */
    public Builder resumeTokenTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "resumeTokenTtl");
      if (ttl.compareTo(Duration.ofMinutes(1)) < 0 || ttl.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException(
            "resumeTokenTtl must be from 1 minute to 7 days: " + ttl);
      }
      this.tokenTtl = ttl;
      return this;
    }

    /**
     * Sets how many {@code rows} messages of one run (one connection's query) may be posted at
     * once. Each keeps its {@code seq} and may arrive out of order; {@code complete} comes after
     * all of them. A throttled post shrinks the window to one until posts go through at once again.
     * 1 posts one message at a time, in order.
     *
     * @param n at least 1; default {@link #DEFAULT_POSTS_IN_FLIGHT}
     * @return this builder
     * @throws IllegalArgumentException if n is less than 1
     */
    public Builder postsInFlight(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("postsInFlight must be >= 1: " + n);
      }
      this.postsInFlight = n;
      return this;
    }

    /**
     * Builds the front door; it owns a new prefetch thread pool (and the default client, if any).
     *
     * @return the front door, to be closed when no longer used
     * @throws IllegalStateException without a notifier or a catalog
     * @throws UnsupportedOperationException with {@link #enableDownloadLinks()} and no signer
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
        owned =
            AthenaClient.builder()
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        client = owned;
      }
      QueryStarter s =
          starter != null
              ? starter
              : QueryStarter.builder(client)
                  .settings(settings)
                  .sleeper(sleeper)
                  .clock(clock)
                  .build();
      CompletionWaiter w =
          waiter != null
              ? waiter
              : CompletionWaiter.builder(client)
                  .sleeper(sleeper)
                  .clock(clock)
                  .stopAtDeadline(false)
                  .runtimeStatistics(settings.runtimeStatistics())
                  .build();
      PageFetcher f =
          fetcher != null ? fetcher : PageFetcher.builder(client).sleeper(sleeper).build();
      // One default S3 client, created at its first use, reads results and signs links.
      LazyS3 defaultS3 = new LazyS3(SignedS3::fromEnvironment);
      ResultSource source = null;
      if (settings.resultFetch() != AthenaSettings.ResultFetch.API) {
        // One GetQueryResults with MaxResults 1: the column metadata the API path maps with.
        PageFetcher metadata =
            client != null ? PageFetcher.builder(client).maxResults(1).sleeper(sleeper).build() : f;
        ObjectReader reader = objectReader != null ? objectReader : defaultS3;
        source =
            new ResultSource(
                settings.resultFetch(),
                reader,
                metadata,
                S3_PAGE_ROWS,
                S3_RESUMES,
                sleeper,
                ResultSource.RETRY_BACKOFF);
      }
      ExecutorService prefetch =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "athena-ws-prefetch");
                t.setDaemon(true);
                return t;
              });
      ResultPublisher.Builder publisher =
          ResultPublisher.builder(new CountingNotifier(notifier), f)
              .executor(new ContextExecutor(prefetch))
              .chunkPolicy(chunkPolicy)
              .postsInFlight(postsInFlight);
      if (strictValues) {
        publisher.strictValues();
      }
      QueryResolver resolver =
          rawSql ? QueryResolver.allowingRawSql(catalog) : QueryResolver.catalogOnly(catalog);
      return new AthenaWs(
          new Parts(
              resolver,
              s,
              w,
              publisher.build(),
              prefetch,
              owned,
              queryTimeout,
              clock,
              new RunWatch(listener, clock),
              source,
              !linksEnabled ? null : links != null ? links : defaultS3,
              new LinkDelivery.Policy(linkTtl, linkAboveRows, linkAboveBytes),
              secrets == null
                  ? null
                  : new ResumeTokens(
                      secrets.get(0), secrets.subList(1, secrets.size()), tokenTtl, clock),
              cancelMarks(defaultS3)));
    }

    /**
     * Cancel marks (a cancel reaching rows another host streams) go where results are read from:
     * the default S3 client, or the given reader when it can also write marks; only with sessions.
     */
    private CancelMarks cancelMarks(LazyS3 defaultS3) {
      MarkerObjects objects =
          objectReader == null ? defaultS3 : objectReader instanceof MarkerObjects m ? m : null;
      return secrets == null || objects == null
          ? CancelMarks.off()
          : new CancelMarks(objects, clock, sleeper);
    }
  }
}
