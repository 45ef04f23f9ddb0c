package dev.athenaws;

import dev.athenaws.catalog.BoundQuery;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.catalog.QueryResolver;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.notify.ConnectionRef;
import dev.athenaws.protocol.CatalogEntry;
import dev.athenaws.protocol.ClientMessage;
import dev.athenaws.protocol.ClientMessageDecoder;
import dev.athenaws.protocol.DecodeResult;
import dev.athenaws.protocol.ServerMessage;
import dev.athenaws.publish.PublishResult;
import dev.athenaws.publish.PublishTarget;
import dev.athenaws.publish.ResultPublisher;
import dev.athenaws.query.RequestKey;
import dev.athenaws.sfn.QuerySpec;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * The front door of athena-ws: given a client's connection and text frame, it does everything the
 * protocol asks. It decodes the frame, answers {@code listQueries} with the {@code catalog}, resolves
 * and binds the named query, starts it idempotently, posts {@code accepted}, waits with {@code
 * progress}, publishes the {@code rows} and {@code complete}, or one {@code error} with a stable
 * code. {@link #resume} continues a query's publication from a {@code Continuation} (the Lambda
 * adapter's push task). Build one per process with {@link #builder()}.
 *
 * <p>Resources: it owns the thread pool that fetches result pages one ahead ({@code
 * athena-ws-prefetch}, daemon threads), and the {@link AthenaClient} only when it created the
 * default one. {@link #close()} releases them; call it when the process no longer handles frames,
 * after the last {@code handle} returned.
 *
 * <p>Thread-safety: thread-safe; one instance serves any number of concurrent frames. {@code handle}
 * and {@code resume} block the calling thread until the query has ended and its results are
 * delivered (seconds to minutes): call them from a worker pool, never from an I/O thread.
 *
 * <p>Exceptions: {@link #handle} and {@link #resume} throw only {@link NullPointerException} for a
 * null argument: every other failure is told to the client and ends as an {@link Outcome} or
 * {@link PublishResult}.
 */
public final class AthenaWs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AthenaWs.class);

  private final ClientMessageDecoder decoder = new ClientMessageDecoder();
  private final QueryResolver resolver;
  private final List<CatalogEntry> catalogEntries;
  private final ResultPublisher publisher;
  private final RunFlow flow;
  private final ResumeFlow resume;
  private final ExecutorService prefetch;
  private final AthenaClient ownedClient;

  AthenaWs(AthenaWsBuilder.Parts parts) {
    this.resolver = parts.resolver();
    this.catalogEntries = CatalogListing.of(parts.resolver().catalog());
    this.publisher = parts.publisher();
    this.flow = new RunFlow(parts.starter(), parts.waiter(), parts.publisher(),
        parts.resolver().catalog(), parts.queryTimeout(), parts.clock());
    this.resume = new ResumeFlow(flow, parts.fetcher(), parts.prefetch());
    this.prefetch = parts.prefetch();
    this.ownedClient = parts.ownedClient();
  }

  /**
   * Starts configuring the front door. Required: {@link AthenaWsBuilder#notifier} and {@link
   * AthenaWsBuilder#catalog}.
   *
   * @return a builder
   */
  public static AthenaWsBuilder builder() {
    return new AthenaWsBuilder();
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
  public Outcome handle(ConnectionRef connection, String frame) {
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
  public Outcome handle(ConnectionRef connection, String frame, RunOptions options) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(options, "options");
    try {
      return dispatch(connection, frame, options);
    } catch (RuntimeException e) {
      LOG.error("handling a frame of connection {} failed", connection.connectionId(), e);
      publisher.fail(new PublishTarget(connection, null, null), e);
      return new Outcome.NotStarted(ErrorCode.INTERNAL);
    }
  }

  /**
   * Continues a query started earlier: awaits it while it runs (within the resumption's time
   * budget), then publishes its results from the resumption's continuation; or reports a state
   * machine's failure.
   *
   * @param resumption what to continue, not null
   * @return how it ended: {@link PublishResult.Paused} with the continuation to resume from when the
   *     time budget ran low; otherwise the client has been told how the query ended
   * @throws NullPointerException if resumption is null
   */
  public PublishResult resume(Resumption resumption) {
    Objects.requireNonNull(resumption, "resumption");
    return resume.resume(resumption);
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
  public Outcome refuse(ConnectionRef connection, AthenaWsException reason) {
    return refuse(connection, null, reason);
  }

  /**
   * Tells a client that a frame was refused without being run (e.g. the host's worker pool is
   * full: code ATHENA_BUSY, which clients may retry), as an {@code error} with the exception's code,
   * message and field and the frame's {@code requestId} when it has one. Cheap (the frame is only
   * decoded), so a host may call it on its I/O thread.
   *
   * @param connection the client's connection, not null
   * @param frame the refused frame as received, nullable
   * @param reason the refusal, not null
   * @return {@link Outcome.Refused} with the reason's code
   * @throws NullPointerException if connection or reason is null
   */
  public Outcome refuse(ConnectionRef connection, String frame, AthenaWsException reason) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(reason, "reason");
    String requestId = null;
    if (frame != null) {
      DecodeResult decoded = decoder.decode(frame);
      requestId = decoded instanceof DecodeResult.Decoded d
          ? d.message().requestId()
          : ((DecodeResult.Rejected) decoded).requestId();
    }
    publisher.fail(new PublishTarget(connection, requestId, null), reason);
    return new Outcome.Refused(reason.code());
  }

  /**
   * Releases the prefetch threads, and the Athena client when this instance created it.
   * Idempotent; runs still in progress may fail to fetch their next page.
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

  private Outcome dispatch(ConnectionRef connection, String frame, RunOptions options) {
    DecodeResult decoded = decoder.decode(frame);
    if (decoded instanceof DecodeResult.Rejected rejected) {
      ServerMessage.Error error = ServerMessage.Error.of(rejected);
      publisher.fail(new PublishTarget(connection, rejected.requestId(), null), error);
      LOG.info("refused a message on connection {}: {}", connection.connectionId(), error.code());
      return new Outcome.Refused(error.code());
    }
    ClientMessage message = ((DecodeResult.Decoded) decoded).message();
    PublishTarget client = new PublishTarget(connection, message.requestId(), null);
    if (!(message instanceof ClientMessage.QueryRequest query)) {
      publisher.send(client, new ServerMessage.Catalog(message.requestId(), catalogEntries));
      return new Outcome.Listed();
    }
    QuerySpec.Statement statement;
    try {
      BoundQuery bound = resolver.resolve(query.query(), query.parameters(), query.sql());
      statement = new QuerySpec.Statement(bound.sql(), bound.executionParameters(),
          query.sql() != null ? null : bound.query().name());
    } catch (AthenaWsException e) {
      // UNKNOWN_QUERY, INVALID_PARAMETER (with its field), BAD_REQUEST: safe to show the client.
      publisher.fail(client, e);
      LOG.info("refused a query on connection {}: {}", connection.connectionId(), e.code());
      return new Outcome.Refused(e.code());
    }
    RequestKey key = RequestKey.of(connection.connectionId(), identity(query, options),
        statement.sql(), statement.executionParameters());
    return flow.run(client, statement, key, options);
  }

  /**
   * What tells a retry of this request from a new one: the client's request id (a client resends
   * under the same id), else the transport's id of this message (a redelivery of the same frame
   * keeps it, a new frame does not), else a random identity: such a request never shares an
   * execution with an earlier identical query.
   */
  private static String identity(ClientMessage.QueryRequest query, RunOptions options) {
    if (query.requestId() != null) {
      return query.requestId();
    }
    if (options.transportRequestId() != null) {
      return options.transportRequestId();
    }
    return UUID.randomUUID().toString();
  }
}
