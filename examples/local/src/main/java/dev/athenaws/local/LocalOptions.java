package dev.athenaws.local;

import dev.athenaws.local.data.CloudTrailData;
import dev.athenaws.local.gateway.ConnectionLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The local stack's settings, from its command line ({@link #parse}). Every flag is listed by
 * {@link #usage()} and in docs/local.md.
 *
 * @param host the address to listen on ({@code 127.0.0.1}: this machine only)
 * @param port the one port of every endpoint; 0 picks a free one
 * @param stage the WebSocket API's stage: the path of the WebSocket and of {@code @connections}
 * @param mode {@code stepfunctions} or {@code inline}, the Lambda adapter's {@code ATHENA_WS_MODE}
 * @param events how many synthetic CloudTrail events to load
 * @param seed the seed of the synthetic events (same seed, same data)
 * @param athenaLatencyMs added to every Athena API call
 * @param postLatencyMs added to every management API POST
 * @param postThrottleRate the fraction of management API POSTs answered 429, 0..1
 * @param queryCatalog the named-query catalog file, null for the built-in CloudTrail example
 * @param pushTimeoutMs the push task's Lambda timeout: its remaining time counts down from this
 * @param throttleSeed the seed of the throttling decisions (reproducible fault runs)
 * @param athenaThrottleRate the fraction of Athena API calls answered TooManyRequestsException,
 *     0..1
 * @param postErrorRate the fraction of management API POSTs answered 500, 0..1
 * @param metrics whether the handlers write their EMF metric lines (METRICS_DISABLED otherwise)
 * @param database the Athena database queries run in (handlers' {@code ATHENA_DATABASE}, the
 *     workflow's {@code QueryExecutionContext.Database}); the sample table is loaded into it
 * @param stateMachineDefinition a States Language definition file to run instead of the generated
 *     push workflow, null for the generated one
 * @param s3FirstByteMs added before the first byte of every S3 GetObject body
 * @param s3Mbps the S3 endpoint's bandwidth per GetObject in megabits per second, 0 for unlimited
 * @param getResultsLatencyMs added to every Athena GetQueryResults call, after {@code
 *     athenaLatencyMs}
 * @param resultFetch where the handlers read finished results: auto, s3 or api (RESULT_FETCH)
 * @param downloadLinks the download link flags
 * @param postsInFlight the handlers' {@code POSTS_IN_FLIGHT} (rows posts in flight per query), null
 *     for their default
 * @param idleTimeout the gateway closes a connection that carried no message for this long
 * @param maxConnectionDuration the gateway closes every connection this long after it opened
 * @param queueDelayMs how long each query stays QUEUED before it runs
 * @param auth {@code off} (anyone may connect) or {@code jwt} (the stack is its own local OIDC
 *     issuer: {@code /.well-known/jwks.json} and {@code /dev-token})
 */
public record LocalOptions(
    String host,
    int port,
    String stage,
    String mode,
    int events,
    long seed,
    int athenaLatencyMs,
    int postLatencyMs,
    double postThrottleRate,
    Path queryCatalog,
    int pushTimeoutMs,
    long throttleSeed,
    double athenaThrottleRate,
    double postErrorRate,
    String database,
    Path stateMachineDefinition,
    boolean metrics,
    int s3FirstByteMs,
    int s3Mbps,
    int getResultsLatencyMs,
    String resultFetch,
    LinkOptions downloadLinks,
    Integer postsInFlight,
    Duration idleTimeout,
    Duration maxConnectionDuration,
    int queueDelayMs,
    String auth) {

  /** The longest {@code --idle-timeout} and {@code --max-connection-duration}. */
  private static final Duration LONGEST = Duration.ofDays(1);

  private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  /** Athena database names: lower-case letters, digits and underscores. */
  private static final Pattern DATABASE = Pattern.compile("[a-z0-9_]{1,255}");

  /**
   * @throws IllegalArgumentException naming the setting when a value is out of range
   */
  public LocalOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(database, "database");
    require(port >= 0 && port <= 65535, "--port must be 0..65535");
    require(STAGE.matcher(stage).matches(), "--stage must match [A-Za-z0-9_-]{1,128}");
    require(
        mode.equals("stepfunctions") || mode.equals("inline"),
        "--mode must be stepfunctions or inline");
    require(events >= 0 && events <= 10_000_000, "--events must be 0..10000000");
    require(
        athenaLatencyMs >= 0 && athenaLatencyMs <= 60_000, "--athena-latency-ms must be 0..60000");
    require(postLatencyMs >= 0 && postLatencyMs <= 60_000, "--post-latency-ms must be 0..60000");
    require(s3FirstByteMs >= 0 && s3FirstByteMs <= 60_000, "--s3-first-byte-ms must be 0..60000");
    require(
        getResultsLatencyMs >= 0 && getResultsLatencyMs <= 60_000,
        "--get-results-latency-ms must be 0..60000");
    require(s3Mbps >= 0 && s3Mbps <= 100_000, "--s3-mbps must be 0..100000 (0: unlimited)");
    Objects.requireNonNull(resultFetch, "resultFetch");
    require(
        resultFetch.equals("auto") || resultFetch.equals("s3") || resultFetch.equals("api"),
        "--result-fetch must be auto, s3 or api");
    require(
        postsInFlight == null || (postsInFlight >= 1 && postsInFlight <= 16),
        "--posts-in-flight must be 1..16");
    require(
        postThrottleRate >= 0 && postThrottleRate < 1,
        "--post-throttle-rate must be 0 <= rate < 1");
    require(
        athenaThrottleRate >= 0 && athenaThrottleRate < 1,
        "--athena-throttle-rate must be 0 <= rate < 1");
    require(postErrorRate >= 0 && postErrorRate < 1, "--post-error-rate must be 0 <= rate < 1");
    require(
        pushTimeoutMs >= 15_000 && pushTimeoutMs <= 900_000,
        "--push-timeout-ms must be 15000..900000");
    require(
        queryCatalog == null || Files.isRegularFile(queryCatalog),
        "--query-catalog must name a readable file: " + queryCatalog);
    require(DATABASE.matcher(database).matches(), "--database must match [a-z0-9_]{1,255}");
    require(
        stateMachineDefinition == null || Files.isRegularFile(stateMachineDefinition),
        "--state-machine-definition must name a readable file: " + stateMachineDefinition);
    require(within(idleTimeout), "--idle-timeout must be from 1ms to 24h");
    require(within(maxConnectionDuration), "--max-connection-duration must be from 1ms to 24h");
    require(queueDelayMs >= 0 && queueDelayMs <= 600_000, "--queue-delay-ms must be 0..600000");
    Objects.requireNonNull(auth, "auth");
    require(auth.equals("off") || auth.equals("jwt"), "--auth must be jwt or off: " + auth);
  }

  /**
   * @return whether {@code --auth jwt} is on
   */
  public boolean jwtAuth() {
    return auth.equals("jwt");
  }

  private static boolean within(Duration d) {
    return d != null && !d.isNegative() && !d.isZero() && d.compareTo(LONGEST) <= 0;
  }

  /**
   * @return the gateway's idle timeout and maximum connection duration
   */
  public ConnectionLimits connectionLimits() {
    return new ConnectionLimits(idleTimeout, maxConnectionDuration);
  }

  private static final Set<String> FLAGS =
      Set.of(
          "--host",
          "--port",
          "--stage",
          "--mode",
          "--events",
          "--seed",
          "--athena-latency-ms",
          "--post-latency-ms",
          "--post-throttle-rate",
          "--query-catalog",
          "--push-timeout-ms",
          "--athena-throttle-rate",
          "--post-error-rate",
          "--database",
          "--state-machine-definition",
          "--metrics",
          "--s3-first-byte-ms",
          "--s3-mbps",
          "--get-results-latency-ms",
          "--result-fetch",
          LinkOptions.ENABLED,
          LinkOptions.TTL,
          LinkOptions.ROWS,
          LinkOptions.BYTES,
          "--posts-in-flight",
          "--idle-timeout",
          "--max-connection-duration",
          "--queue-delay-ms",
          "--auth");

  /**
   * @return the defaults: 127.0.0.1:8080, stage dev, stepfunctions mode, 100,000 events
   */
  public static LocalOptions defaults() {
    return parse();
  }

  /**
   * Parses a command line; {@code --name value} and {@code --name=value} are both accepted.
   *
   * @param args the arguments
   * @return the options, the defaults for every flag not given
   * @throws IllegalArgumentException with a message for the user on an unknown flag, a missing or
   *     malformed value, or a value out of range
   */
  public static LocalOptions parse(String... args) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      String value;
      int eq = name.indexOf('=');
      if (name.startsWith("--") && eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        value = null;
      }
      if (!FLAGS.contains(name)) {
        throw new IllegalArgumentException("unknown option " + name + " (see --help)");
      }
      if (value == null) {
        throw new IllegalArgumentException("missing value for " + name + " (see --help)");
      }
      given.put(name, value);
    }
    String catalog = given.get("--query-catalog");
    String definition = given.get("--state-machine-definition");
    return new LocalOptions(
        given.getOrDefault("--host", "127.0.0.1"),
        (int) number(given, "--port", 8080),
        given.getOrDefault("--stage", "dev"),
        given.getOrDefault("--mode", "stepfunctions").toLowerCase(Locale.ROOT),
        (int) number(given, "--events", CloudTrailData.DEFAULT_EVENTS),
        number(given, "--seed", CloudTrailData.DEFAULT_SEED),
        (int) number(given, "--athena-latency-ms", 0),
        (int) number(given, "--post-latency-ms", 0),
        decimal(given, "--post-throttle-rate"),
        catalog == null ? null : Path.of(catalog),
        (int) number(given, "--push-timeout-ms", 60_000),
        1,
        decimal(given, "--athena-throttle-rate"),
        decimal(given, "--post-error-rate"),
        given.getOrDefault("--database", "default"),
        definition == null ? null : Path.of(definition),
        onOff(given.getOrDefault("--metrics", "off"), "--metrics"),
        (int) number(given, "--s3-first-byte-ms", 0),
        (int) number(given, "--s3-mbps", 0),
        (int) number(given, "--get-results-latency-ms", 0),
        given.getOrDefault("--result-fetch", "auto").toLowerCase(Locale.ROOT),
        LinkOptions.parse(given),
        given.containsKey("--posts-in-flight") ? (int) number(given, "--posts-in-flight", 0) : null,
        DurationFlag.parse(given, "--idle-timeout", ConnectionLimits.API_GATEWAY.idleTimeout()),
        DurationFlag.parse(
            given, "--max-connection-duration", ConnectionLimits.API_GATEWAY.maxDuration()),
        (int) number(given, "--queue-delay-ms", 0),
        given.getOrDefault("--auth", "off").toLowerCase(Locale.ROOT));
  }

  private static boolean onOff(String value, String name) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException(name + " must be on or off: " + value);
    };
  }

  /**
   * @return the {@code --help} text
   */
  public static String usage() {
    return """
        athena-ws local stack: WebSocket gateway, management API, Athena and Step Functions endpoints
        and the web client on one port, over embedded DuckDB with synthetic CloudTrail data.

        Options (defaults in brackets):
          --port N                  the one port of every endpoint; 0 picks a free one [8080]
          --host ADDRESS            the address to listen on [127.0.0.1]
          --stage NAME              WebSocket stage: ws://host:port/NAME [dev]
          --mode M                  stepfunctions | inline: how the query route runs queries [stepfunctions]
          --events N                synthetic CloudTrail events to load [100000]
          --seed N                  seed of the synthetic events [20210801]
          --athena-latency-ms N     added to every Athena API call [0]
          --queue-delay-ms N        how long each query stays QUEUED before it runs [0]
          --get-results-latency-ms N
                                    added to every Athena GetQueryResults call, after
                                    --athena-latency-ms [0]
          --post-latency-ms N       added to every @connections POST [0]
          --s3-first-byte-ms N      added before the first byte of every S3 GetObject body [0]
          --s3-mbps N               S3 GetObject bandwidth in megabits/s, 0 = unlimited [0]
          --result-fetch M          auto | s3 | api: where finished results are read [auto]
          --posts-in-flight N       rows posts in flight per query (POSTS_IN_FLIGHT), 1..16 [8]
          --idle-timeout D          close a WebSocket connection that carried no message for D
                                    (500ms, 2s, 10m, 2h), as API Gateway does [10m]
          --max-connection-duration D
                                    close every WebSocket connection D after it opened, as
                                    API Gateway does [2h]
          --post-throttle-rate R    fraction of @connections POSTs answered 429, 0 <= R < 1 [0]
          --post-error-rate R       fraction of @connections POSTs answered 500, 0 <= R < 1 [0]
          --athena-throttle-rate R  fraction of Athena API calls answered TooManyRequestsException,
                                    0 <= R < 1 [0]
          --query-catalog FILE      named-query catalog (JSON) instead of the built-in CloudTrail one
          --push-timeout-ms N       the push task's Lambda timeout, 15000..900000 [60000]
          --database NAME           the Athena database queries run in; the sample table is
                                    loaded into it [default]
          --state-machine-definition FILE
                                    run this States Language definition instead of the generated
                                    push workflow (${PushResultsFunctionArn} is substituted)
          --metrics on|off          the handlers' CloudWatch EMF metric lines on stdout (one JSON
                                    line per call, docs/operations.md) [off]
          --download-links on|off   allow delivery by download link (a presigned URL to the
                                    result CSV on the stack's S3 endpoint) [off]
          --download-link-ttl-seconds N
                                    how long a download link works, 1..604800 [900]
          --download-link-rows N    send a link for results of more rows, even if rows were asked
          --download-link-bytes N   send a link for result files larger than N bytes, likewise
          --auth jwt|off            jwt: the stack is its own LOCAL-ONLY token issuer
                                    (/.well-known/jwks.json, /dev-token) [off]
          --help                    print this text
        """;
  }

  private static long number(Map<String, String> given, String name, long fallback) {
    String v = given.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n != (int) n && !name.equals("--seed")) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs a whole number, got '" + v + "'");
    }
  }

  private static double decimal(Map<String, String> given, String name) {
    String v = given.getOrDefault(name, "0");
    try {
      double d = Double.parseDouble(v.trim());
      if (Double.isNaN(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs a number, got '" + v + "'");
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
