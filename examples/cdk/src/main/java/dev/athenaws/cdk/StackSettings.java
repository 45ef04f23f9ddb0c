package dev.athenaws.cdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a deployment may choose, read from CDK context ({@code -c key=value} or {@code cdk.json}).
 * Every key is optional; the defaults deploy a working stack.
 *
 * <table>
 *   <caption>Context keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code mode}</td><td>{@code stepfunctions}</td><td>{@link Mode}</td></tr>
 *   <tr><td>{@code lambdaJar}</td><td>{@link #defaultLambdaJar()}</td><td>the shaded lambda-adapter jar</td></tr>
 *   <tr><td>{@code stage}</td><td>{@code dev}</td><td>WebSocket stage name</td></tr>
 *   <tr><td>{@code workGroup}</td><td>{@code athena-ws-<stage>}</td><td>name of the Athena work group the stack creates</td></tr>
 *   <tr><td>{@code database}</td><td>{@code default}</td><td>Glue database the queries read</td></tr>
 *   <tr><td>{@code dataBucket}</td><td>none</td><td>S3 bucket holding the tables' data (read access is granted on it)</td></tr>
 *   <tr><td>{@code bytesScannedCutoff}</td><td>10 GiB</td><td>Athena's per-query cutoff, bytes, at least 10,000,000</td></tr>
 *   <tr><td>{@code resultExpiryDays}</td><td>7</td><td>days before query result files expire</td></tr>
 *   <tr><td>{@code queryTimeoutMinutes}</td><td>30</td><td>longest query the stack waits for</td></tr>
 *   <tr><td>{@code queryCatalog}</td><td>the adapter's bundled example</td><td>{@code QUERY_CATALOG} of the handlers</td></tr>
 *   <tr><td>{@code allowedOrigins}</td><td>any</td><td>{@code ALLOWED_ORIGINS} of the handlers</td></tr>
 *   <tr><td>{@code authIssuer}, {@code authAudience}</td><td>none (no authorizer)</td><td>{@link AuthSettings}: a JWT authorizer on {@code $connect}</td></tr>
 *   <tr><td>{@code authJwksUrl}, {@code authClaims}, {@code authGroupsClaim}</td><td>the handler's defaults</td><td>{@link AuthSettings}</td></tr>
 *   <tr><td>{@code resumeTokenPreviousSecretArn}</td><td>none</td><td>a secret holding the previous resume token secret, still accepted while it is rotated out ({@code RESUME_TOKEN_PREVIOUS_SECRET_ARN})</td></tr>
 * </table>
 *
 * <p>Immutable; thread-safe.
 *
 * @param mode how the route handler runs queries
 * @param lambdaJar path of the shaded Lambda jar, relative to the working directory or absolute
 * @param stageName WebSocket API stage
 * @param workGroup Athena work group name
 * @param database Glue database of the queries
 * @param dataBucket bucket of the queried data, when read access should be granted
 * @param bytesScannedCutoff Athena {@code BytesScannedCutoffPerQuery}
 * @param resultExpiryDays lifecycle expiry of result files
 * @param queryTimeoutMinutes longest wait for one query
 * @param queryCatalog the handlers' {@code QUERY_CATALOG}, when not the bundled one
 * @param allowedOrigins the handlers' {@code ALLOWED_ORIGINS}, when restricted
 * @param auth the {@code $connect} authorizer, when connections must be authenticated
 * @param previousTokenSecretArn the ARN of a secret holding the previous resume token secret,
 *     during a rotation
 */
public record StackSettings(
    Mode mode,
    String lambdaJar,
    String stageName,
    String workGroup,
    String database,
    Optional<String> dataBucket,
    long bytesScannedCutoff,
    int resultExpiryDays,
    int queryTimeoutMinutes,
    Optional<String> queryCatalog,
    Optional<String> allowedOrigins,
    Optional<AuthSettings> auth,
    Optional<String> previousTokenSecretArn) {

  /** Athena's smallest {@code BytesScannedCutoffPerQuery}. */
  public static final long MIN_BYTES_SCANNED_CUTOFF = 10_000_000L;

  /** 10 GiB: about 0.05 USD per query at 5 USD per TB scanned. */
  public static final long DEFAULT_BYTES_SCANNED_CUTOFF = 10L * 1024 * 1024 * 1024;

  /** Result files are only read while a query's results are pushed; a week leaves room to debug. */
  public static final int DEFAULT_RESULT_EXPIRY_DAYS = 7;

  /** Matches the library's {@code AthenaWs.Builder.DEFAULT_QUERY_TIMEOUT}. */
  public static final int DEFAULT_QUERY_TIMEOUT_MINUTES = 30;

  /** The stage of the original design and of the local stack. */
  public static final String DEFAULT_STAGE = "dev";

  private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final Pattern WORK_GROUP = Pattern.compile("[a-zA-Z0-9._-]{1,128}");
  private static final Pattern DATABASE = Pattern.compile("[a-z0-9_]{1,255}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /** A Secrets Manager secret's complete ARN (its name, a dash and six random characters). */
  private static final Pattern SECRET_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}");

  /**
   * Validates every field.
   *
   * @throws NullPointerException when a field is null
   * @throws IllegalArgumentException when a field is out of its bound, naming the context key
   */
  public StackSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(lambdaJar, "lambdaJar");
    Objects.requireNonNull(dataBucket, "dataBucket");
    Objects.requireNonNull(queryCatalog, "queryCatalog");
    Objects.requireNonNull(allowedOrigins, "allowedOrigins");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(previousTokenSecretArn, "previousTokenSecretArn");
    previousTokenSecretArn.ifPresent(a -> check("resumeTokenPreviousSecretArn", a, SECRET_ARN));
    if (lambdaJar.isBlank()) {
      throw new IllegalArgumentException("lambdaJar: blank");
    }
    check("stage", stageName, STAGE);
    check("workGroup", workGroup, WORK_GROUP);
    check("database", database, DATABASE);
    dataBucket.ifPresent(b -> check("dataBucket", b, BUCKET));
    if (bytesScannedCutoff < MIN_BYTES_SCANNED_CUTOFF) {
      throw new IllegalArgumentException(
          "bytesScannedCutoff: at least "
              + MIN_BYTES_SCANNED_CUTOFF
              + ", got "
              + bytesScannedCutoff);
    }
    if (resultExpiryDays < 1) {
      throw new IllegalArgumentException("resultExpiryDays: at least 1, got " + resultExpiryDays);
    }
    if (queryTimeoutMinutes < 1 || queryTimeoutMinutes > 24 * 60) {
      throw new IllegalArgumentException(
          "queryTimeoutMinutes: 1..1440, got " + queryTimeoutMinutes);
    }
  }

  /**
   * Reads the settings from a context lookup such as {@code node::tryGetContext}.
   *
   * @param context returns the value of a context key, or null when it is not set
   * @return the settings, defaults filled in
   * @throws NullPointerException when {@code context} is null
   * @throws IllegalArgumentException when a value is malformed, naming its key
   */
  public static StackSettings fromContext(Function<String, Object> context) {
    Objects.requireNonNull(context, "context");
    String stage = text(context, "stage").orElse(DEFAULT_STAGE);
    return new StackSettings(
        text(context, "mode").map(Mode::parse).orElse(Mode.STEPFUNCTIONS),
        text(context, "lambdaJar").orElseGet(StackSettings::defaultLambdaJar),
        stage,
        text(context, "workGroup").orElse("athena-ws-" + stage),
        text(context, "database").orElse("default"),
        text(context, "dataBucket"),
        number(context, "bytesScannedCutoff").orElse(DEFAULT_BYTES_SCANNED_CUTOFF),
        Math.toIntExact(
            number(context, "resultExpiryDays").orElse((long) DEFAULT_RESULT_EXPIRY_DAYS)),
        Math.toIntExact(
            number(context, "queryTimeoutMinutes").orElse((long) DEFAULT_QUERY_TIMEOUT_MINUTES)),
        text(context, "queryCatalog"),
        text(context, "allowedOrigins"),
        AuthSettings.fromContext(key -> text(context, key)),
        text(context, "resumeTokenPreviousSecretArn"));
  }

  /**
   * Where {@code mvn -pl lambda-adapter -am package} leaves the shaded, self-contained jar (the
   * handlers with the AWS SDK and Jackson; the thin {@code athena-ws-lambda-<version>.jar} beside
   * it would fail at init), relative to examples/cdk (the directory {@code cdk} commands run in).
   *
   * @return {@code ../../lambda-adapter/target/athena-ws-lambda-<version>-lambda.jar}
   * @throws UncheckedIOException when the build's version file cannot be read
   */
  public static String defaultLambdaJar() {
    return "../../lambda-adapter/target/athena-ws-lambda-" + projectVersion() + "-lambda.jar";
  }

  private static String projectVersion() {
    Properties p = new Properties();
    try (InputStream in = StackSettings.class.getResourceAsStream("build.properties")) {
      if (in == null) {
        throw new IOException("build.properties missing from the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the project version", e);
    }
    return p.getProperty("version");
  }

  /** Throws IllegalArgumentException naming {@code key} when {@code value} does not match. */
  static void check(String key, String value, Pattern pattern) {
    Objects.requireNonNull(value, key);
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(key + ": must match " + pattern + ", got '" + value + "'");
    }
  }

  private static Optional<String> text(Function<String, Object> context, String key) {
    Object v = context.apply(key);
    return v == null || v.toString().isBlank()
        ? Optional.empty()
        : Optional.of(v.toString().trim());
  }

  private static Optional<Long> number(Function<String, Object> context, String key) {
    Object v = context.apply(key);
    if (v instanceof Number n) {
      // cdk.json numbers arrive through jsii as Double.
      if (n.doubleValue() != Math.rint(n.doubleValue())) {
        throw new IllegalArgumentException(key + ": not a whole number: " + n);
      }
      return Optional.of(n.longValue());
    }
    Optional<String> t = text(context, key);
    try {
      return t.map(Long::parseLong);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": not a whole number: '" + t.orElse("") + "'", e);
    }
  }
}
