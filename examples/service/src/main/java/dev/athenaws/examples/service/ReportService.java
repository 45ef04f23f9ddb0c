package dev.athenaws.examples.service;

import dev.athenaws.AthenaSettings;
import dev.athenaws.AthenaWs;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.notify.Connection;
import dev.athenaws.notify.ConnectionNotifier;
import java.util.Objects;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * A report service on athena-ws core without AWS Lambda: what a WebSocket server (Jetty, Netty,
 * Spring, or a container behind API Gateway) runs when a client's text frame arrives. Core's front
 * door, {@link AthenaWs}, does the work: it decodes the message, answers {@code listQueries} with
 * the catalog, and runs a {@code query} from the catalog to the end on the calling thread: {@code
 * accepted}, {@code progress}, {@code rows}, {@code complete}, or an {@code error} with a stable
 * code.
 *
 * <p>Its tests build the front door over mocks (see ReportServiceTest); {@link #overAthena} wires
 * the real Athena client. A server that owns its WebSockets implements {@link ConnectionNotifier}
 * over its sessions; one behind API Gateway uses {@code ApiGateway.notifier().build()}.
 *
 * <p>Resources: it owns an {@link AthenaWs} (a prefetch thread pool): {@link #close()} it when the
 * server stops.
 *
 * <p>Thread-safety: thread-safe. {@link #onMessage} blocks until the query has ended and its
 * results are delivered (seconds to minutes), so call it from a worker pool, never from an I/O
 * thread.
 *
 * <p>Exceptions: the constructor and {@link #overAthena} throw {@link NullPointerException} for a
 * null argument; {@link #onMessage} and {@link #refuseBusy} report every client or Athena failure
 * to the client and throw only {@link NullPointerException} for a null connection.
 */
public final class ReportService implements AutoCloseable {
  private final AthenaWs ws;

  /**
   * Creates the service over a front door built elsewhere (tests build one over mocked or
   * in-process Athena; {@link #overAthena} builds the real one). The service owns it from now on.
   *
   * @param ws the front door, not null
   * @throws NullPointerException if ws is null
   */
  public ReportService(AthenaWs ws) {
    this.ws = Objects.requireNonNull(ws, "ws");
  }

  /**
   * The service over a real Athena client, with the library's defaults for retries and polling.
   *
   * @param athena the client; build it once per process, with {@code AwsRetryStrategy.doNotRetry()}
   *     (athena-ws retries itself)
   * @param settings the work group, database and result location queries run with
   * @param notifier posts messages to clients
   * @param catalog the queries clients may run
   * @return the service
   * @throws NullPointerException if an argument is null
   */
  public static ReportService overAthena(
      AthenaClient athena,
      AthenaSettings settings,
      ConnectionNotifier notifier,
      QueryCatalog catalog) {
    return new ReportService(
        AthenaWs.builder()
            .athenaClient(athena)
            .settings(settings)
            .notifier(notifier)
            .catalog(catalog)
            .build());
  }

  /**
   * Handles one text frame of a client; returns when every reply has been posted. A plain WebSocket
   * never redelivers a frame: only the client's request id marks a retry, and a frame without one
   * is a new request.
   *
   * @param connection the client's connection, not null
   * @param text the frame, as received (may be anything)
   * @throws NullPointerException if connection is null
   */
  public void onMessage(Connection connection, String text) {
    ws.handle(Objects.requireNonNull(connection, "connection"), text);
  }

  /** Releases the front door's threads. */
  @Override
  public void close() {
    ws.close();
  }

  /**
   * Tells a client that its frame was not run because the service is at capacity: an {@code error}
   * with code ATHENA_BUSY and {@code retryable} true, for the frame's request id. Cheap (decodes
   * the frame only), so a server may call it on its I/O thread when its worker pool is full.
   *
   * @param connection the client's connection, not null
   * @param text the frame that was refused
   * @throws NullPointerException if connection is null
   */
  public void refuseBusy(Connection connection, String text) {
    ws.refuseBusy(Objects.requireNonNull(connection, "connection"), text);
  }
}
