package dev.athenaws.internal.publish;

import dev.athenaws.Continuation;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.internal.protocol.ChunkPolicy;
import dev.athenaws.internal.protocol.QueryState;
import dev.athenaws.internal.protocol.ServerMessage;
import dev.athenaws.internal.query.CancellationFlag;
import dev.athenaws.internal.query.PageFetcher;
import dev.athenaws.internal.query.QueryError;
import dev.athenaws.internal.query.QueryProgress;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.ResultPages;
import dev.athenaws.internal.results.MappingListener;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.notify.PostOutcome;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;

/**
 * Pushes the results of a finished query to a WebSocket client: {@code GetQueryResults} pages ->
 * {@link dev.athenaws.internal.results.ResultSetMapper} -> {@link
 * dev.athenaws.internal.protocol.RowChunker} -> {@code PostToConnection}, then {@code complete}; or
 * {@code error} with a stable code.
 *
 * <ul>
 *   <li>Pipelined: page k+1 is fetched (on the executor) while page k is mapped and posted, so a
 *       run takes about max(fetch time, post time), and memory stays at two pages plus one message.
 *   <li>Up to {@link Builder#postsInFlight N} {@code rows} posts in flight per run (on the
 *       executor); each keeps its {@code seq}, so a client orders them. {@code complete}, a pause
 *       and an {@code error} come only after every earlier post finished; a post delivered only
 *       after retries (throttled) shrinks the window to one post until posts go through at once
 *       again. With N = 1 (the publisher's default) posts are made one by one on the calling
 *       thread.
 *   <li>A 410 stops the run at once: no post is issued after the one that found it (with N > 1, the
 *       posts already in flight finish).
 *   <li>A failure (a row too large for a message, a page that cannot be fetched, a value that does
 *       not parse in strict mode) reaches the client as an {@code error} message; internal details
 *       go to the log (ids only, never rows).
 *   <li>Between pages a {@link PauseCondition} may stop the run with a {@link Continuation} that a
 *       later run resumes from, losing and repeating nothing.
 * </ul>
 *
 * <p>Resources: without an {@link Builder#executor executor} of the caller's, the publisher owns a
 * pool of daemon prefetch threads ({@code athena-ws-prefetch}) that {@link #close()} shuts down.
 *
 * <p>Thread-safety: thread-safe; one publisher serves any number of concurrent runs. Its methods
 * report failures as results ({@link PublishResult}, {@link PostOutcome}) and throw only for a null
 * argument ({@link NullPointerException}), except {@link #send}, which throws as {@link
 * ConnectionNotifier#post} does.
 */
public final class ResultPublisher implements AutoCloseable {

  private final Messenger messenger;
  private final PageFetcher fetcher;
  private final Executor executor;
  private final ExecutorService owned;
  private final ChunkPolicy policy;
  private final boolean strict;
  private final MappingListener listener;
  private final int postsInFlight;

  private ResultPublisher(Builder b) {
    this.messenger = new Messenger(b.notifier);
    this.fetcher = b.fetcher;
    this.owned = b.executor == null ? defaultExecutor() : null;
    this.executor = b.executor != null ? b.executor : owned;
    this.policy = b.policy;
    this.strict = b.strict;
    this.listener = b.listener;
    this.postsInFlight = b.postsInFlight;
  }

  /**
   * Starts configuring a publisher.
   *
   * @param notifier posts the messages, not null
   * @param fetcher fetches result pages, not null
   * @return a builder
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(ConnectionNotifier notifier, PageFetcher fetcher) {
    return new Builder(notifier, fetcher);
  }

  /**
   * Publishes a result from {@code request.from()}, fetching pages with one page of prefetch.
   *
   * @param request what to publish, not null
   * @param pause asked between pages, not null ({@link PauseCondition#NEVER})
   * @return how the run ended; never throws for a failure the client can be told about
   * @throws NullPointerException if an argument is null
   */
  public PublishResult publish(ResultRequest request, PauseCondition pause) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(pause, "pause");
    try (ResultPages pages =
        ResultPages.open(
            fetcher, request.target().queryExecutionId(), request.from().nextToken(), executor)) {
      return publish(request, pages, pause);
    }
  }

  /**
   * Publishes pages the caller supplies, e.g. a page that arrived embedded in a Step Functions
   * state followed by the pages after it.
   *
   * @param request what to publish, not null; {@code from} must describe the first page supplied
   * @param pages the pages, in order, not null; a failure thrown by the iterator ends the run with
   *     an {@code error}
   * @param pause asked between pages, not null
   * @return how the run ended
   * @throws NullPointerException if an argument is null
   */
  public PublishResult publish(
      ResultRequest request, Iterator<GetQueryResultsResponse> pages, PauseCondition pause) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(pages, "pages");
    Objects.requireNonNull(pause, "pause");
    PostWindow window = new PostWindow(messenger, request.target(), executor, postsInFlight);
    return new PublishRun(messenger, policy, strict, listener, request, window).run(pages, pause);
  }

  /**
   * Publishes a result as a file: the {@code download} message, then {@code complete} with no
   * {@code rows} messages (rowCount 0, chunks 0) and the statistics. Posts end the run as in {@link
   * #publish}: a 410 silently, any other failure with an {@code error}.
   *
   * @param target the client and query, not null
   * @param download the link, not null
   * @param statistics the query's statistics, sent in {@code complete}, nullable
   * @return how the run ended; never throws for a failure the client can be told about
   * @throws NullPointerException if target or download is null
   */
  public PublishResult publishFile(
      PublishTarget target, ServerMessage.Download download, QueryStats statistics) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(download, "download");
    try {
      PublishResult stop = messenger.check(target, messenger.send(target, download));
      if (stop != null) {
        return stop;
      }
      ServerMessage.Complete complete =
          new ServerMessage.Complete(
              target.requestId(), target.queryExecutionId(), 0, 0, statistics);
      stop = messenger.check(target, messenger.send(target, complete));
      return stop != null ? stop : new PublishResult.Completed(0, 0);
    } catch (RuntimeException e) {
      return messenger.fail(target, e);
    }
  }

  /**
   * Sends one protocol message (accepted, progress, catalog, error) to a client.
   *
   * @param target the client, not null
   * @param message the message, not null
   * @return what became of it
   * @throws NullPointerException if an argument is null
   * @throws AthenaWsException as {@link ConnectionNotifier#post} throws it (endpoint unreachable)
   */
  public PostOutcome send(PublishTarget target, ServerMessage message) {
    return messenger.send(target, message);
  }

  /**
   * Sends a {@code progress} message for what a poll saw; when the post finds the connection gone
   * (410) it raises {@code gone}, so the wait stops and the query is stopped. A state this SDK
   * version does not know is not sent.
   *
   * @param target the client and query, not null
   * @param progress what the last poll saw, not null
   * @param gone raised when the client is gone, not null
   * @throws NullPointerException if an argument is null
   * @throws AthenaWsException as {@link #send}; as the waiter's listener, that ends the wait and
   *     stops the query
   */
  public void sendProgress(PublishTarget target, QueryProgress progress, CancellationFlag gone) {
    Objects.requireNonNull(gone, "gone");
    QueryState state;
    try {
      state = QueryState.valueOf(progress.state().name());
    } catch (IllegalArgumentException e) {
      return;
    }
    PostOutcome outcome =
        send(
            target,
            new ServerMessage.Progress(
                target.requestId(),
                target.queryExecutionId(),
                state,
                progress.elapsed().toMillis(),
                progress.dataScannedBytes(),
                progress.totalRows()));
    if (outcome instanceof PostOutcome.Gone) {
      gone.cancel();
    }
  }

  /**
   * Tells the client about a failure as an {@code error} message: an {@link AthenaWsException} with
   * its code and message, anything else as INTERNAL with a generic message (the details are
   * logged).
   *
   * @param target the client, not null
   * @param failure what went wrong, not null
   * @return {@link PublishResult.Failed}, whether the error reached the client or not; never throws
   *     for a failed post
   * @throws NullPointerException if an argument is null
   */
  public PublishResult.Failed fail(PublishTarget target, RuntimeException failure) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(failure, "failure");
    return messenger.fail(target, failure);
  }

  /**
   * Tells the client that Athena ended its query FAILED, with Athena's category, type and retryable
   * flag: an {@code error} QUERY_FAILED.
   *
   * @param target the client and query, not null
   * @param error Athena's error, not null ({@code QueryOutcome.Failed.error()})
   * @param reason Athena's state change reason, used when the error has no message; nullable
   * @return {@link PublishResult.Failed}; never throws for a failed post
   * @throws NullPointerException if target or error is null
   */
  public PublishResult.Failed failQuery(PublishTarget target, QueryError error, String reason) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(error, "error");
    return messenger.failQuery(target, error, reason);
  }

  /**
   * Tells the client about a failure already phrased as an {@code error} message.
   *
   * @param target the client, not null
   * @param error the message, not null
   * @return {@link PublishResult.Failed}; never throws for a failed post
   * @throws NullPointerException if an argument is null
   */
  public PublishResult.Failed fail(PublishTarget target, ServerMessage.Error error) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(error, "error");
    return messenger.fail(target, error);
  }

  /** Shuts down the prefetch threads this publisher owns (none with a caller's executor). */
  @Override
  public void close() {
    if (owned != null) {
      owned.shutdown();
    }
  }

  private static ExecutorService defaultExecutor() {
    ExecutorService pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "athena-ws-prefetch");
              t.setDaemon(true);
              return t;
            });
    return pool;
  }

  /**
   * Configures a {@link ResultPublisher}. Defaults: {@link ChunkPolicy#defaults()}, lenient mapping
   * (unparsable values pass as text and are logged once per column), a daemon thread pool of the
   * publisher's own for prefetching and posting (shut down by {@link ResultPublisher#close()}), one
   * post in flight. Setters throw {@link NullPointerException} for null and {@link
   * IllegalArgumentException} for a bad value, naming the parameter. Not thread-safe.
   */
  public static final class Builder {
    private final ConnectionNotifier notifier;
    private final PageFetcher fetcher;
    private Executor executor;
    private ChunkPolicy policy = ChunkPolicy.defaults();
    private boolean strict;
    private MappingListener listener;
    private int postsInFlight = 1;

    private Builder(ConnectionNotifier notifier, PageFetcher fetcher) {
      this.notifier = Objects.requireNonNull(notifier, "notifier");
      this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    /**
     * Sets where page fetches run.
     *
     * @param executor runs the one-ahead page fetches (one at a time per run) and, with more than
     *     one post in flight, the posts (up to that many per run); the caller owns it
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Sets the message size limit.
     *
     * @param policy the {@code rows} message size limit
     * @return this builder
     */
    public Builder chunkPolicy(ChunkPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "chunkPolicy");
      return this;
    }

    /**
     * Chooses strict value mapping: a value that does not parse fails the stream with an error (the
     * default is lenient: it passes as text).
     *
     * @return this builder
     */
    public Builder strictValues() {
      this.strict = true;
      return this;
    }

    /**
     * Sets who hears of unparsable values; by default they are logged.
     *
     * @param listener hears of unparsable values in lenient mode (once per column per run)
     * @return this builder
     */
    public Builder mappingListener(MappingListener listener) {
      this.listener = Objects.requireNonNull(listener, "mappingListener");
      return this;
    }

    /**
     * Sets how many {@code rows} posts of one run may be in flight at once.
     *
     * @param n at least 1; 1 posts one message at a time on the publishing thread
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
     * @return the publisher
     */
    public ResultPublisher build() {
      return new ResultPublisher(this);
    }
  }
}
