package dev.athenaws.benchmarks;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeManagementApi;
import dev.athenaws.testing.FakeStepFunctions;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One cold start: fresh wire fakes (Athena, the management API, Step Functions) in this process,
 * and a fresh JVM ({@link LambdaRuntimeMimic}) that loads a handler from the deployable jar,
 * configured by environment variables as Lambda would be, and serves an event fixture against those
 * fakes.
 *
 * <p>The child runs with the Lambda Java 17/21 runtimes' JIT default ({@code
 * -XX:TieredStopAtLevel=1}) and the serial collector, with nothing of this process's environment.
 * The fakes speak plain HTTP, so TLS set-up (part of a real first call to AWS) is not measured.
 */
public final class ColdStart {
  /** The connection of the event fixtures. */
  static final String CONNECTION = "L0SM9cOFvHcCIhw=";

  static final int PUSH_PAGES = 2;
  static final int PUSH_ROWS_PER_PAGE = 1000;
  static final int INLINE_ROWS = 5;
  private static final long CHILD_TIMEOUT_SECONDS = 120;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ColdStart() {}

  /** A handler with the event of its first invocation. */
  public enum Case {
    /** {@code $connect}. */
    CONNECT("ConnectionHandler", "connect.json", null),
    /** The {@code query} route starting the state machine. */
    QUERY_STEPFUNCTIONS("QueryRouteHandler", "query.json", "stepfunctions"),
    /** The {@code query} route running a 5-row query inline. */
    QUERY_INLINE("QueryRouteHandler", "query.json", "inline"),
    /** The push task publishing 2 pages of 1,000 rows after {@code StartQueryExecution.sync}. */
    PUSH("PushResultsHandler", "push-state.json", null);

    final String handler;
    final String event;
    final String mode;

    Case(String handler, String event, String mode) {
      this.handler = "dev.athenaws.lambda." + handler;
      this.event = event;
      this.mode = mode;
    }

    /**
     * @return e.g. {@code QueryRouteHandler (query.json, inline)}
     */
    String label() {
      String simple = handler.substring(handler.lastIndexOf('.') + 1);
      return simple + " (" + event + (mode == null ? "" : ", " + mode) + ")";
    }
  }

  /**
   * Where the pieces are.
   *
   * @param lambdaJar the shaded jar ({@code athena-ws-lambda-<version>-lambda.jar})
   * @param fixtures lambda-adapter's test resources: {@code events/} and {@code catalogs/}
   */
  public record Paths(Path lambdaJar, Path fixtures) {
    public Paths {
      Objects.requireNonNull(lambdaJar, "lambdaJar");
      Objects.requireNonNull(fixtures, "fixtures");
    }

    /**
     * @return the paths named by system properties {@code athenaws.lambdaJar}, {@code
     *     athenaws.fixtures}
     */
    public static Paths fromSystemProperties() {
      String jar = System.getProperty("athenaws.lambdaJar");
      String fixtures = System.getProperty("athenaws.fixtures");
      if (jar == null || fixtures == null) {
        throw new IllegalStateException(
            "system properties athenaws.lambdaJar and athenaws.fixtures must name the shaded jar and"
                + " lambda-adapter/src/test/resources (the benchmarks POM sets them)");
      }
      Paths paths = new Paths(Path.of(jar), Path.of(fixtures));
      if (!Files.isRegularFile(paths.lambdaJar())) {
        throw new IllegalStateException(
            "no shaded jar at "
                + jar
                + ": build it first (mvn -B -pl benchmarks -am verify, or package)");
      }
      return paths;
    }
  }

  /**
   * What the fakes saw of one run.
   *
   * @param athenaStarts StartQueryExecution calls
   * @param athenaStatusCalls GetQueryExecution calls
   * @param athenaResultCalls GetQueryResults calls
   * @param stateMachineStarts StartExecution calls
   * @param messages what the fixtures' connection received, in order
   */
  public record Observed(
      int athenaStarts,
      int athenaStatusCalls,
      int athenaResultCalls,
      long stateMachineStarts,
      List<String> messages) {}

  /**
   * One run.
   *
   * @param initMillis loading the handler class and its no-argument constructor
   * @param serializerMillis the runtime's event serializer set-up (not the handler's cost)
   * @param invokeMillis each invocation: deserialize, handle, serialize
   * @param output the first invocation's response
   * @param observed what the fakes saw
   */
  public record Run(
      double initMillis,
      double serializerMillis,
      List<Double> invokeMillis,
      String output,
      Observed observed) {}

  /**
   * @param c the handler and event
   * @param prime the child's {@code ATHENA_WS_PRIME}, or null to leave it unset
   * @param invocations how many times the event is served, >= 1
   * @param paths the jar and fixtures
   * @return the run
   * @throws IllegalStateException when the child fails, prints no result or outlives 120 s
   */
  public static Run run(Case c, String prime, int invocations, Paths paths) {
    try (FakeAthena athena = FakeAthena.start(Clock.systemUTC());
        FakeManagementApi api = FakeManagementApi.start();
        FakeStepFunctions sfn = FakeStepFunctions.start()) {
      api.connect(CONNECTION);
      if (c == Case.QUERY_INLINE) {
        athena.nextQuery(PipelineFigures.query(1, INLINE_ROWS));
      } else if (c == Case.PUSH) {
        athena.addQuery(PipelineFigures.query(PUSH_PAGES, PUSH_ROWS_PER_PAGE));
      }
      Map<String, String> env = new LinkedHashMap<>();
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
      env.put("AWS_LAMBDA_FUNCTION_NAME", "athena-ws-coldstart");
      env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
      env.put("AWS_ACCESS_KEY_ID", "AKIDCOLDSTART");
      env.put("AWS_SECRET_ACCESS_KEY", "cold-start-secret");
      env.put("AWS_SESSION_TOKEN", "cold-start-token");
      env.put("AWS_ENDPOINT_URL_ATHENA", athena.endpoint().toString());
      env.put("AWS_ENDPOINT_URL_SFN", sfn.endpoint().toString());
      // The fake Athena's results live only behind GetQueryResults (no S3 here): the API path,
      // as the cold-start figures were measured before the S3 reader.
      env.put("RESULT_FETCH", "api");
      env.put("WEBSOCKET_ENDPOINT", api.endpoint().toString());
      env.put("STATE_MACHINE_ARN", sfn.createStateMachine("athena-ws"));
      env.put("QUERY_CATALOG", paths.fixtures().resolve("catalogs/test-catalog.json").toString());
      if (c.mode != null) {
        env.put("ATHENA_WS_MODE", c.mode);
      }
      if (prime != null) {
        env.put("ATHENA_WS_PRIME", prime);
      }
      JsonNode result = launch(c, env, invocations, paths);
      List<Double> invokes = new ArrayList<>();
      result.get("invokeNanos").forEach(n -> invokes.add(n.asLong() / 1e6));
      Observed observed =
          new Observed(
              athena.calls(FakeAthena.START),
              athena.calls(FakeAthena.GET),
              athena.calls(FakeAthena.RESULTS),
              sfn.startCalls(),
              api.messages(CONNECTION));
      return new Run(
          result.get("initNanos").asLong() / 1e6,
          result.get("serializerNanos").asLong() / 1e6,
          List.copyOf(invokes),
          result.get("output").asText(),
          observed);
    }
  }

  private static JsonNode launch(Case c, Map<String, String> env, int invocations, Paths paths) {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            classPath(paths),
            LambdaRuntimeMimic.class.getName(),
            c.handler,
            paths.fixtures().resolve("events").resolve(c.event).toString(),
            Integer.toString(invocations));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(env);
    Path stderr = null;
    try {
      stderr = Files.createTempFile("athena-ws-coldstart", ".log");
      builder.redirectError(stderr.toFile());
      Process process = builder.start();
      byte[] out;
      try (InputStream in = process.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw failure(c, "did not end within " + CHILD_TIMEOUT_SECONDS + " s", stderr);
      }
      if (process.exitValue() != 0) {
        throw failure(c, "exited with " + process.exitValue(), stderr);
      }
      for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith(LambdaRuntimeMimic.PREFIX)) {
          return JSON.readTree(line.substring(LambdaRuntimeMimic.PREFIX.length()));
        }
      }
      throw failure(c, "printed no result line", stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + c, e);
    } finally {
      if (stderr != null) {
        try {
          Files.deleteIfExists(stderr);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }

  private static IllegalStateException failure(Case c, String what, Path stderr)
      throws IOException {
    String log = Files.readString(stderr, StandardCharsets.UTF_8);
    String tail = log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    return new IllegalStateException(
        "cold-start child for " + c + " " + what + "; stderr:\n" + tail);
  }

  /** The deployable jar, then this module's classes (the mimic), then the runtime's serializer. */
  private static String classPath(Paths paths) {
    return String.join(
        File.pathSeparator,
        paths.lambdaJar().toString(),
        location(LambdaRuntimeMimic.class),
        location(LambdaEventSerializers.class));
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("no file location for " + type.getName(), e);
    }
  }
}
