package dev.athenaws.internal.protocol;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The limits {@link ClientMessageDecoder} enforces before anything else sees client input. The
 * defaults fit protocol v1 (see docs/protocol.md, "Decoder limits"); API Gateway already caps a
 * message at 128 KB.
 *
 * <p>Thread-safety: an immutable record.
 *
 * <p>Exceptions: the constructor throws {@link IllegalArgumentException} for a limit out of range
 * and {@link NullPointerException} for a null pattern.
 *
 * @param maxMessageChars longest message, in UTF-16 chars
 * @param maxStringChars longest string value (query name, parameter value), except {@code sql}
 * @param maxSqlChars longest {@code sql} string
 * @param maxDepth deepest nesting of objects and arrays; the message object itself is depth 1
 * @param maxParameters most entries in {@code parameters}
 * @param maxParameterNameChars longest parameter name
 * @param requestIdPattern what a {@code requestId} must match, entirely
 */
public record DecoderLimits(
    int maxMessageChars,
    int maxStringChars,
    int maxSqlChars,
    int maxDepth,
    int maxParameters,
    int maxParameterNameChars,
    Pattern requestIdPattern) {

  /** 128 KiB: API Gateway's WebSocket message payload limit. */
  public static final int DEFAULT_MAX_MESSAGE_CHARS = 128 * 1024;

  /** Enough for any query name or parameter value a report needs. */
  public static final int DEFAULT_MAX_STRING_CHARS = 4096;

  /** 256 KiB chars: Athena's own query string limit is 262144 bytes. */
  public static final int DEFAULT_MAX_SQL_CHARS = 262_144;

  /** Message object, {@code parameters} object, and room for forward-compatible extensions. */
  public static final int DEFAULT_MAX_DEPTH = 8;

  /** Far more than any report query declares; bounds the work one message can cause. */
  public static final int DEFAULT_MAX_PARAMETERS = 64;

  /** Parameter names are identifiers; this also bounds what an error's {@code field} can echo. */
  public static final int DEFAULT_MAX_PARAMETER_NAME_CHARS = 64;

  /** Ids a client can generate (UUIDs, counters, ULIDs) and that are safe to log and echo. */
  public static final Pattern DEFAULT_REQUEST_ID_PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /**
   * Validates the limits.
   *
   * @param maxMessageChars longest message, > 0
   * @param maxStringChars longest string value, > 0
   * @param maxSqlChars longest {@code sql} string, > 0
   * @param maxDepth deepest nesting, >= 2
   * @param maxParameters most parameters, > 0
   * @param maxParameterNameChars longest parameter name, > 0
   * @param requestIdPattern what a request id must match, not null
   * @throws IllegalArgumentException if a limit is out of range
   * @throws NullPointerException if requestIdPattern is null
   */
  public DecoderLimits {
    positive("maxMessageChars", maxMessageChars);
    positive("maxStringChars", maxStringChars);
    positive("maxSqlChars", maxSqlChars);
    positive("maxParameters", maxParameters);
    positive("maxParameterNameChars", maxParameterNameChars);
    if (maxDepth < 2) {
      throw new IllegalArgumentException("maxDepth must be at least 2: " + maxDepth);
    }
    Objects.requireNonNull(requestIdPattern, "requestIdPattern");
  }

  /**
   * @return the default limits
   */
  public static DecoderLimits defaults() {
    return new DecoderLimits(
        DEFAULT_MAX_MESSAGE_CHARS,
        DEFAULT_MAX_STRING_CHARS,
        DEFAULT_MAX_SQL_CHARS,
        DEFAULT_MAX_DEPTH,
        DEFAULT_MAX_PARAMETERS,
        DEFAULT_MAX_PARAMETER_NAME_CHARS,
        DEFAULT_REQUEST_ID_PATTERN);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
