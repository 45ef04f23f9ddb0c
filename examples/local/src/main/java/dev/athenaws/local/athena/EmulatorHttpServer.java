package dev.athenaws.local.athena;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.athenaws.local.data.CloudTrailData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal HTTP transport for an {@link AthenaEmulator} on the JDK's {@code
 * com.sun.net.httpserver}: {@code POST /} dispatched on the {@code X-Amz-Target} header, as AWS
 * JSON 1.1 clients send it ({@code AthenaClient} with {@code endpointOverride}, or {@code
 * AWS_ENDPOINT_URL_ATHENA}, or {@code aws athena ... --endpoint-url}). Other methods get 405.
 * Nagle's algorithm is disabled ({@code sun.net.httpserver.nodelay=true}, set before the first
 * server starts) so small responses are not delayed by the client's delayed ACK.
 *
 * <p>{@link #main} starts one on a port with the sample CloudTrail data: {@code java ...
 * dev.athenaws.local.athena.EmulatorHttpServer [port] [events]}.
 *
 * <p>Thread-safety: thread-safe; requests are served on a small thread pool. {@link #close} stops
 * the server but not the emulator, which the caller owns.
 */
public final class EmulatorHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorHttpServer.class);

  static {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService pool;

  private EmulatorHttpServer(HttpServer server, ExecutorService pool) {
    this.server = server;
    this.pool = pool;
  }

  /**
   * Starts serving {@code emulator}.
   *
   * @param emulator the engine, not null; stays open after {@link #close}
   * @param address where to listen; port 0 picks a free port
   * @return the running server
   * @throws IOException when the address cannot be bound
   */
  public static EmulatorHttpServer start(AthenaEmulator emulator, InetSocketAddress address)
      throws IOException {
    HttpServer server = HttpServer.create(address, 64);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "athena-emulator-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(pool);
    server.createContext("/", exchange -> serve(emulator, exchange));
    server.start();
    return new EmulatorHttpServer(server, pool);
  }

  /**
   * @return the bound port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * @return {@code http://127.0.0.1:<port>}, the endpoint to give the client
   */
  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private static void serve(AthenaEmulator emulator, HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      EmulatorResponse r =
          emulator.handle(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body);
      byte[] out = r.body();
      exchange.getResponseHeaders().set("Content-Type", r.contentType());
      exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
      exchange.sendResponseHeaders(r.status(), out.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(out);
      }
    }
  }

  /**
   * Runs the emulator standalone with the sample data until the process is killed.
   *
   * @param args {@code [port [events [seed]]]}: port default 4566, events default {@value
   *     CloudTrailData#DEFAULT_EVENTS}, seed default {@value CloudTrailData#DEFAULT_SEED}
   * @throws IOException when the port cannot be bound
   */
  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 4566;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : CloudTrailData.DEFAULT_EVENTS;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : CloudTrailData.DEFAULT_SEED;
    AthenaEmulator emulator = AthenaEmulator.builder().sampleData(events, seed).build();
    EmulatorHttpServer server = start(emulator, new InetSocketAddress("127.0.0.1", port));
    LOG.info("Athena emulator listening on {} ({} sample events)", server.endpoint(), events);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  emulator.close();
                }));
  }
}
