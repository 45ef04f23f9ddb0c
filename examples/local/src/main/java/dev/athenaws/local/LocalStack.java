package dev.athenaws.local;

import dev.athenaws.lambda.auth.ConnectAuthorizerHandler;
import dev.athenaws.lambda.workflow.PushWorkflowDefinition;
import dev.athenaws.local.athena.AthenaEmulator;
import dev.athenaws.local.auth.LambdaAuthorizer;
import dev.athenaws.local.auth.LocalIssuer;
import dev.athenaws.local.faults.Faults;
import dev.athenaws.local.gateway.Gateway;
import dev.athenaws.local.s3.ObjectStore;
import dev.athenaws.local.s3.S3Endpoint;
import dev.athenaws.local.sfn.StepFunctionsEmulator;
import dev.athenaws.local.sfn.WorkflowSettings;
import dev.athenaws.retry.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * The whole athena-ws flow on one port: the WebSocket gateway ({@code ws://host:port/<stage>}), its
 * management API ({@code /<stage>/@connections/{id}}), the Athena and Step Functions endpoints
 * ({@code POST /} by {@code X-Amz-Target}) and the web client ({@code /}). The real lambda-adapter
 * handlers serve the routes and the push task, each function with instances that serve one
 * invocation at a time as Lambda runs them ({@link LambdaInstances}); they reach the local
 * endpoints only through configuration (the SDK's endpoint settings and {@code
 * WEBSOCKET_ENDPOINT}).
 *
 * <p>Thread-safety: thread-safe. One stack per JVM at a time: the SDK's endpoint system properties
 * are global.
 */
public final class LocalStack implements AutoCloseable {
  /** The region the handlers and the ARNs name. */
  public static final String REGION = "us-east-1";

  /** The ARN of the one state machine the Step Functions endpoint runs. */
  public static final String STATE_MACHINE_ARN =
      "arn:aws:states:" + REGION + ":000000000000:stateMachine:athena-ws-push";

  /** The ARN the push function has in the workflow definition. */
  public static final String PUSH_FUNCTION_ARN =
      "arn:aws:lambda:" + REGION + ":000000000000:function:athena-ws-push-results";

  /** The Athena work group of the handlers and the workflow. */
  static final String WORK_GROUP = "primary";

  /**
   * The bucket of the emulator's default result location, {@code s3://athena-ws-local/results/}.
   */
  public static final String RESULTS_BUCKET = "athena-ws-local";

  /** The workflow's query timeout (the start states' TimeoutSeconds), as deployed by default. */
  static final Duration QUERY_TIMEOUT = Duration.ofMinutes(30);

  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

  /** API Gateway's integration timeout: the route functions' Lambda timeout here. */
  private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(29);

  private static final Object STARTING = new Object();

  private final LocalOptions options;
  private final Server server;
  private final AthenaEmulator athena;
  private final StepFunctionsEmulator stepFunctions;
  private final Gateway gateway;
  private final AthenaClient workflowAthena;
  private final LocalFunctions functions;
  private final int port;
  private final boolean webApp;
  private final Faults faults;
  private final ObjectStore objects;
  private final Map<String, String> handlerEnvironment;
  private final LocalIssuer localIssuer;

  private LocalStack(
      LocalOptions options,
      Server server,
      AthenaEmulator athena,
      StepFunctionsEmulator stepFunctions,
      Gateway gateway,
      AthenaClient workflowAthena,
      LocalFunctions functions,
      int port,
      boolean webApp,
      Faults faults,
      ObjectStore objects,
      Map<String, String> handlerEnvironment,
      LocalIssuer localIssuer) {
    this.localIssuer = localIssuer;
    this.faults = faults;
    this.objects = objects;
    this.handlerEnvironment = handlerEnvironment;
    this.options = options;
    this.server = server;
    this.athena = athena;
    this.stepFunctions = stepFunctions;
    this.gateway = gateway;
    this.workflowAthena = workflowAthena;
    this.functions = functions;
    this.port = port;
    this.webApp = webApp;
  }

  /**
   * Loads the sample data and starts every endpoint.
   *
   * @param options the settings
   * @return the running stack
   * @throws Exception when the port cannot be bound or the configuration is invalid
   */
  public static LocalStack start(LocalOptions options) throws Exception {
    synchronized (STARTING) {
      return doStart(options);
    }
  }

  private static LocalStack doStart(LocalOptions o) throws Exception {
    Clock clock = Clock.systemUTC();
    QueuedThreadPool threads = new QueuedThreadPool(400, 8);
    threads.setName("local-http");
    threads.setDaemon(true);
    Server server = new Server(threads);
    ServerConnector connector =
        new ServerConnector(server, new HttpConnectionFactory(Gateway.httpConfiguration()));
    connector.setHost(o.host());
    connector.setPort(o.port());
    server.addConnector(connector);
    try {
      connector.open(); // before the data loads: a busy port fails at once
    } catch (java.io.IOException e) {
      throw new java.io.IOException(
          "cannot listen on "
              + o.host()
              + ":"
              + o.port()
              + " (is another local stack running? use --port)",
          e);
    }
    int port = connector.getLocalPort();
    // What is open so far, closed in reverse when a later step fails (a bad catalog, say), so that
    // a
    // failed start leaves no port bound and no database open.
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    opened.push(connector::close);
    try {
      String base = "http://" + loopback(o.host()) + ":" + port;
      LocalEnvironment env = LocalEnvironment.of(o, base);
      env.applySdkSettings();
      LocalFunctions functions = LocalFunctions.of(env);
      opened.push(functions);
      AthenaClient workflowAthena =
          AthenaClient.builder()
              .endpointOverride(URI.create(base))
              .region(Region.of(REGION))
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
              .httpClient(UrlConnectionHttpClient.create())
              .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
              .build();
      opened.push(workflowAthena);
      // Before the data loads: a definition the interpreter cannot run fails the start at once.
      StepFunctionsEmulator stepFunctions =
          new StepFunctionsEmulator(
              STATE_MACHINE_ARN,
              definition(o),
              workflowAthena,
              Map.of(PUSH_FUNCTION_ARN, functions.push()),
              new WorkflowSettings(Duration.ofMillis(o.pushTimeoutMs()), Duration.ofMillis(100)),
              clock,
              Sleeper.system());
      opened.push(stepFunctions);
      ObjectStore objects = new ObjectStore(clock);
      opened.push(objects);
      objects.createBucket(RESULTS_BUCKET);
      AthenaEmulator athena =
          AthenaEmulator.builder()
              .resultObjects(objects.resultObjects())
              .sampleData(o.events(), o.seed())
              .sampleDatabase(o.database())
              .queueDelay(Duration.ofMillis(o.queueDelayMs()))
              .build();
      opened.push(athena);
      Gateway.RouteHandler route = functions.route();
      Gateway.RouteHandler connection = functions.connection();
      Gateway gateway =
          new Gateway(
              new Gateway.Settings(
                  o.stage(),
                  loopback(o.host()) + ":" + port,
                  ROUTE_TIMEOUT,
                  Duration.ofSeconds(10),
                  o.connectionLimits()),
              routes(o, env, connection, route),
              clock);
      opened.push(gateway);
      StaticSite site = new StaticSite();
      // --auth jwt: the local issuer (its endpoints answer 404 otherwise, through the site).
      LocalIssuer localIssuer = o.jwtAuth() ? new LocalIssuer(base, clock) : null;
      Handler issuer = localIssuer != null ? localIssuer.handler() : new Handler.Sequence();
      Faults faults = new Faults(o.athenaThrottleRate(), o.postErrorRate(), o.throttleSeed());
      faults.postThrottleRate(o.postThrottleRate());
      faults.athenaLatencyMs(o.athenaLatencyMs());
      faults.postLatencyMs(o.postLatencyMs());
      faults.getResultsLatencyMs(o.getResultsLatencyMs());
      server.setHandler(
          new Handler.Sequence(
              gateway.webSocket(server),
              gateway.managementApi(faults),
              issuer,
              new S3Endpoint(
                  objects,
                  clock,
                  Sleeper.system(),
                  new S3Endpoint.Network(o.s3FirstByteMs(), o.s3Mbps())),
              new AwsEndpoints(athena, stepFunctions, faults),
              site));
      server.setStopTimeout(2_000);
      server.start();
      return new LocalStack(
          o,
          server,
          athena,
          stepFunctions,
          gateway,
          workflowAthena,
          functions,
          port,
          site.servesWebApp(),
          faults,
          objects,
          env.variables(),
          localIssuer);
    } catch (Exception | Error e) {
      while (!opened.isEmpty()) {
        try {
          opened.pop().close();
        } catch (Exception closing) {
          e.addSuppressed(closing);
        }
      }
      throw e;
    }
  }

  /**
   * The push workflow the Step Functions endpoint runs: the one the CDK app deploys ({@link
   * PushWorkflowDefinition}) with the local work group, database and function ARN, or the file of
   * {@code --state-machine-definition}; {@code ${PushResultsFunctionArn}} is substituted in either,
   * as the CDK app's {@code DefinitionSubstitutions} does.
   */
  static String definition(LocalOptions o) throws java.io.IOException {
    String text =
        o.stateMachineDefinition() == null
            ? PushWorkflowDefinition.inAws(
                    PUSH_FUNCTION_ARN, WORK_GROUP, o.database(), Optional.empty(), QUERY_TIMEOUT)
                .toJson()
            : java.nio.file.Files.readString(o.stateMachineDefinition());
    return text.replace(PushWorkflowDefinition.PUSH_FUNCTION_PLACEHOLDER, PUSH_FUNCTION_ARN);
  }

  private static String loopback(String host) {
    return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
  }

  /**
   * @return the bound port
   */
  public int port() {
    return port;
  }

  /**
   * @return the WebSocket URL clients connect to
   */
  public URI webSocketUri() {
    return URI.create("ws://" + loopback(options.host()) + ":" + port + "/" + options.stage());
  }

  /**
   * @return the web client's URL, also the endpoint of the AWS APIs
   */
  public URI httpUri() {
    return URI.create("http://" + loopback(options.host()) + ":" + port + "/");
  }

  /**
   * @return the management API endpoint ({@code WEBSOCKET_ENDPOINT})
   */
  public URI managementEndpoint() {
    return URI.create("http://" + loopback(options.host()) + ":" + port + "/" + options.stage());
  }

  /**
   * @return the gateway, for its connection and invocation counts
   */
  public Gateway gateway() {
    return gateway;
  }

  /**
   * @return the Athena emulator
   */
  public AthenaEmulator athena() {
    return athena;
  }

  /**
   * @return the injected faults ({@code --athena-throttle-rate}, {@code --post-error-rate}), which
   *     a test may change while the stack runs
   */
  public Faults faults() {
    return faults;
  }

  /**
   * @return the S3 objects the S3 endpoint serves (the Athena emulator's result objects)
   */
  public ObjectStore objects() {
    return objects;
  }

  /**
   * The routes as the deployment configures them; with {@code --auth jwt} the project's {@code
   * $connect} authorizer handler runs before every connection, over the local issuer.
   */
  private static Gateway.Routes routes(
      LocalOptions o,
      LocalEnvironment env,
      Gateway.RouteHandler connection,
      Gateway.RouteHandler route) {
    Gateway.Routes routes =
        new Gateway.Routes(
            connection,
            connection,
            Map.of("query", route, "listQueries", route, "$default", route));
    return o.jwtAuth()
        ? routes.withAuthorizer(
            new LambdaAuthorizer(ConnectAuthorizerHandler.fromEnvironment(env.variables())))
        : routes;
  }

  /**
   * @return the environment the Lambda handlers were given (as a deployment sets it), including
   *     this run's {@code RESUME_TOKEN_SECRET}: what a test needs to make tokens of its own
   */
  public Map<String, String> handlerEnvironment() {
    return handlerEnvironment;
  }

  /**
   * @return with {@code --auth jwt}, the {@code iss} of the stack's local tokens (its base URL,
   *     also the handlers' {@code JWT_ISSUER}); empty when authentication is off
   */
  public Optional<String> jwtIssuer() {
    return Optional.ofNullable(handlerEnvironment.get("JWT_ISSUER"));
  }

  /**
   * @return with {@code --auth jwt}, the {@code aud} of the stack's local tokens ({@link
   *     LocalIssuer#AUDIENCE}, also the handlers' {@code JWT_AUDIENCE}); empty when authentication
   *     is off
   */
  public Optional<String> jwtAudience() {
    return Optional.ofNullable(handlerEnvironment.get("JWT_AUDIENCE"));
  }

  /**
   * @return with {@code --auth jwt}, the stack's local token issuer (tests sign hostile tokens with
   *     its key); empty when authentication is off
   */
  public Optional<LocalIssuer> localIssuer() {
    return Optional.ofNullable(localIssuer);
  }

  /**
   * @return the Step Functions emulator
   */
  public StepFunctionsEmulator stepFunctions() {
    return stepFunctions;
  }

  /** Disconnects every client and stops every endpoint, the workers and the database. */
  @Override
  public void close() {
    gateway.close();
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the server: {}", e.toString());
    }
    stepFunctions.close();
    functions.close();
    workflowAthena.close();
    athena.close();
    objects.close();
  }

  /**
   * Runs the local stack until Ctrl-C.
   *
   * @param args the flags of {@link LocalOptions#usage()}
   */
  public static void main(String[] args) {
    if (java.util.Arrays.asList(args).contains("--help")
        || java.util.Arrays.asList(args).contains("-h")) {
      System.out.print(LocalOptions.usage());
      return;
    }
    LocalOptions options;
    try {
      options = LocalOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("athena-ws local: " + e.getMessage());
      System.exit(2);
      return;
    }
    LocalStack stack;
    try {
      stack = start(options);
    } catch (Exception e) {
      System.err.println("athena-ws local: could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("athena-ws local: stopping");
                  stack.close();
                  stopped.countDown();
                },
                "shutdown"));
    System.out.println(stack.banner());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String banner() {
    String base = httpUri().toString().replaceAll("/$", "");
    String issuer =
        options.jwtAuth()
            ? System.lineSeparator()
                + "  local issuer    "
                + base
                + LocalIssuer.DEV_TOKEN_PATH
                + "?sub=alice   (--auth jwt; LOCAL ONLY: anyone here can mint tokens), JWKS "
                + base
                + LocalIssuer.JWKS_PATH
            : "";
    return banner0() + issuer;
  }

  private String banner0() {
    return String.join(
        System.lineSeparator(),
        "athena-ws local stack is running ("
            + options.mode()
            + " mode, "
            + options.events()
            + " sample CloudTrail events). Ctrl-C stops it.",
        "  web client      "
            + httpUri()
            // The page shows its sign-in form with ?auth=jwt (docs/local.md).
            + (options.jwtAuth() ? "?auth=jwt" : "")
            + (webApp ? "" : "  (minimal page: examples/web not built)"),
        "  WebSocket       "
            + webSocketUri()
            + "   try: npx wscat -c "
            + webSocketUri()
            + "  then  {\"action\":\"query\"}",
        "  management API  " + managementEndpoint() + "/@connections/{connectionId}",
        "  Athena API      " + httpUri() + "   (AWS_ENDPOINT_URL_ATHENA)",
        "  S3 (path-style) "
            + httpUri()
            + "   (AWS_ENDPOINT_URL_S3), results in s3://"
            + RESULTS_BUCKET
            + "/results/",
        "  Step Functions  "
            + httpUri()
            + "   (AWS_ENDPOINT_URL_SFN), state machine "
            + STATE_MACHINE_ARN);
  }
}
