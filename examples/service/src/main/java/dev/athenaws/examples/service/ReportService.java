package dev.athenaws.examples.service;

import dev.athenaws.AthenaWsException;
import dev.athenaws.ErrorCode;
import dev.athenaws.catalog.BoundQuery;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.catalog.QueryResolver;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.notify.ConnectionRef;
import dev.athenaws.protocol.CatalogEntries;
import dev.athenaws.protocol.CatalogEntry;
import dev.athenaws.protocol.ClientMessage;
import dev.athenaws.protocol.ClientMessageDecoder;
import dev.athenaws.protocol.DecodeResult;
import dev.athenaws.protocol.ServerMessage;
import dev.athenaws.publish.PauseCondition;
import dev.athenaws.publish.PublishTarget;
import dev.athenaws.publish.QueryJob;
import dev.athenaws.publish.QueryRunner;
import dev.athenaws.publish.ResultPublisher;
import dev.athenaws.query.AthenaSettings;
import dev.athenaws.query.CompletionWaiter;
import dev.athenaws.query.PageFetcher;
import dev.athenaws.query.QueryStarter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * A report service on athena-ws core without AWS Lambda: what a WebSocket server (Jetty, Netty,
 * Spring, or a container behind API Gateway) runs when a client's text frame arrives. It decodes the
 * message, answers {@code listQueries} with the catalog, and runs a {@code query} from the catalog
 * to the end on the calling thread: {@code accepted}, {@code progress}, {@code rows}, {@code
 * complete}, or an {@code error} with a stable code.
 *
 * <p>It depends only on athena-ws interfaces ({@link QueryStarter}, {@link CompletionWaiter},
 * {@link PageFetcher}, {@link ConnectionNotifier}), so its tests mock them (see ReportServiceTest);
 * {@link #overAthena} wires the real ones. A server that owns its WebSockets implements {@link
 * ConnectionNotifier} over its sessions; one behind API Gateway uses {@code
 * ConnectionNotifiers.apiGateway().build()}.
 *
 * <p>Thread-safety: thread-safe. {@link #onMessage} blocks until the query has ended and its results
 * are delivered (seconds to minutes), so call it from a worker pool, never from an I/O thread.
 *
 * <p>Exceptions: the constructor and {@link #overAthena} throw {@link NullPointerException} for a
 * null argument and {@link IllegalArgumentException} for a timeout that is not positive; {@link
 * #onMessage} and {@link #refuseBusy} report every client or Athena failure to the client and throw
 * only what the notifier throws when the client cannot be reached at all.
 */
public final class ReportService {
  private final ClientMessageDecoder decoder = new ClientMessageDecoder();
  private final QueryResolver resolver;
  private final List<CatalogEntry> catalogEntries;
  private final ResultPublisher publisher;
  private final QueryRunner runner;

  /**
   * Creates the service over the given parts (the ones a test mocks).
   *
   * @param catalog the queries clients may run; raw SQL is refused
   * @param starter starts queries
   * @param waiter waits for them
   * @param fetcher reads their result pages
   * @param notifier posts messages to clients
   * @param timeout how long a query may run before it is stopped, > 0
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if timeout is not positive
   */
  public ReportService(
      QueryCatalog catalog,
      QueryStarter starter,
      CompletionWaiter waiter,
      PageFetcher fetcher,
      ConnectionNotifier notifier,
      Duration timeout) {
    this.resolver = new QueryResolver(catalog, false);
    this.catalogEntries = CatalogEntries.of(catalog);
    this.publisher = ResultPublisher.builder(notifier, fetcher).build();
    this.runner = new QueryRunner(starter, waiter, publisher, timeout);
  }

  /**
   * The service over a real Athena client, with the library's defaults for retries and polling.
   *
   * @param athena the client; build it once per process, with {@code
   *     AwsRetryStrategy.doNotRetry()} (see {@code QueryStarter.builder})
   * @param settings the work group, database and result location queries run with
   * @param notifier posts messages to clients
   * @param catalog the queries clients may run
   * @return the service
   * @throws NullPointerException if an argument is null
   */
  public static ReportService overAthena(
      AthenaClient athena, AthenaSettings settings, ConnectionNotifier notifier, QueryCatalog catalog) {
    return new ReportService(
        catalog,
        QueryStarter.builder(athena).settings(settings).build(),
        CompletionWaiter.builder(athena).build(),
        PageFetcher.builder(athena).build(),
        notifier,
        QueryRunner.DEFAULT_TIMEOUT);
  }

  /**
   * Handles one text frame of a client; returns when every reply has been posted.
   *
   * @param connection the client's connection, not null
   * @param text the frame, as received (may be anything)
   * @throws NullPointerException if connection is null
   * @throws AthenaWsException (INTERNAL) if the notifier cannot reach the client at all
   */
  public void onMessage(ConnectionRef connection, String text) {
    Objects.requireNonNull(connection, "connection");
    DecodeResult decoded = decoder.decode(text);
    if (decoded instanceof DecodeResult.Rejected rejected) {
      publisher.send(
          new PublishTarget(connection, rejected.requestId(), null), ServerMessage.Error.of(rejected));
      return;
    }
    ClientMessage message = ((DecodeResult.Decoded) decoded).message();
    PublishTarget client = new PublishTarget(connection, message.requestId(), null);
    if (message instanceof ClientMessage.QueryRequest query) {
      BoundQuery bound;
      try {
        bound = resolver.resolve(query.query(), query.parameters(), query.sql());
      } catch (AthenaWsException e) {
        // UNKNOWN_QUERY, INVALID_PARAMETER, BAD_REQUEST: the messages are safe to show the client.
        publisher.fail(client, e);
        return;
      }
      // A plain WebSocket never redelivers a frame: only the client's request id marks a retry,
      // and a frame without one is a new request (a random identity: a fresh Athena execution).
      String identity = query.requestId() != null ? query.requestId() : UUID.randomUUID().toString();
      runner.run(QueryJob.of(client, identity, bound), PauseCondition.NEVER);
      return;
    }
    publisher.send(client, new ServerMessage.Catalog(message.requestId(), catalogEntries));
  }

  /**
   * Tells a client that its frame was not run because the service is at capacity: an {@code
   * error} with code ATHENA_BUSY and {@code retryable} true, for the frame's request id. Cheap
   * (decodes the frame only), so a server may call it on its I/O thread when its worker pool is full.
   *
   * @param connection the client's connection, not null
   * @param text the frame that was refused
   * @throws NullPointerException if connection is null
   * @throws AthenaWsException (INTERNAL) if the notifier cannot reach the client at all
   */
  public void refuseBusy(ConnectionRef connection, String text) {
    Objects.requireNonNull(connection, "connection");
    DecodeResult decoded = decoder.decode(text);
    String requestId =
        decoded instanceof DecodeResult.Decoded d
            ? d.message().requestId()
            : ((DecodeResult.Rejected) decoded).requestId();
    publisher.send(
        new PublishTarget(connection, requestId, null),
        new ServerMessage.Error(
            requestId, null, ErrorCode.ATHENA_BUSY, "The service is busy; try again later.",
            null, null, null, true));
  }
}
