package dev.athenaws.lambda;

import dev.athenaws.AthenaSettings;
import dev.athenaws.AthenaWs;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.error.CatalogException;
import dev.athenaws.internal.s3.DownloadLinks;
import dev.athenaws.internal.s3.LazyS3;
import dev.athenaws.internal.s3.ObjectReader;
import dev.athenaws.internal.s3.SignedS3;
import dev.athenaws.lambda.sfn.StepFunctionsStarter;
import dev.athenaws.lambda.tracing.XRayTracing;
import dev.athenaws.notify.ApiGateway;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.retry.Sleeper;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Everything the handlers share in one container, built once at init: configuration, catalog, SDK
 * clients and the front door over them. Immutable after construction and thread-safe (every part
 * is).
 */
final class Wiring implements AutoCloseable {

  /**
   * How long one Athena call may go unanswered before it is abandoned (and retried by core's loop:
   * {@code ApiCallAttemptTimeoutException} is transient). Athena answers in well under a second; 5
   * s lets a call that starts just before the 20 s inline deadline end before the route Lambda's 29
   * s timeout, with time left to hand off. Without it the HTTP client's 30 s read timeout would
   * outlive the invocation.
   */
  static final Duration ATHENA_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

  final Config config;
  final QueryCatalog catalog;

  /** The front door: every route and the push task run through it. */
  final AthenaWs ws;

  /** Null when no state machine is configured. */
  final StepFunctionsStarter stepFunctions;

  final Clock clock;
  private final ConnectionNotifier notifier;

  /** The SDK clients this wiring built itself (from the environment), closed with it. */
  private final List<AutoCloseable> ownedClients = new ArrayList<>();

  /**
   * The SDK clients the services run over; {@code sfn} is null without a state machine; {@code
   * downloadLinks} (the S3 signer of download links) and {@code objectReader} (reads result
   * objects) null for the front door's default.
   */
  record Clients(
      AthenaClient athena,
      SfnClient sfn,
      Function<URI, ApiGatewayManagementApiClient> managementApi,
      DownloadLinks downloadLinks,
      ObjectReader objectReader) {
    Clients {
      Objects.requireNonNull(athena, "athena");
      Objects.requireNonNull(managementApi, "managementApi");
    }

    Clients(
        AthenaClient athena,
        SfnClient sfn,
        Function<URI, ApiGatewayManagementApiClient> managementApi) {
      this(athena, sfn, managementApi, null, null);
    }

    Clients(
        AthenaClient athena,
        SfnClient sfn,
        Function<URI, ApiGatewayManagementApiClient> managementApi,
        DownloadLinks downloadLinks) {
      this(athena, sfn, managementApi, downloadLinks, null);
    }
  }

  private Wiring(Config config, Clients clients, Clock clock, Sleeper sleeper, PrintStream stdout) {
    this.config = config;
    this.clock = clock;
    this.catalog = loadCatalog(config.queryCatalog());
    this.notifier =
        ApiGateway.notifier().clientFactory(clients.managementApi()).sleeper(sleeper).build();
    AthenaWs.Builder ws =
        AthenaWs.builder()
            .athenaClient(clients.athena())
            .notifier(notifier)
            .catalog(catalog)
            .settings(config.athena())
            .queryTimeout(config.queryTimeout())
            .chunkPolicy(config.chunkPolicy())
            .postsInFlight(config.postsInFlight())
            .clock(clock)
            .sleeper(sleeper);
    if (config.metricsNamespace() != null) {
      ws.listener(new EmfMetrics(config.metricsNamespace(), config.functionName(), stdout, clock));
    }
    if (config.allowRawSql()) {
      ws.allowRawSql();
    }
    if (config.strictValues()) {
      ws.strictValues();
    }
    config.downloadLinks().applyTo(ws, clients.downloadLinks());
    config.sessions().applyTo(ws);
    if (clients.objectReader() != null) {
      ws.objectReader(clients.objectReader());
    }
    this.ws = ws.build();
    this.stepFunctions = stepFunctions(config, clients.sfn(), sleeper);
  }

  /**
   * Releases the front door's prefetch threads, the notifier's clients, and the SDK clients built
   * by {@link #fromEnvironment} (those given to {@link #create} are the caller's).
   */
  @Override
  public void close() {
    ws.close();
    notifier.close();
    for (AutoCloseable c : ownedClients) {
      try {
        c.close();
      } catch (Exception e) {
        // Closing an SDK client does not fail in practice; nothing is left to release.
      }
    }
  }

  /**
   * Builds the container's wiring from the environment, with SDK clients that resolve endpoints the
   * standard way (so {@code AWS_ENDPOINT_URL_ATHENA} and {@code AWS_ENDPOINT_URL_SFN} work), use
   * the url-connection HTTP client and leave retrying to athena-ws's bounded loops; unless {@code
   * TRACING_DISABLED}, each client's calls in a sampled invocation are sent as X-Ray subsegments
   * ({@link XRayTracing}).
   *
   * @throws IllegalStateException naming the variable when the configuration is invalid
   */
  static Wiring fromEnvironment(Map<String, String> env) {
    Config config = readSecrets(Config.from(env), env);
    Region region = config.region() == null ? null : Region.of(config.region());
    ExecutionInterceptor tracing = config.tracing() ? XRayTracing.interceptor(env) : null;
    var athena =
        AthenaClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(
                c ->
                    traced(c, tracing)
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(ATHENA_ATTEMPT_TIMEOUT));
    SfnClient sfn = null;
    if (config.stateMachineArn() != null) {
      var sfnBuilder =
          SfnClient.builder()
              .httpClient(UrlConnectionHttpClient.create())
              .overrideConfiguration(
                  c -> traced(c, tracing).retryStrategy(AwsRetryStrategy.doNotRetry()));
      if (region != null) {
        sfnBuilder.region(region);
      }
      sfn = sfnBuilder.build();
    }
    if (region != null) {
      athena.region(region);
    }
    Function<URI, ApiGatewayManagementApiClient> management =
        endpoint -> {
          var b =
              ApiGatewayManagementApiClient.builder()
                  .endpointOverride(endpoint)
                  .httpClient(UrlConnectionHttpClient.create())
                  .overrideConfiguration(
                      c -> traced(c, tracing).retryStrategy(AwsRetryStrategy.doNotRetry()));
          // The Region the execute-api host names, else the function's (custom domain, local).
          Optional<Region> r =
              ApiGateway.region(endpoint)
                  .or(() -> Optional.ofNullable(config.region()).map(Region::of));
          r.ifPresent(b::region);
          return b.build();
        };
    AthenaClient athenaClient = athena.build();
    LazyS3 s3 = s3(config, env);
    Wiring wiring =
        create(
            config,
            new Clients(athenaClient, sfn, management, s3, s3),
            Clock.systemUTC(),
            Sleeper.system());
    wiring.ownedClients.add(athenaClient);
    if (sfn != null) {
      wiring.ownedClients.add(sfn);
    }
    if (s3 != null) {
      wiring.ownedClients.add(s3);
    }
    return wiring;
  }

  /**
   * Reads the resume-token secrets named by ARN from Secrets Manager, once, with this function's
   * credentials, region and endpoint settings ({@link SecretsManagerReader}).
   *
   * @throws IllegalStateException naming the variable and the AWS error code when a secret cannot
   *     be read (never its value)
   */
  private static Config readSecrets(Config config, Map<String, String> env) {
    if (!config.sessions().fromSecretsManager()) {
      return config;
    }
    SecretsManagerReader reader;
    try {
      reader = SecretsManagerReader.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    try (reader) {
      return config.withSessions(config.sessions().resolve(reader));
    }
  }

  /**
   * The S3 client that reads result objects and signs download links, over this function's
   * variables (its region and {@code AWS_ENDPOINT_URL_S3}), built at its first use so that
   * functions that never read a result ({@code $connect}, {@code $disconnect}) never pay for it;
   * null when neither reading nor links use S3. If it cannot be made, the front door reads results
   * with {@code GetQueryResults} and sends rows (mode {@code auto}).
   */
  private static LazyS3 s3(Config config, Map<String, String> env) {
    if (config.athena().resultFetch() == AthenaSettings.ResultFetch.API
        && !config.downloadLinks().enabled()) {
      return null;
    }
    // The SDK's system properties as they are now, when the function is configured: the client is
    // built later, and a host that runs several configurations in one process (the local stack's
    // tests) changes them in between.
    Map<String, String> properties = new java.util.HashMap<>();
    for (String name : List.of("aws.region", "aws.endpointUrlS3", "aws.endpointUrl")) {
      String value = System.getProperty(name);
      if (value != null) {
        properties.put(name, value);
      }
    }
    return new LazyS3(() -> SignedS3.fromEnvironment(properties::get, env::get));
  }

  private static ClientOverrideConfiguration.Builder traced(
      ClientOverrideConfiguration.Builder c, ExecutionInterceptor tracing) {
    return tracing == null ? c : c.addExecutionInterceptor(tracing);
  }

  /**
   * @throws IllegalStateException naming the variable when the catalog cannot be loaded or the
   *     state machine ARN is malformed
   */
  static Wiring create(Config config, Clients clients, Clock clock, Sleeper sleeper) {
    return create(config, clients, clock, sleeper, System.out);
  }

  /**
   * As {@link #create(Config, Clients, Clock, Sleeper)}, with the stream the metrics go to.
   *
   * @throws IllegalStateException as the other
   */
  static Wiring create(
      Config config, Clients clients, Clock clock, Sleeper sleeper, PrintStream stdout) {
    return new Wiring(
        Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(clients, "clients"),
        Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(sleeper, "sleeper"),
        Objects.requireNonNull(stdout, "stdout"));
  }

  private static QueryCatalog loadCatalog(String source) {
    try {
      if (source.startsWith(Config.CLASSPATH_PREFIX)) {
        return QueryCatalog.fromClasspath(source.substring(Config.CLASSPATH_PREFIX.length()));
      }
      return QueryCatalog.fromPath(Path.of(source));
    } catch (CatalogException | java.nio.file.InvalidPathException e) {
      throw new IllegalStateException("QUERY_CATALOG is invalid: " + e.getMessage(), e);
    }
  }

  private static StepFunctionsStarter stepFunctions(Config config, SfnClient sfn, Sleeper sleeper) {
    if (config.stateMachineArn() == null) {
      return null;
    }
    if (sfn == null) {
      throw new IllegalStateException(
          "STATE_MACHINE_ARN is set but no Step Functions client was given");
    }
    try {
      return StepFunctionsStarter.builder(sfn)
          .stateMachineArn(config.stateMachineArn())
          .resultReuseMaxAge(config.athena().resultReuseMaxAge().orElse(null))
          .sleeper(sleeper)
          .build();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("STATE_MACHINE_ARN is invalid: " + e.getMessage(), e);
    }
  }
}
