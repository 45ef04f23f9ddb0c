package dev.athenaws.lambda;

import dev.athenaws.AthenaWs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Sessions (cancel, resume) from the environment (docs/configuration.md): {@code
 * RESUME_TOKEN_SECRET} turns them on, {@code RESUME_TOKEN_PREVIOUS_SECRET} keeps the tokens of the
 * secret before a rotation valid, {@code RESUME_TOKEN_TTL_SECONDS} sets how long a token lives.
 * Instead of a value, {@code RESUME_TOKEN_SECRET_ARN} and {@code RESUME_TOKEN_PREVIOUS_SECRET_ARN}
 * name Secrets Manager secrets whose {@code SecretString} is read once, at init ({@link #resolve}),
 * so that the value is not in the function's configuration. Every function of a deployment must see
 * the same secrets. A secret is its text's UTF-8 bytes, at least 32 (HS256 wants a key as long as
 * its hash).
 *
 * @param secret the current secret, null when sessions are off or it is still to be read
 * @param previous the secret before the last rotation, nullable
 * @param ttl how long a token is accepted
 * @param secretArn the Secrets Manager secret to read the current secret from, nullable
 * @param previousArn the Secrets Manager secret to read the previous secret from, nullable
 */
record SessionConfig(
    byte[] secret, byte[] previous, Duration ttl, String secretArn, String previousArn) {
  /** Default token lifetime: 2 hours, the longest an API Gateway WebSocket connection lives. */
  static final long DEFAULT_TTL_SECONDS = 7200;

  static final int MIN_SECRET_BYTES = 32;

  static final String SECRET = "RESUME_TOKEN_SECRET";
  static final String PREVIOUS = "RESUME_TOKEN_PREVIOUS_SECRET";
  static final String ARN_SUFFIX = "_ARN";

  /**
   * A Secrets Manager secret ARN (Secrets Manager User Guide, "Resources": {@code
   * arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}}).
   */
  private static final Pattern SECRET_ARN =
      Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[^\\s]+");

  /**
   * @throws IllegalStateException naming the variable whose value is invalid, or both variables
   *     when a secret is given both as a value and as an ARN
   */
  static SessionConfig from(EnvReader r) {
    byte[] secret = secret(r, SECRET);
    byte[] previous = secret(r, PREVIOUS);
    String secretArn = arn(r, SECRET, secret != null);
    String previousArn = arn(r, PREVIOUS, previous != null);
    if (secret == null && secretArn == null && (previous != null || previousArn != null)) {
      throw new IllegalStateException(
          (previous != null ? PREVIOUS : PREVIOUS + ARN_SUFFIX)
              + " is set without "
              + SECRET
              + " or "
              + SECRET
              + ARN_SUFFIX);
    }
    return new SessionConfig(
        secret,
        previous,
        Duration.ofSeconds(
            r.number("RESUME_TOKEN_TTL_SECONDS", DEFAULT_TTL_SECONDS, 60, 7 * 24 * 3600)),
        secretArn,
        previousArn);
  }

  private static byte[] secret(EnvReader r, String name) {
    String text = r.text(name, null);
    if (text == null) {
      return null;
    }
    return checked(
        text,
        () -> r.invalid(name, "must be at least " + MIN_SECRET_BYTES + " bytes of random text"));
  }

  private static String arn(EnvReader r, String valueName, boolean valueSet) {
    String name = valueName + ARN_SUFFIX;
    String arn = r.text(name, null);
    if (arn == null) {
      return null;
    }
    if (valueSet) {
      throw new IllegalStateException(
          valueName + " and " + name + " are both set: set one (the value or the secret's ARN)");
    }
    if (!SECRET_ARN.matcher(arn).matches()) {
      throw r.invalid(
          name, "must be a Secrets Manager secret ARN (arn:aws:secretsmanager:...:secret:...)");
    }
    return arn;
  }

  private static byte[] checked(String text, Supplier<IllegalStateException> tooShort) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_SECRET_BYTES) {
      // Never echo the value: it is a secret.
      throw tooShort.get();
    }
    return bytes;
  }

  /**
   * @return whether a secret is still to be read from Secrets Manager ({@link #resolve})
   */
  boolean fromSecretsManager() {
    return secretArn != null || previousArn != null;
  }

  /**
   * Reads the secrets named by ARN.
   *
   * @param source reads a secret's text
   * @return this configuration with the values read and no ARNs left
   * @throws IllegalStateException naming the variable and the error code when a secret cannot be
   *     read, or its value is too short (never the value)
   */
  SessionConfig resolve(SecretSource source) {
    if (!fromSecretsManager()) {
      return this;
    }
    return new SessionConfig(
        secretArn == null ? secret : read(source, SECRET + ARN_SUFFIX, secretArn),
        previousArn == null ? previous : read(source, PREVIOUS + ARN_SUFFIX, previousArn),
        ttl,
        null,
        null);
  }

  private static byte[] read(SecretSource source, String variable, String arn) {
    String text;
    try {
      text = source.secretString(arn);
    } catch (SecretUnavailableException e) {
      throw new IllegalStateException(
          variable
              + ": the secret "
              + arn
              + " could not be read from Secrets Manager (GetSecretValue): "
              + e.getMessage(),
          e);
    }
    return checked(
        text,
        () ->
            new IllegalStateException(
                variable
                    + " is invalid: the secret's SecretString must be at least "
                    + MIN_SECRET_BYTES
                    + " bytes of random text"));
  }

  /**
   * Configures the front door: nothing when sessions are off.
   *
   * @throws IllegalStateException when a secret is still to be read ({@link #resolve} first)
   */
  void applyTo(AthenaWs.Builder ws) {
    if (fromSecretsManager()) {
      throw new IllegalStateException("the resume-token secrets have not been read yet");
    }
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
        + (secret != null || secretArn != null)
        + ", rotating="
        + (previous != null || previousArn != null)
        + ", fromSecretsManager="
        + fromSecretsManager()
        + ", ttl="
        + ttl
        + "]";
  }
}
