package dev.athenaws.lambda;

import dev.athenaws.AthenaSettings;
import dev.athenaws.AthenaWs;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.internal.protocol.ChunkPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The adapter's configuration, read from environment variables once per container. Every variable
 * is documented in docs/configuration.md; {@link #from} validates them all and throws {@link
 * IllegalStateException} naming the first variable at fault, so a bad deployment fails at init
 * rather than on a client's request.
 *
 * @param mode how queries run
 * @param stateMachineArn the state machine of the push flow, null when not configured
 * @param queryCatalog where the catalog is: a file path or {@code classpath:resource}
 * @param athena work group, catalog, database, output location and result reuse
 * @param websocketEndpoint the management endpoint to use instead of the one built from the event,
 *     null when not set
 * @param websocketStage the stage for push inputs that name none (the original design's), nullable
 * @param region the AWS region, null only when {@code websocketEndpoint} is set
 * @param inlineDeadline how long an inline invocation works before it hands off or times out
 * @param queryTimeout how long a query may run in total before it is stopped
 * @param pushTimeReserve remaining Lambda time at which the push task pauses
 * @param chunkPolicy the largest {@code rows} message
 * @param strictValues whether an unparsable value fails the stream
 * @param allowRawSql whether clients may send raw {@code sql}
 * @param allowedOrigins the Origin headers accepted on {@code $connect}; empty accepts all
 * @param metricsNamespace the CloudWatch namespace of the embedded-format metrics, null when they
 *     are off
 * @param functionName the Lambda function's name (the metrics' dimension), null outside Lambda
 * @param tracing whether sampled invocations send X-Ray subsegments of the AWS calls
 * @param downloadLinks delivery by download link
 * @param postsInFlight how many {@code rows} posts of one run may be in flight at once
 * @param sessions resume tokens for cancel and resume
 */
record Config(
    Mode mode,
    String stateMachineArn,
    String queryCatalog,
    AthenaSettings athena,
    URI websocketEndpoint,
    String websocketStage,
    String region,
    Duration inlineDeadline,
    Duration queryTimeout,
    Duration pushTimeReserve,
    ChunkPolicy chunkPolicy,
    boolean strictValues,
    boolean allowRawSql,
    Set<String> allowedOrigins,
    String metricsNamespace,
    String functionName,
    boolean tracing,
    LinkConfig downloadLinks,
    int postsInFlight,
    SessionConfig sessions) {

  /** How the query route runs a query. */
  enum Mode {
    /** Start, poll and push in the route handler's invocation; hand off near the deadline. */
    INLINE,
    /** Start the state machine and acknowledge. */
    STEPFUNCTIONS
  }

  static final String CLASSPATH_PREFIX = "classpath:";
  static final String DEFAULT_CATALOG = CLASSPATH_PREFIX + QueryCatalog.CLOUDTRAIL_EXAMPLE;

  /** Default inline deadline: 20 s, well below API Gateway's 29 s integration timeout. */
  static final int DEFAULT_INLINE_DEADLINE_SECONDS = 20;

  /** Largest inline deadline: 25 s leaves 4 s under the 29 s integration timeout to hand off. */
  static final int MAX_INLINE_DEADLINE_SECONDS = 25;

  static final long DEFAULT_PUSH_TIME_RESERVE_MILLIS = 10_000;

  /** One day: a Standard state machine could wait longer, but no report should. */
  static final long MAX_QUERY_TIMEOUT_SECONDS = 86_400;

  static final String DEFAULT_METRICS_NAMESPACE = "AthenaWs";

  /** Most posts in flight per run: each holds a pool thread and a management API connection. */
  static final int MAX_POSTS_IN_FLIGHT = 16;

  /**
   * A CloudWatch namespace: up to 255 of alphanumerics, period, hyphen, underscore, slash, hash,
   * colon and space, with a non-space (CloudWatch User Guide, "Namespaces"); "AWS/" is reserved.
   */
  private static final Pattern NAMESPACE =
      Pattern.compile("(?!AWS/)(?=.*\\S)[0-9A-Za-z._/#: -]{1,255}");

  private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

  Config {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(queryCatalog, "queryCatalog");
    Objects.requireNonNull(athena, "athena");
    Objects.requireNonNull(inlineDeadline, "inlineDeadline");
    Objects.requireNonNull(queryTimeout, "queryTimeout");
    Objects.requireNonNull(pushTimeReserve, "pushTimeReserve");
    Objects.requireNonNull(chunkPolicy, "chunkPolicy");
    Objects.requireNonNull(downloadLinks, "downloadLinks");
    Objects.requireNonNull(sessions, "sessions");
    allowedOrigins = Set.copyOf(allowedOrigins);
  }

  /**
   * @param env the environment variables
   * @return the validated configuration
   * @throws IllegalStateException naming the variable whose value is invalid or missing
   */
  static Config from(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    Mode mode =
        switch (r.text("ATHENA_WS_MODE", "inline").toLowerCase(Locale.ROOT)) {
          case "inline" -> Mode.INLINE;
          case "stepfunctions" -> Mode.STEPFUNCTIONS;
          default -> throw r.invalid("ATHENA_WS_MODE", "must be inline or stepfunctions");
        };
    String arn = r.text("STATE_MACHINE_ARN", null);
    if (mode == Mode.STEPFUNCTIONS && arn == null) {
      throw new IllegalStateException(
          "STATE_MACHINE_ARN is required when ATHENA_WS_MODE is stepfunctions");
    }
    URI endpoint = endpoint(r);
    String region = r.text("AWS_REGION", null);
    if (region != null && !REGION.matcher(region).matches()) {
      throw r.invalid("AWS_REGION", "is not a region name such as eu-west-1");
    }
    if (region == null && endpoint == null) {
      throw new IllegalStateException(
          "AWS_REGION is required to build the WebSocket management endpoint (or set WEBSOCKET_ENDPOINT)");
    }
    String stage = r.text("WEBSOCKET_STAGE", null);
    if (stage != null && !STAGE.matcher(stage).matches()) {
      throw r.invalid("WEBSOCKET_STAGE", "must be 1..128 of [A-Za-z0-9_-]");
    }
    int maxBytes =
        (int)
            r.number(
                "MAX_MESSAGE_BYTES",
                ChunkPolicy.DEFAULT_MAX_MESSAGE_BYTES,
                ChunkPolicy.MIN_MESSAGE_BYTES,
                ChunkPolicy.HARD_CAP);
    return new Config(
        mode,
        arn,
        r.text("QUERY_CATALOG", DEFAULT_CATALOG),
        athena(r),
        endpoint,
        stage,
        region,
        Duration.ofSeconds(
            r.number(
                "INLINE_DEADLINE_SECONDS",
                DEFAULT_INLINE_DEADLINE_SECONDS,
                1,
                MAX_INLINE_DEADLINE_SECONDS)),
        Duration.ofSeconds(
            r.number(
                "QUERY_TIMEOUT_SECONDS",
                AthenaWs.Builder.DEFAULT_QUERY_TIMEOUT.toSeconds(),
                1,
                MAX_QUERY_TIMEOUT_SECONDS)),
        Duration.ofMillis(
            r.number("PUSH_TIME_RESERVE_MILLIS", DEFAULT_PUSH_TIME_RESERVE_MILLIS, 1_000, 600_000)),
        new ChunkPolicy(maxBytes),
        r.bool("STRICT_VALUES"),
        r.bool("ALLOW_RAW_SQL"),
        origins(r.text("ALLOWED_ORIGINS", "")),
        metricsNamespace(r),
        r.text("AWS_LAMBDA_FUNCTION_NAME", null),
        !r.bool("TRACING_DISABLED"),
        LinkConfig.from(r),
        (int)
            r.number(
                "POSTS_IN_FLIGHT",
                AthenaWs.Builder.DEFAULT_POSTS_IN_FLIGHT,
                1,
                MAX_POSTS_IN_FLIGHT),
        SessionConfig.from(r));
  }

  /**
   * @return this configuration with other sessions (the secrets read from Secrets Manager)
   */
  Config withSessions(SessionConfig other) {
    return new Config(
        mode,
        stateMachineArn,
        queryCatalog,
        athena,
        websocketEndpoint,
        websocketStage,
        region,
        inlineDeadline,
        queryTimeout,
        pushTimeReserve,
        chunkPolicy,
        strictValues,
        allowRawSql,
        allowedOrigins,
        metricsNamespace,
        functionName,
        tracing,
        downloadLinks,
        postsInFlight,
        other);
  }

  private static String metricsNamespace(EnvReader r) {
    if (r.bool("METRICS_DISABLED")) {
      return null;
    }
    String namespace = r.text("METRICS_NAMESPACE", DEFAULT_METRICS_NAMESPACE);
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw r.invalid(
          "METRICS_NAMESPACE",
          "must be 1..255 of [0-9A-Za-z._/#: -], not blank, not starting with AWS/");
    }
    return namespace;
  }

  private static AthenaSettings athena(EnvReader r) {
    AthenaSettings.Builder b = AthenaSettings.builder();
    r.apply("ATHENA_WORK_GROUP", b::workGroup);
    r.apply("ATHENA_CATALOG", b::catalog);
    r.apply("ATHENA_DATABASE", b::database);
    r.apply("ATHENA_OUTPUT_LOCATION", b::outputLocation);
    if (r.text("ATHENA_RESULT_REUSE_MINUTES", null) != null) {
      long minutes =
          r.number(
              "ATHENA_RESULT_REUSE_MINUTES", 0, 1, AthenaSettings.MAX_RESULT_REUSE_AGE.toMinutes());
      b.resultReuseMaxAge(Duration.ofMinutes(minutes));
    }
    b.resultFetch(resultFetch(r));
    if (r.bool("ATHENA_RUNTIME_STATISTICS_DISABLED")) {
      b.withoutRuntimeStatistics();
    }
    return b.build();
  }

  /** RESULT_FETCH: auto (default), s3 or api, any case. */
  private static AthenaSettings.ResultFetch resultFetch(EnvReader r) {
    String text = r.text("RESULT_FETCH", "auto");
    try {
      return AthenaSettings.ResultFetch.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw r.invalid("RESULT_FETCH", "must be auto, s3 or api");
    }
  }

  private static URI endpoint(EnvReader r) {
    String text = r.text("WEBSOCKET_ENDPOINT", null);
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw r.invalid("WEBSOCKET_ENDPOINT", "must be an absolute http(s) URI");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw r.invalid("WEBSOCKET_ENDPOINT", "must be an absolute http(s) URI");
    }
  }

  private static Set<String> origins(String list) {
    Set<String> out = new LinkedHashSet<>();
    for (String part : list.split(",")) {
      String origin = part.strip();
      if (!origin.isEmpty()) {
        out.add(origin);
      }
    }
    return out;
  }

  /**
   * @return whether {@code $connect} from this Origin header (nullable) is accepted
   */
  boolean originAllowed(String origin) {
    return allowedOrigins.isEmpty() || origin != null && allowedOrigins.contains(origin);
  }
}
