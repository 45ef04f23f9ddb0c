package dev.athenaws.lambda;

import dev.athenaws.AthenaWs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sessions (cancel, resume) from the environment (docs/configuration.md): {@code
 * RESUME_TOKEN_SECRET} turns them on, {@code RESUME_TOKEN_PREVIOUS_SECRET} keeps the tokens of the
 * secret before a rotation valid, {@code RESUME_TOKEN_TTL_SECONDS} sets how long a token lives.
 * Every function of a deployment must see the same secrets. A secret is its text's UTF-8 bytes, at
 * least 32 (HS256 wants a key as long as its hash).
 *
 * @param secret the current secret, null when sessions are off
 * @param previous the secret before the last rotation, nullable
 * @param ttl how long a token is accepted
 */
record SessionConfig(byte[] secret, byte[] previous, Duration ttl) {
  /** Default token lifetime: 2 hours, the longest an API Gateway WebSocket connection lives. */
  static final long DEFAULT_TTL_SECONDS = 7200;

  static final int MIN_SECRET_BYTES = 32;

  /**
   * @throws IllegalStateException naming the variable whose value is invalid
   */
  static SessionConfig from(EnvReader r) {
    byte[] secret = secret(r, "RESUME_TOKEN_SECRET");
    byte[] previous = secret(r, "RESUME_TOKEN_PREVIOUS_SECRET");
    if (secret == null && previous != null) {
      throw new IllegalStateException(
          "RESUME_TOKEN_PREVIOUS_SECRET is set without RESUME_TOKEN_SECRET");
    }
    return new SessionConfig(
        secret,
        previous,
        Duration.ofSeconds(
            r.number("RESUME_TOKEN_TTL_SECONDS", DEFAULT_TTL_SECONDS, 60, 7 * 24 * 3600)));
  }

  private static byte[] secret(EnvReader r, String name) {
    String text = r.text(name, null);
    if (text == null) {
      return null;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_SECRET_BYTES) {
      // Never echo the value: it is a secret.
      throw r.invalid(name, "must be at least " + MIN_SECRET_BYTES + " bytes of random text");
    }
    return bytes;
  }

  /** Configures the front door: nothing when sessions are off. */
  void applyTo(AthenaWs.Builder ws) {
    if (secret == null) {
      return;
    }
    if (previous == null) {
      ws.resumeTokens(secret);
    } else {
      ws.resumeTokens(secret, previous);
    }
    ws.resumeTokenTtl(ttl);
  }

  @Override
  public String toString() {
    return "SessionConfig[on="
        + (secret != null)
        + ", rotating="
        + (previous != null)
        + ", ttl="
        + ttl
        + "]";
  }
}
