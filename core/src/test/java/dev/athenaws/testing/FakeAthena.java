package dev.athenaws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.athenaws.retry.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * An in-process Athena for wire tests: an HTTP server on 127.0.0.1 speaking AWS JSON 1.1 as Athena
 * does ({@code POST /}, {@code X-Amz-Target: AmazonAthena.<Operation>}, content type {@code
 * application/x-amz-json-1.1}; errors as HTTP 400/500 with {@code {"__type": ...}}), so the real
 * SDK client marshals requests and unmarshals responses and exceptions.
 *
 * <p>Operations: StartQueryExecution (idempotent per ClientRequestToken), GetQueryExecution,
 * GetQueryResults (scripted pages, NextToken), StopQueryExecution. Each query follows a {@link
 * FakeAthenaQuery} script on the injected {@link Clock}, so with a {@code
 * dev.athenaws.retry.VirtualTime} a waiter runs in virtual time. Faults, latency and hooks can be
 * added per operation; every request is counted and recorded.
 *
 * <p>Thread-safe: state is guarded by this object's lock; requests are served on a thread pool.
 */
public final class FakeAthena implements AutoCloseable {
  public static final String START = "StartQueryExecution";
  public static final String GET = "GetQueryExecution";
  public static final String RESULTS = "GetQueryResults";
  public static final String STOP = "StopQueryExecution";
  public static final String RUNTIME_STATISTICS = "GetQueryRuntimeStatistics";
  private static final String TARGET_PREFIX = "AmazonAthena.";

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm and the client's
    // delayed ACK every exchange then stalls ~40 ms. Read once, when the server classes load.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final Clock clock;
  private final HttpServer server;
  private final ExecutorService threads;
  private final List<AthenaClient> clients = new ArrayList<>();
  private final Map<String, FakeAthenaExecution> executions = new HashMap<>();
  private final Map<String, String> idsByToken = new HashMap<>();
  private final Deque<FakeAthenaQuery> scripts = new ArrayDeque<>();
  private final Map<String, Deque<FakeAthenaFault>> faults = new HashMap<>();
  private final List<FakeAthenaRequest> requests = new ArrayList<>();
  private FakeAthenaHook hook = r -> {};
  private Function<String, Duration> latency = op -> Duration.ZERO;
  private Sleeper latencySleeper = Sleeper.system();
  private int nextId = 1;
  private int dropEvery; // 0: answer every request
  private int counted; // requests counted towards dropEvery
  private final List<String> dropped = new ArrayList<>();

  private FakeAthena(Clock clock) throws IOException {
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-athena");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * @param clock the clock query timelines run on
   * @return a started fake; close it after the test
   */
  public static FakeAthena start(Clock clock) {
    try {
      return new FakeAthena(clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @return the endpoint, {@code http://127.0.0.1:<port>}
   */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * @return a real AthenaClient pointed at this fake: us-east-1, static dummy credentials, the
   *     URL-connection HTTP client, no SDK retries (so only the code under test retries). Closed
   *     with the fake.
   */
  public AthenaClient client() {
    return client(null);
  }

  /**
   * @param attemptTimeout the client's {@code apiCallAttemptTimeout}, or null for none
   * @return {@link #client()} whose calls give up after {@code attemptTimeout} (real time) with
   *     {@code ApiCallAttemptTimeoutException}
   */
  public AthenaClient client(Duration attemptTimeout) {
    AthenaClient client =
        AthenaClient.builder()
            .endpointOverride(endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDFAKEATHENA", "fake-secret")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(
                c -> {
                  c.retryStrategy(AwsRetryStrategy.doNotRetry());
                  if (attemptTimeout != null) {
                    c.apiCallAttemptTimeout(attemptTimeout);
                  }
                })
            .build();
    synchronized (this) {
      clients.add(client);
    }
    return client;
  }

  /** Scripts the next StartQueryExecution that creates a query (default: succeeds at once). */
  public synchronized void nextQuery(FakeAthenaQuery script) {
    scripts.add(script);
  }

  /**
   * @return the id of a query submitted now with this script, without a StartQueryExecution
   */
  public synchronized String addQuery(FakeAthenaQuery script) {
    String id = newId();
    executions.put(id, new FakeAthenaExecution(id, script, clock.instant(), null));
    return id;
  }

  /** The next {@code times} calls of {@code operation} answer with {@code fault}. */
  public synchronized void failNext(String operation, int times, FakeAthenaFault fault) {
    Deque<FakeAthenaFault> q = faults.computeIfAbsent(operation, k -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      q.add(fault);
    }
  }

  /**
   * From now on the next request and every {@code n}-th after it (of any operation: requests 1, n +
   * 1, 2n + 1...) are served, so their effect happens (a query starts, a query stops), but their
   * answer is lost: the connection is closed without a response, as when a connection resets or a
   * load balancer drops it. The client sees an {@code SdkClientException} caused by an {@code
   * IOException}.
   *
   * @param n 2 or more; 0 turns dropping off
   */
  public synchronized void dropEvery(int n) {
    if (n != 0 && n < 2) {
      throw new IllegalArgumentException("n must be 0 or >= 2: " + n);
    }
    dropEvery = n;
    counted = 0;
  }

  /**
   * @return the operation of each request dropped unanswered so far, in order
   */
  public synchronized List<String> dropped() {
    return List.copyOf(dropped);
  }

  /** Runs before every answer, in the handler thread, outside the lock. */
  public synchronized void hook(FakeAthenaHook hook) {
    this.hook = hook;
  }

  /**
   * @param perOperation the latency of each operation (such as 150 ms for GetQueryResults)
   * @param sleeper how to wait it: {@link Sleeper#system()} for real time, a VirtualTime for
   *     virtual
   */
  public synchronized void latency(Function<String, Duration> perOperation, Sleeper sleeper) {
    this.latency = perOperation;
    this.latencySleeper = sleeper;
  }

  /**
   * @return how many requests of the operation arrived, faulted ones included
   */
  public synchronized int calls(String operation) {
    return (int) requests.stream().filter(r -> r.operation().equals(operation)).count();
  }

  /**
   * @return the requests of the operation, in arrival order
   */
  public synchronized List<FakeAthenaRequest> requests(String operation) {
    return requests.stream().filter(r -> r.operation().equals(operation)).toList();
  }

  /**
   * @return every request, in arrival order
   */
  public synchronized List<FakeAthenaRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * @return the query's state now, or null when unknown
   */
  public synchronized String state(String queryExecutionId) {
    FakeAthenaExecution e = executions.get(queryExecutionId);
    return e == null ? null : e.state(clock.instant());
  }

  @Override
  public void close() {
    List<AthenaClient> toClose;
    synchronized (this) {
      toClose = List.copyOf(clients);
    }
    toClose.forEach(AthenaClient::close);
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (!"POST".equals(exchange.getRequestMethod())
          || !"/".equals(exchange.getRequestURI().getPath())
          || target == null
          || !target.startsWith(TARGET_PREFIX)
          || contentType == null
          || !contentType.startsWith("application/x-amz-json-1.1")) {
        respond(exchange, FakeAthenaAnswer.unknownOperation());
        return;
      }
      JsonNode body;
      try (InputStream in = exchange.getRequestBody()) {
        body = FakeAthenaJson.MAPPER.readTree(in);
      }
      FakeAthenaRequest request =
          new FakeAthenaRequest(target.substring(TARGET_PREFIX.length()), body, clock.instant());
      FakeAthenaHook h;
      Duration delay;
      Sleeper sleeper;
      boolean drop;
      synchronized (this) {
        requests.add(request);
        h = hook;
        delay = latency.apply(request.operation());
        sleeper = latencySleeper;
        drop = dropEvery > 0 && counted++ % dropEvery == 0;
      }
      h.before(request);
      if (delay != null && !delay.isZero()) {
        sleeper.sleep(delay);
      }
      FakeAthenaAnswer answer = answer(request);
      if (drop) {
        synchronized (this) {
          dropped.add(request.operation());
        }
        // Closing an exchange before sendResponseHeaders closes its connection: no answer at all.
        return;
      }
      respond(exchange, answer);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      respond(exchange, FakeAthenaAnswer.fault(FakeAthenaFault.internal()));
    }
  }

  private synchronized FakeAthenaAnswer answer(FakeAthenaRequest request) {
    Deque<FakeAthenaFault> q = faults.get(request.operation());
    if (q != null && !q.isEmpty()) {
      return FakeAthenaAnswer.fault(q.poll());
    }
    JsonNode body = request.body();
    return switch (request.operation()) {
      case START -> start(body);
      case GET ->
          withExecution(
              body, e -> FakeAthenaAnswer.ok("QueryExecution", e.toJson(clock.instant())));
      case RESULTS -> withExecution(body, e -> FakeAthenaPages.page(e, body, clock.instant()));
      case STOP ->
          withExecution(
              body,
              e -> {
                if (e.completion(clock.instant()) == null) {
                  e.stopped = clock.instant();
                }
                return FakeAthenaAnswer.ok(FakeAthenaJson.MAPPER.createObjectNode());
              });
      case RUNTIME_STATISTICS -> withExecution(body, e -> e.runtimeStatistics(clock.instant()));
      default -> FakeAthenaAnswer.unknownOperation();
    };
  }

  private FakeAthenaAnswer start(JsonNode body) {
    if (!body.hasNonNull("QueryString")) {
      return FakeAthenaAnswer.invalid("QueryString is required");
    }
    String token = body.path("ClientRequestToken").asText(null);
    String existing = token == null ? null : idsByToken.get(token);
    if (existing != null) {
      return FakeAthenaAnswer.ok(
          FakeAthenaJson.MAPPER.createObjectNode().put("QueryExecutionId", existing));
    }
    String id = newId();
    FakeAthenaQuery script = scripts.isEmpty() ? FakeAthenaQuery.succeeded() : scripts.poll();
    executions.put(id, new FakeAthenaExecution(id, script, clock.instant(), body.deepCopy()));
    if (token != null) {
      idsByToken.put(token, id);
    }
    return FakeAthenaAnswer.ok(
        FakeAthenaJson.MAPPER.createObjectNode().put("QueryExecutionId", id));
  }

  private FakeAthenaAnswer withExecution(
      JsonNode body, Function<FakeAthenaExecution, FakeAthenaAnswer> f) {
    String id = body.path("QueryExecutionId").asText("");
    FakeAthenaExecution e = executions.get(id);
    return e == null
        ? FakeAthenaAnswer.invalid("QueryExecution " + id + " was not found")
        : f.apply(e);
  }

  private String newId() {
    // Athena's ids are UUIDs; these are valid, distinct and readable.
    return String.format("00000000-0000-4000-8000-%012d", nextId++);
  }

  private static void respond(HttpExchange exchange, FakeAthenaAnswer answer) throws IOException {
    byte[] bytes = FakeAthenaJson.MAPPER.writeValueAsBytes(answer.body());
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", "fake-request-id");
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
