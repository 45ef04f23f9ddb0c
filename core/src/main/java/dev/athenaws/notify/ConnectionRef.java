package dev.athenaws.notify;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where to post messages for one WebSocket client: the connection id plus what is needed to reach the
 * API Gateway management API of its stage.
 *
 * <p>The endpoint is {@code https://{apiId}.execute-api.{region}.amazonaws.com/{stage}}, built from
 * the parts, never from the event's {@code domainName} (wrong for custom domains) nor from a
 * hard-coded region or stage; or an explicit {@code endpointOverride} for custom domains and local
 * endpoints such as {@code http://127.0.0.1:8080/dev}.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor, {@link #of} and {@link #withEndpoint} throw {@link
 * NullPointerException} for a null connection id and {@link IllegalArgumentException} for a missing
 * or malformed part; {@link #endpoint()} never throws.
 *
 * @param connectionId the API Gateway connection id (e.g. {@code L0SM9cOFvHcCIhw=}), not blank
 * @param apiId the WebSocket API id, may be null only when an override is given
 * @param region the API's region, e.g. {@code eu-west-1}; may be null only when an override is given
 * @param stage the stage name, may be null only when an override is given
 * @param endpointOverride the management endpoint to use instead, or null
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html">Use @connections commands</a>
 */
public record ConnectionRef(
    String connectionId, String apiId, String region, String stage, URI endpointOverride) {
  private static final Pattern API_ID = Pattern.compile("[a-z0-9]{1,32}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  /**
   * Validates the components.
   *
   * @param connectionId the connection id, 1..256 characters, not blank
   * @param apiId the WebSocket API id; required (lower-case letters and digits) without an override
   * @param region the API's region; required without an override
   * @param stage the stage name; required without an override
   * @param endpointOverride an absolute http(s) URI, or null
   * @throws NullPointerException if connectionId is null
   * @throws IllegalArgumentException if a part is blank, missing or malformed
   */
  public ConnectionRef {
    Objects.requireNonNull(connectionId, "connectionId");
    if (connectionId.isBlank() || connectionId.length() > 256) {
      throw new IllegalArgumentException("connectionId must be 1..256 non-blank characters");
    }
    if (endpointOverride != null) {
      String scheme = endpointOverride.getScheme();
      if (!"https".equals(scheme) && !"http".equals(scheme) || endpointOverride.getHost() == null) {
        throw new IllegalArgumentException(
            "endpointOverride must be an absolute http(s) URI: " + endpointOverride);
      }
    } else {
      check("apiId", apiId, API_ID);
      check("region", region, REGION);
      check("stage", stage, STAGE);
    }
  }

  /**
   * A connection of a stage on AWS, reached at {@code
   * https://{apiId}.execute-api.{region}.amazonaws.com/{stage}}.
   *
   * @param connectionId the connection id, not blank
   * @param apiId the WebSocket API id
   * @param region the API's region
   * @param stage the stage name
   * @return a reference whose endpoint is built from apiId, region and stage
   * @throws NullPointerException if connectionId is null
   * @throws IllegalArgumentException if a part is missing or malformed
   */
  public static ConnectionRef of(String connectionId, String apiId, String region, String stage) {
    return new ConnectionRef(connectionId, apiId, region, stage, null);
  }

  /**
   * The same connection reached through another endpoint: a custom domain or a local stack.
   *
   * @param endpoint an absolute http(s) URI such as {@code http://127.0.0.1:8080/dev}, or null to
   *     build the endpoint from the parts again
   * @return this connection reached through {@code endpoint} instead
   * @throws IllegalArgumentException if endpoint is not an absolute http(s) URI, or it is null and a
   *     part is missing
   */
  public ConnectionRef withEndpoint(URI endpoint) {
    return new ConnectionRef(connectionId, apiId, region, stage, endpoint);
  }

  /** @return the management API endpoint of this connection's stage (no trailing slash) */
  public URI endpoint() {
    if (endpointOverride != null) {
      String s = endpointOverride.toString();
      return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : endpointOverride;
    }
    return URI.create("https://" + apiId + ".execute-api." + region + ".amazonaws.com/" + stage);
  }

  private static void check(String name, String value, Pattern pattern) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is required when no endpoint override is given");
    }
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(name + " is malformed: " + value);
    }
  }
}
