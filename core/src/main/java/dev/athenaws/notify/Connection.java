package dev.athenaws.notify;

import java.net.URI;
import java.util.Objects;

/**
 * One WebSocket client: its connection id and, when the {@link ConnectionNotifier} needs it, where
 * to post its messages. Nothing here is specific to API Gateway: a server that owns its sockets (a
 * Spring Boot session registry, the local gateway) resolves the id itself and uses {@link #of}; API
 * Gateway's management API needs the endpoint of the client's stage, see {@link ApiGateway}.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor, {@link #of}, {@link #at} and {@link #withEndpoint} throw {@link
 * NullPointerException} for a null id and {@link IllegalArgumentException} for a blank or over-long
 * id or an endpoint that is not an absolute http(s) URI.
 *
 * @param id the connection id (e.g. API Gateway's {@code L0SM9cOFvHcCIhw=} or a session id), 1..256
 *     characters, not blank
 * @param endpoint the base URI to post to (for API Gateway: the management endpoint of the stage,
 *     without {@code /@connections}), without a trailing slash; null when the notifier resolves the
 *     id by itself
 */
public record Connection(String id, URI endpoint) {
  /** The longest id accepted. */
  public static final int MAX_ID_LENGTH = 256;

  /**
   * Validates the id and the endpoint, and drops the endpoint's trailing slash.
   *
   * @param id the connection id, 1..256 characters, not blank
   * @param endpoint an absolute http(s) URI, or null
   * @throws NullPointerException if id is null
   * @throws IllegalArgumentException if id is blank or too long, or endpoint is not an absolute
   *     http(s) URI with a host
   */
  public Connection {
    Objects.requireNonNull(id, "id");
    if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          "id must be 1.." + MAX_ID_LENGTH + " non-blank characters");
    }
    if (endpoint != null) {
      String scheme = endpoint.getScheme();
      if (!"https".equals(scheme) && !"http".equals(scheme) || endpoint.getHost() == null) {
        throw new IllegalArgumentException("endpoint must be an absolute http(s) URI: " + endpoint);
      }
      String s = endpoint.toString();
      if (s.endsWith("/")) {
        endpoint = URI.create(s.substring(0, s.length() - 1));
      }
    }
  }

  /**
   * A connection whose notifier resolves the id itself (its own session registry).
   *
   * @param id the connection id, not blank
   * @return the connection, without endpoint
   * @throws NullPointerException if id is null
   * @throws IllegalArgumentException if id is blank or too long
   */
  public static Connection of(String id) {
    return new Connection(id, null);
  }

  /**
   * A connection reached through an endpoint: a stage's management API ({@link
   * ApiGateway#endpoint}), a custom domain with its base path, or a local stack such as {@code
   * http://127.0.0.1:8080/dev}.
   *
   * @param id the connection id, not blank
   * @param endpoint an absolute http(s) URI, not null
   * @return the connection
   * @throws NullPointerException if id or endpoint is null
   * @throws IllegalArgumentException if id is blank or too long, or endpoint is not absolute
   *     http(s)
   */
  public static Connection at(String id, URI endpoint) {
    return new Connection(id, Objects.requireNonNull(endpoint, "endpoint"));
  }

  /**
   * The same client reached through another endpoint.
   *
   * @param endpoint an absolute http(s) URI, or null for none
   * @return this connection with {@code endpoint}
   * @throws IllegalArgumentException if endpoint is not an absolute http(s) URI
   */
  public Connection withEndpoint(URI endpoint) {
    return new Connection(id, endpoint);
  }
}
