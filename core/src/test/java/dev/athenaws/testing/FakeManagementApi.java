package dev.athenaws.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.athenaws.notify.Connection;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * An in-process API Gateway management API for wire tests, speaking REST-JSON as the real one does:
 * {@code POST|GET|DELETE /{stage}/@connections/{id}} (the id URL-encoded), errors as the status
 * code with an {@code x-amzn-ErrorType} header and a {@code {"message": ...}} body (410
 * GoneException, 429 LimitExceededException, 403 ForbiddenException, 413 PayloadTooLargeException,
 * 500).
 *
 * <p>Connections must be {@link #connect}ed; unknown or closed ids answer 410. Faults are scripted
 * per connection; every call is counted and every delivered payload recorded in order.
 *
 * <p>Thread-safe: state is guarded by this object's lock.
 */
public final class FakeManagementApi implements AutoCloseable {
  /** The payload limit of API Gateway WebSocket messages. */
  public static final int MAX_PAYLOAD = 128 * 1024;

  static {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final String stage;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(daemon());
  private final Map<String, List<byte[]>> delivered = new HashMap<>();
  private final Set<String> open = new HashSet<>();
  private final Map<String, Integer> goneAfter = new HashMap<>();
  private final Map<String, Deque<Integer>> faults = new HashMap<>();
  private final List<String> calls = new ArrayList<>();
  private IntFunction<Duration> latency = n -> Duration.ZERO;
  private double throttleRate;
  private java.util.Random throttleRandom = new java.util.Random(0);

  private FakeManagementApi(String stage) throws IOException {
    this.stage = stage;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /**
   * @return a started server for stage {@code dev}
   */
  public static FakeManagementApi start() {
    try {
      return new FakeManagementApi("dev");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @return the management endpoint, e.g. {@code http://127.0.0.1:PORT/dev}
   */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + stage);
  }

  /**
   * @return a reference to a connection of this server, opening it
   */
  public synchronized Connection connect(String connectionId) {
    open.add(connectionId);
    delivered.putIfAbsent(connectionId, new ArrayList<>());
    return Connection.at(connectionId, endpoint());
  }

  /** The connection closes after it received {@code k} more messages (later posts get 410). */
  public synchronized void goneAfter(String connectionId, int k) {
    goneAfter.put(connectionId, delivered.get(connectionId).size() + k);
  }

  /** The next posts to the connection answer these statuses, one each, in order. */
  public synchronized void failNext(String connectionId, int... statuses) {
    Deque<Integer> q = faults.computeIfAbsent(connectionId, k -> new ArrayDeque<>());
    for (int s : statuses) {
      q.add(s);
    }
  }

  /**
   * Answers this fraction of POSTs (to open connections) with 429, drawn from a seeded random so a
   * test is repeatable.
   */
  public synchronized void throttle(double rate, long seed) {
    this.throttleRate = rate;
    this.throttleRandom = new java.util.Random(seed);
  }

  /**
   * @param latency delay before answering the n-th POST (0-based), e.g. to benchmark pipelining
   */
  public synchronized void latency(IntFunction<Duration> latency) {
    this.latency = latency;
  }

  /**
   * @return the payloads delivered to the connection, in order
   */
  public synchronized List<String> messages(String connectionId) {
    List<String> out = new ArrayList<>();
    delivered
        .getOrDefault(connectionId, List.of())
        .forEach(b -> out.add(new String(b, StandardCharsets.UTF_8)));
    return out;
  }

  /**
   * @return every call as "METHOD id status", in order
   */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /**
   * @return the number of POSTs made to the connection, answered or not
   */
  public synchronized long posts(String connectionId) {
    return calls.stream().filter(c -> c.startsWith("POST " + connectionId + " ")).count();
  }

  /**
   * @return whether the connection is still open
   */
  public synchronized boolean isOpen(String connectionId) {
    return open.contains(connectionId);
  }

  /**
   * @return a real SDK client for this server: dummy credentials, no SDK retries
   */
  public ApiGatewayManagementApiClient client() {
    return ApiGatewayManagementApiClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String prefix = "/" + stage + "/@connections/";
      String rawPath = exchange.getRequestURI().getRawPath();
      if (!rawPath.startsWith(prefix)) {
        send(exchange, 404, "NotFoundException", "no such route");
        return;
      }
      String id = URLDecoder.decode(rawPath.substring(prefix.length()), StandardCharsets.UTF_8);
      byte[] body = exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestMethod();
      Duration delay;
      synchronized (this) {
        delay =
            "POST".equals(method)
                ? latency.apply((int) calls.stream().filter(c -> c.startsWith("POST")).count())
                : Duration.ZERO;
      }
      if (!delay.isZero()) {
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int status;
      synchronized (this) {
        status = answer(method, id, body);
        calls.add(method + " " + id + " " + status);
      }
      switch (status) {
        case 200 -> send(exchange, 200, null, "GET".equals(method) ? info() : null);
        case 410 -> send(exchange, 410, "GoneException", "Connection is gone");
        case 429 -> send(exchange, 429, "LimitExceededException", "Rate exceeded");
        case 403 -> send(exchange, 403, "ForbiddenException", "Forbidden");
        case 413 -> send(exchange, 413, "PayloadTooLargeException", "Message too long");
        default -> send(exchange, status, "InternalServerErrorException", "Internal server error");
      }
    }
  }

  /** Decides the status of one call and applies its effect; caller holds the lock. */
  private int answer(String method, String id, byte[] body) {
    if (!open.contains(id)) {
      return 410;
    }
    switch (method) {
      case "DELETE":
        open.remove(id);
        return 200;
      case "GET":
        return 200;
      case "POST":
        Deque<Integer> q = faults.get(id);
        if (q != null && !q.isEmpty()) {
          return q.poll();
        }
        if (throttleRate > 0 && throttleRandom.nextDouble() < throttleRate) {
          return 429;
        }
        if (body.length > MAX_PAYLOAD) {
          return 413;
        }
        Integer limit = goneAfter.get(id);
        if (limit != null && delivered.get(id).size() >= limit) {
          open.remove(id);
          return 410;
        }
        delivered.get(id).add(body);
        return 200;
      default:
        return 400;
    }
  }

  private static String info() {
    return "{\"ConnectedAt\":\"2021-08-01T00:00:00Z\",\"Identity\":{\"SourceIp\":\"127.0.0.1\","
        + "\"UserAgent\":\"test\"},\"LastActiveAt\":\"2021-08-01T00:00:01Z\"}";
  }

  private static void send(HttpExchange exchange, int status, String errorType, String message)
      throws IOException {
    byte[] body;
    if (errorType != null) {
      exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
      body = ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    } else {
      body = message == null ? new byte[0] : message.getBytes(StandardCharsets.UTF_8);
    }
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "fake-management-api");
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
