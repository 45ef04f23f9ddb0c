package dev.athenaws.notify;

import dev.athenaws.internal.retry.RetryingBuilder;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * API Gateway WebSocket APIs: the {@link Connection} of a client and the {@link ConnectionNotifier}
 * that posts through the management API ({@code @connections}).
 *
 * <p>The management endpoint of a stage is {@code
 * https://{apiId}.execute-api.{region}.amazonaws.com/ {stage}}, or the custom domain name and the
 * path of its API mapping. It is built from the API id, Region and stage, never from the event's
 * {@code requestContext.domainName}: behind a custom domain name that is the custom domain, whose
 * path is the API mapping's (for instance {@code wss://api.example.com/orders} for the stage {@code
 * production}), not the stage. For a custom domain whose execute-api endpoint is disabled, use
 * {@link Connection#at} with the domain and the mapping's path. Sources: API Gateway developer
 * guide, <a
 * href="https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html">"Use
 * {@code @connections} commands in your backend service"</a> and <a
 * href="https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-mappings.html">"Map
 * API stages to a custom domain name for WebSocket APIs"</a>; API Gateway Management API reference
 * ("the endpoint of your deployed API ... or the endpoint corresponding to your API's custom domain
 * and base path").
 *
 * <p>Thread-safety: the static methods are thread-safe; a {@link NotifierBuilder} is not, the
 * notifier it builds is.
 *
 * <p>Exceptions: as documented on each method: {@link NullPointerException} for a null argument,
 * {@link IllegalArgumentException} for a missing or malformed part.
 */
public final class ApiGateway {
  private static final Pattern API_ID = Pattern.compile("[a-z0-9]{1,32}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final Pattern EXECUTE_API_HOST =
      Pattern.compile(
          "[a-z0-9]{1,32}\\.execute-api\\.([a-z]{2}(?:-[a-z]+)+-\\d{1,2})\\.amazonaws\\.com(?:\\.cn)?");

  private ApiGateway() {}

  /**
   * The management endpoint of a stage at its execute-api host: {@code
   * https://{apiId}.execute-api.{region}.amazonaws.com/{stage}} (the Region's domain, such as
   * {@code amazonaws.com.cn}, in other partitions).
   *
   * @param apiId the WebSocket API id ({@code requestContext.apiId}), lower-case letters and digits
   * @param region the API's Region (a Lambda function's {@code AWS_REGION})
   * @param stage the stage name ({@code requestContext.stage})
   * @return the endpoint, without a trailing slash
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a part is malformed
   */
  public static URI endpoint(String apiId, Region region, String stage) {
    check("apiId", apiId, API_ID);
    check("region", Objects.requireNonNull(region, "region").id(), REGION);
    check("stage", stage, STAGE);
    RegionMetadata metadata = region.metadata();
    String domain = metadata == null ? "amazonaws.com" : metadata.domain();
    return URI.create(
        "https://" + apiId + ".execute-api." + region.id() + "." + domain + "/" + stage);
  }

  /**
   * The connection of the client that sent an API Gateway WebSocket event, from the event's {@code
   * requestContext} (its {@code connectionId}, {@code apiId} and {@code stage}; {@code domainName}
   * is ignored, see the class comment).
   *
   * @param requestContext the event's {@code requestContext} as a map, e.g. from a Lambda handler
   *     taking {@code Map<String, Object>}
   * @param region the API's Region (a Lambda function's {@code AWS_REGION})
   * @return the connection, posted to at {@link #endpoint}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a part is missing, not a string or malformed
   */
  public static Connection connection(Map<String, ?> requestContext, Region region) {
    Objects.requireNonNull(requestContext, "requestContext");
    String id = text(requestContext, "connectionId");
    return Connection.at(
        id, endpoint(text(requestContext, "apiId"), region, text(requestContext, "stage")));
  }

  /**
   * The Region an endpoint's execute-api host names.
   *
   * @param endpoint a management endpoint, not null
   * @return the Region of {@code {apiId}.execute-api.{region}.amazonaws.com[.cn]}, else empty (a
   *     custom domain or a local stack)
   * @throws NullPointerException if endpoint is null
   */
  public static Optional<Region> region(URI endpoint) {
    String host = Objects.requireNonNull(endpoint, "endpoint").getHost();
    Matcher m = host == null ? null : EXECUTE_API_HOST.matcher(host);
    return m != null && m.matches() ? Optional.of(Region.of(m.group(1))) : Optional.empty();
  }

  /**
   * Starts configuring a notifier over the management API.
   *
   * @return a builder with the defaults of {@link NotifierBuilder}
   */
  public static NotifierBuilder notifier() {
    return new NotifierBuilder();
  }

  /**
   * Configures the notifier over the API Gateway management API. Defaults: {@link #defaultClient}
   * per endpoint and the retry defaults ({@link dev.athenaws.retry.RetryPolicy#THROTTLING}: 5 calls
   * per message, {@link dev.athenaws.retry.Sleeper#system()}, a {@code SecureRandom} for jitter).
   * The notifier it builds posts only to connections with an {@link Connection#endpoint()}: its
   * {@code post} and {@code disconnect} throw {@link IllegalArgumentException} for one without.
   *
   * <p>Thread-safety: not thread-safe; the notifier it builds is. Setters throw {@link
   * NullPointerException} for null, naming the parameter; {@link #build()} never throws.
   */
  public static final class NotifierBuilder extends RetryingBuilder<NotifierBuilder> {
    private Function<URI, ApiGatewayManagementApiClient> clientFactory = ApiGateway::defaultClient;

    private NotifierBuilder() {}

    /**
     * Sets how the client of an endpoint is built.
     *
     * @param factory builds the client of a connection's endpoint; called once per endpoint. The
     *     client should not retry by itself (the notifier's bounded loop does), see {@link
     *     #defaultClient}
     * @return this builder
     * @throws NullPointerException if factory is null
     */
    public NotifierBuilder clientFactory(Function<URI, ApiGatewayManagementApiClient> factory) {
      this.clientFactory = Objects.requireNonNull(factory, "clientFactory");
      return this;
    }

    /**
     * @return the notifier; close it to close the clients it built
     */
    public ConnectionNotifier build() {
      return new ApiGatewayNotifier(clientFactory, retrier());
    }
  }

  /**
   * The default client of an endpoint: the SDK's default HTTP client and credentials, the Region
   * the endpoint's host names (else the SDK's Region chain, e.g. {@code AWS_REGION}), and SDK
   * retries off so that only the notifier's bounded, injected-sleeper loop waits.
   *
   * @param endpoint the management endpoint the client serves, not null
   * @return a new client
   * @throws NullPointerException if endpoint is null
   */
  public static ApiGatewayManagementApiClient defaultClient(URI endpoint) {
    var builder =
        ApiGatewayManagementApiClient.builder()
            .endpointOverride(endpoint)
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
    region(endpoint).ifPresent(builder::region);
    return builder.build();
  }

  private static String text(Map<String, ?> context, String key) {
    Object v = context.get(key);
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("requestContext." + key + " is missing or not a string");
    }
    return s;
  }

  private static void check(String name, String value, Pattern pattern) {
    Objects.requireNonNull(value, name);
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(name + " is malformed: " + value);
    }
  }
}
