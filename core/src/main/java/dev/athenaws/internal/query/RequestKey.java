package dev.athenaws.internal.query;

import dev.athenaws.catalog.Statement;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The idempotency key of one client request: a SHA-256 over the caller's connection id, what
 * identifies the request, and the exact statement (SQL and execution parameters). The same request
 * retried (a Lambda invocation redelivered, a message resent under the same client request id) gets
 * the same key, so Athena's {@code ClientRequestToken} returns the same {@code QueryExecutionId}
 * and a Step Functions execution with the same name is not started twice; a different statement
 * under a reused request id gets a different key.
 *
 * <p>The request identity must tell one request from another: the client's request id, else what
 * the transport gives one message (API Gateway's {@code requestContext.messageId}), else a fresh
 * random id (no retry can then join it). A constant (an absent id taken as "") would make a second,
 * identical query on the connection get the first one's execution and its stale rows; hence it is
 * required.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor throws {@link IllegalArgumentException} for a malformed key; the
 * constructor and {@link #of} throw {@link NullPointerException} for null.
 *
 * @param hex 64 lower-case hex characters: valid as a {@code ClientRequestToken} (32..128 chars)
 *     and as a Step Functions execution name (at most 80 of {@code [A-Za-z0-9_-]})
 */
public record RequestKey(String hex) {
  /**
   * Validates the key.
   *
   * @param hex 64 lower-case hex characters, not null
   * @throws NullPointerException if hex is null
   * @throws IllegalArgumentException if hex is not 64 lower-case hex characters
   */
  public RequestKey {
    Objects.requireNonNull(hex, "hex");
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("hex must be 64 lower-case hex characters");
    }
  }

  /**
   * @param connectionId the WebSocket connection id, not null
   * @param requestIdentity what identifies this request across its retries, not null: the client's
   *     request id, else the transport's id of the message, else a fresh random id
   * @param statement the statement: its SQL and execution parameters enter the key, not null
   * @return the key
   * @throws NullPointerException if an argument is null
   */
  public static RequestKey of(String connectionId, String requestIdentity, Statement statement) {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(requestIdentity, "requestIdentity");
    Objects.requireNonNull(statement, "statement");
    MessageDigest digest = sha256();
    update(digest, "athena-ws/1");
    update(digest, connectionId);
    update(digest, requestIdentity);
    update(digest, statement.sql());
    for (String p : statement.executionParameters()) {
      update(digest, p);
    }
    return new RequestKey(HexFormat.of().formatHex(digest.digest()));
  }

  /**
   * The key of a client's {@code resume} of a query on a connection: the same resume message
   * redelivered gets the same key (so its Step Functions execution is not started twice), another
   * resume gets another.
   *
   * @param connectionId the connection the query is resumed on, not null
   * @param requestIdentity what identifies this resume message across its retries, not null
   * @param queryExecutionId the resumed query, not null
   * @param afterSeq the client's {@code afterSeq}
   * @return the key
   * @throws NullPointerException if an argument is null
   */
  public static RequestKey ofResume(
      String connectionId, String requestIdentity, String queryExecutionId, int afterSeq) {
    MessageDigest digest = sha256();
    update(digest, "athena-ws/resume/1");
    update(digest, Objects.requireNonNull(connectionId, "connectionId"));
    update(digest, Objects.requireNonNull(requestIdentity, "requestIdentity"));
    update(digest, Objects.requireNonNull(queryExecutionId, "queryExecutionId"));
    update(digest, Integer.toString(afterSeq));
    return new RequestKey(HexFormat.of().formatHex(digest.digest()));
  }

  /**
   * @return the key as an Athena {@code ClientRequestToken}
   */
  public String clientRequestToken() {
    return hex;
  }

  /**
   * @return the key as a Step Functions execution name
   */
  public String executionName() {
    return hex;
  }

  // Length-prefixed so that ("ab", "c") and ("a", "bc") never collide.
  private static void update(MessageDigest digest, String field) {
    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
    digest.update(
        new byte[] {
          (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
          (byte) (bytes.length >>> 8), (byte) bytes.length
        });
    digest.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
