package dev.athenaws.local.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the gateway keeps a connection open, as API Gateway does: it closes a connection that
 * carried no message for {@code idleTimeout} and any connection {@code maxDuration} after it opened
 * (API Gateway's quotas: "Idle Connection Timeout" 10 minutes, "Connection duration for WebSocket
 * API" 2 hours, neither can be increased:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html).
 * {@link ConnectionTimers} says what counts as a message.
 *
 * <p>Thread-safety: immutable.
 *
 * @param idleTimeout how long a connection may carry no message
 * @param maxDuration how long a connection may stay open at all
 */
public record ConnectionLimits(Duration idleTimeout, Duration maxDuration) {
  /** API Gateway's limits: 10 minutes idle, 2 hours in all. */
  public static final ConnectionLimits API_GATEWAY =
      new ConnectionLimits(Duration.ofMinutes(10), Duration.ofHours(2));

  /**
   * @throws NullPointerException on a null duration
   * @throws IllegalArgumentException when a duration is zero or negative
   */
  public ConnectionLimits {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(maxDuration, "maxDuration");
    if (idleTimeout.isZero() || idleTimeout.isNegative()) {
      throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
    }
    if (maxDuration.isZero() || maxDuration.isNegative()) {
      throw new IllegalArgumentException("maxDuration must be positive: " + maxDuration);
    }
  }
}
