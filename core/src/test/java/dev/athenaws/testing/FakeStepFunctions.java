package dev.athenaws.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * An in-process Step Functions endpoint for wire tests, speaking AWS JSON 1.0 as the real one does:
 * {@code POST /} with {@code X-Amz-Target: AWSStepFunctions.<Operation>} and content type {@code
 * application/x-amz-json-1.0}; errors are HTTP 400 (or 500) with a {@code {"__type": ...,
 * "message": ...}} body. Serves {@code StartExecution} and {@code DescribeExecution}.
 *
 * <p>StartExecution follows the documented Standard-workflow rules: the same name and input as an
 * open execution answers that execution; another input, or any input once the execution is {@link
 * #finish finished}, answers {@code ExecutionAlreadyExists}; an unknown state machine ARN answers
 * {@code StateMachineDoesNotExist}. Faults are scripted for the next calls; every call is counted.
 *
 * <p>Thread-safe: state is guarded by this object's lock.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html">StartExecution</a>
 */
public final class FakeStepFunctions implements AutoCloseable {
  /** The account and region of every ARN this fake makes. */
  public static final String ARN_PREFIX = "arn:aws:states:us-east-1:123456789012:";

  /** One started execution. */
  public record Execution(
      String name,
      String input,
      String arn,
      String stateMachineArn,
      long startDate,
      boolean open) {}

  static {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fake-step-functions");
            t.setDaemon(true);
            return t;
          });
  private final Set<String> stateMachines = new HashSet<>();
  private final Map<String, Execution> executions = new LinkedHashMap<>();
  private final Deque<Integer> faults = new ArrayDeque<>();
  private final List<String> calls = new ArrayList<>();
  private long clock = 1_627_776_000L;

  private FakeStepFunctions() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /**
   * @return a started server without state machines
   */
  public static FakeStepFunctions start() {
    try {
      return new FakeStepFunctions();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @return the endpoint, e.g. {@code http://127.0.0.1:PORT}
   */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Creates a state machine. @return its ARN */
  public synchronized String createStateMachine(String name) {
    String arn = ARN_PREFIX + "stateMachine:" + name;
    stateMachines.add(arn);
    return arn;
  }

  /** The next calls answer 400 {@code ThrottlingException}, {@code n} of them. */
  public synchronized void throttleNext(int n) {
    for (int i = 0; i < n; i++) {
      faults.add(400);
    }
  }

  /** The next calls answer 500 {@code InternalFailure}, {@code n} of them. */
  public synchronized void failNext(int n) {
    for (int i = 0; i < n; i++) {
      faults.add(500);
    }
  }

  /**
   * Ends an execution (as SUCCEEDED): its name then answers ExecutionAlreadyExists to any input.
   */
  public synchronized void finish(String name) {
    Execution e = executions.get(name);
    executions.put(
        name,
        new Execution(e.name(), e.input(), e.arn(), e.stateMachineArn(), e.startDate(), false));
  }

  /**
   * @return the executions started, in order
   */
  public synchronized List<Execution> executions() {
    return List.copyOf(executions.values());
  }

  /**
   * @return every call as "Operation subject status" in order, the subject being the execution name
   *     of a StartExecution and the execution ARN of a DescribeExecution ("-" when unreadable)
   */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /**
   * @return the number of StartExecution calls, answered or not
   */
  public synchronized long startCalls() {
    return calls.stream().filter(c -> c.startsWith("StartExecution ")).count();
  }

  /**
   * @return the number of calls of any operation, answered or not
   */
  public synchronized int callCount() {
    return calls.size();
  }

  /**
   * @return a real SDK client for this server: dummy credentials, no SDK retries
   */
  public SfnClient client() {
    return SfnClient.builder()
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
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      byte[] body = exchange.getRequestBody().readAllBytes();
      Answer answer;
      String operation = target == null ? "?" : target.replaceFirst("^AWSStepFunctions\\.", "");
      synchronized (this) {
        if (!"POST".equals(exchange.getRequestMethod())
            || !"/".equals(exchange.getRequestURI().getPath())
            || type == null
            || !type.startsWith("application/x-amz-json-1.0")
            || target == null
            || !target.startsWith("AWSStepFunctions.")) {
          answer = Answer.error(400, "UnknownOperationException", "not an AWS JSON 1.0 call");
          calls.add(operation + " - " + answer.status());
        } else {
          JsonNode request = parse(body);
          answer = answer(operation, request);
          String subject =
              request == null
                  ? "-"
                  : request
                      .path("StartExecution".equals(operation) ? "name" : "executionArn")
                      .asText("-");
          calls.add(operation + " " + subject + " " + answer.status());
        }
      }
      byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(answer.status(), out.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(out);
      }
    }
  }

  /** Decides one call's answer and applies its effect; caller holds the lock. */
  private Answer answer(String operation, JsonNode request) {
    Integer fault = faults.poll();
    if (fault != null) {
      return fault == 400
          ? Answer.error(400, "ThrottlingException", "Rate exceeded")
          : Answer.error(500, "InternalFailure", "internal failure");
    }
    if (request == null) {
      return Answer.error(400, "SerializationException", "malformed request");
    }
    return switch (operation) {
      case "StartExecution" -> startExecution(request);
      case "DescribeExecution" -> describeExecution(request);
      default -> Answer.error(400, "UnknownOperationException", operation);
    };
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private Answer startExecution(JsonNode request) {
    String sm = request.path("stateMachineArn").asText();
    String name = request.path("name").asText();
    String input = request.path("input").asText("{}");
    if (!stateMachines.contains(sm)) {
      return Answer.error(
          400, "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + sm + "'");
    }
    if (!name.matches("[A-Za-z0-9_-]{1,80}")) {
      return Answer.error(400, "InvalidName", "Invalid Name: '" + name + "'");
    }
    try {
      JSON.readTree(input);
    } catch (JsonProcessingException e) {
      return Answer.error(400, "InvalidExecutionInput", "Invalid State Machine Execution Input");
    }
    Execution existing = executions.get(name);
    if (existing != null) {
      if (existing.open()
          && existing.input().equals(input)
          && existing.stateMachineArn().equals(sm)) {
        return started(existing);
      }
      return Answer.error(
          400, "ExecutionAlreadyExists", "Execution Already Exists: '" + existing.arn() + "'");
    }
    String arn = ARN_PREFIX + "execution:" + sm.substring(sm.lastIndexOf(':') + 1) + ":" + name;
    Execution e = new Execution(name, input, arn, sm, clock++, true);
    executions.put(name, e);
    return started(e);
  }

  private static Answer started(Execution e) {
    ObjectNode out =
        JSON.createObjectNode().put("executionArn", e.arn()).put("startDate", e.startDate());
    return new Answer(200, out.toString());
  }

  private Answer describeExecution(JsonNode request) {
    String arn = request.path("executionArn").asText();
    for (Execution e : executions.values()) {
      if (e.arn().equals(arn)) {
        ObjectNode out =
            JSON.createObjectNode()
                .put("executionArn", e.arn())
                .put("stateMachineArn", e.stateMachineArn())
                .put("name", e.name())
                .put("status", e.open() ? "RUNNING" : "SUCCEEDED")
                .put("startDate", e.startDate())
                .put("input", e.input());
        return new Answer(200, out.toString());
      }
    }
    return Answer.error(400, "ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
  }

  private record Answer(int status, String body) {
    static Answer error(int status, String type, String message) {
      return new Answer(
          status, JSON.createObjectNode().put("__type", type).put("message", message).toString());
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
