package dev.athenaws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import dev.athenaws.RemainingTime;
import dev.athenaws.retry.Sleeper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Primes a container before its first request: serves a {@code listQueries}, two {@code query}
 * messages (in the configured mode) and a push task input through the real handlers, core services
 * and SDK clients, with the clients' HTTP replaced by {@link PrimingHttpClient}. Classes load,
 * Jackson, the SDK's marshallers, signer and endpoint rules initialise, and the mapper and encoder
 * run on a page of every common type, with no network call and no side effect: the priming clients
 * and their credentials are thrown away afterwards; the container's own clients are never touched
 * (so no credentials are resolved into a SnapStart snapshot).
 *
 * <p>{@code ATHENA_WS_PRIME} says when: {@code snapstart} (default) registers an {@code org.crac}
 * resource whose {@code beforeCheckpoint} primes, so it runs only when Lambda SnapStart (or another
 * CRaC runtime) takes a snapshot, and costs nothing elsewhere; {@code init} primes during init (for
 * provisioned concurrency, where init is off the request path); {@code off} never primes. Figures:
 * docs/performance.md. A failing priming is logged and ignored: it only costs the first request
 * time.
 *
 * <p>Thread-safety: {@link #onInit} is called once per container under {@link Container}'s lock.
 */
final class Priming implements Resource {
  private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
  static final String VARIABLE = "ATHENA_WS_PRIME";
  static final String ID = "athena-ws-priming";
  private static final Sleeper NO_SLEEP = d -> {};
  private static final String PRIMING_SECRET = ID + "-resume-token-secret-stand-in";

  /** Held here: a CRaC context may keep its resources only weakly. */
  private static volatile Priming registered;

  /** When priming runs. */
  enum When {
    /** In {@code beforeCheckpoint}, when a SnapStart (CRaC) snapshot is taken. */
    SNAPSTART,
    /** During init. */
    INIT,
    /** Never. */
    OFF
  }

  /**
   * What one priming did, for the log and for tests.
   *
   * @param routeStatuses the query route's status for each message
   * @param pushOutput the push task's output
   * @param calls the calls the priming HTTP client answered, in order
   * @param posted the messages posted to the priming connection, in order
   */
  record Report(
      List<Integer> routeStatuses, String pushOutput, List<String> calls, List<String> posted) {}

  private final Map<String, String> env;

  Priming(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * @throws IllegalStateException naming {@code ATHENA_WS_PRIME} when its value is not known
   */
  static When when(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    return switch (r.text(VARIABLE, "snapstart").toLowerCase(Locale.ROOT)) {
      case "snapstart" -> When.SNAPSTART;
      case "init" -> When.INIT;
      case "off" -> When.OFF;
      default -> throw r.invalid(VARIABLE, "must be snapstart, init or off");
    };
  }

  /**
   * Called once the container's wiring is built: primes now, registers for the snapshot, or does
   * nothing, as {@code ATHENA_WS_PRIME} says.
   *
   * @throws IllegalStateException naming {@code ATHENA_WS_PRIME} when its value is not known
   */
  static void onInit(Map<String, String> env) {
    switch (when(env)) {
      case INIT -> primeQuietly(env);
      case SNAPSTART -> {
        Priming p = new Priming(env);
        registered = p;
        Core.getGlobalContext().register(p);
      }
      case OFF -> {}
    }
  }

  /**
   * @return the resource registered for the snapshot, null when none was
   */
  static Priming registered() {
    return registered;
  }

  /**
   * @return the environment this resource primes with
   */
  Map<String, String> env() {
    return env;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    primeQuietly(env);
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing was kept that needs renewing: the priming clients were closed before the snapshot.
  }

  private static void primeQuietly(Map<String, String> env) {
    long start = System.nanoTime();
    try {
      Report report = prime(env);
      LOG.info(
          "primed in {} ms: {} calls answered in memory, route statuses {}",
          (System.nanoTime() - start) / 1_000_000,
          report.calls().size(),
          report.routeStatuses());
    } catch (RuntimeException e) {
      LOG.warn("priming failed, the first request will be slower: {}", e.toString());
    }
  }

  /**
   * Runs the handlers once over in-memory clients.
   *
   * @param env the container's environment (already validated by the container's own wiring)
   * @return what was done
   */
  static Report prime(Map<String, String> env) {
    Map<String, String> primingEnv = new HashMap<>(env);
    primingEnv.put("ALLOW_RAW_SQL", "true");
    // Priming talks to no AWS service: a secret named by ARN is stood in for by a priming value.
    Config config = Config.from(primingEnv);
    config = config.withSessions(config.sessions().resolve(arn -> PRIMING_SECRET));
    PrimingHttpClient http = new PrimingHttpClient();
    Region region = Region.of(config.region() != null ? config.region() : "us-east-1");
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDATHENAWSPRIMING", ID));
    List<ApiGatewayManagementApiClient> managementClients = new ArrayList<>();
    Function<URI, ApiGatewayManagementApiClient> management =
        endpoint -> {
          ApiGatewayManagementApiClient c =
              ApiGatewayManagementApiClient.builder()
                  .endpointOverride(endpoint)
                  .httpClient(http)
                  .region(region)
                  .credentialsProvider(credentials)
                  .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                  .build();
          synchronized (managementClients) {
            managementClients.add(c);
          }
          return c;
        };
    AthenaClient athena =
        AthenaClient.builder()
            .httpClient(http)
            .region(region)
            .credentialsProvider(credentials)
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    SfnClient sfn =
        config.stateMachineArn() == null
            ? null
            : SfnClient.builder()
                .httpClient(http)
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    Wiring wiring =
        Wiring.create(
            config, new Wiring.Clients(athena, sfn, management), Clock.systemUTC(), NO_SLEEP);
    try {
      QueryRouteHandler route = new QueryRouteHandler(wiring);
      List<Integer> statuses = new ArrayList<>();
      for (String body :
          List.of(
              "{\"action\":\"listQueries\",\"requestId\":\"" + ID + "\"}",
              "{\"action\":\"query\",\"requestId\":\"" + ID + "\",\"sql\":\"SELECT 1\"}",
              "{\"action\":\"query\",\"requestId\":\"" + ID + "-default\"}")) {
        statuses.add(route.handle(event(body), RemainingTime.unlimited()).getStatusCode());
      }
      String push = push(new PushResultsHandler(wiring), config);
      return new Report(statuses, push, http.calls(), http.posted());
    } finally {
      wiring.close();
      athena.close();
      if (sfn != null) {
        sfn.close();
      }
      synchronized (managementClients) {
        managementClients.forEach(ApiGatewayManagementApiClient::close);
      }
    }
  }

  private static APIGatewayV2WebSocketEvent event(String body) {
    APIGatewayV2WebSocketEvent.RequestContext context =
        new APIGatewayV2WebSocketEvent.RequestContext();
    context.setConnectionId(ID);
    context.setEventType("MESSAGE");
    context.setRouteKey("query");
    context.setApiId("athenawspriming");
    context.setStage("prime");
    context.setRequestId(ID);
    APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
    event.setRequestContext(context);
    event.setBody(body);
    return event;
  }

  private static String push(PushResultsHandler handler, Config config) {
    String input =
        "{\"connection\":{\"connectionId\":\""
            + ID
            + "\",\"apiId\":\"athenawspriming\","
            + "\"region\":\""
            + (config.region() != null ? config.region() : "us-east-1")
            + "\",\"stage\":\"prime\"},\"requestId\":\""
            + ID
            + "\",\"queryExecutionId\":\""
            + ID
            + "\"}";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handle(
          new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
          out,
          RemainingTime.unlimited());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
