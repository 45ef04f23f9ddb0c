package dev.athenaws.internal.protocol;

/**
 * How large a {@code rows} message may be. Every message {@link RowChunker} emits is at most {@code
 * maxMessageBytes} UTF-8 bytes, envelope included.
 *
 * <p>The default, {@value #DEFAULT_MAX_MESSAGE_BYTES} bytes (96 KiB), is chosen because:
 *
 * <ul>
 *   <li>API Gateway meters WebSocket messages in 32 KB units, so 96 KiB is exactly three whole
 *       units and no unit is paid for partly;
 *   <li>fewer, larger messages mean fewer {@code PostToConnection} round trips than small chunks;
 *   <li>it leaves a quarter of headroom under the {@value #HARD_CAP} byte hard limit, over which
 *       API Gateway closes the connection (1009);
 *   <li>a browser's {@code JSON.parse} per message stays small enough not to stall the UI thread.
 * </ul>
 *
 * <p>Thread-safety: an immutable record.
 *
 * <p>Exceptions: the constructor throws {@link IllegalArgumentException} for a limit out of range.
 *
 * @param maxMessageBytes the largest message, {@value #MIN_MESSAGE_BYTES}..{@value #HARD_CAP}
 */
public record ChunkPolicy(int maxMessageBytes) {
  /**
   * 128 KiB: API Gateway's WebSocket message payload limit
   * (docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html).
   */
  public static final int HARD_CAP = 131_072;

  /** 96 KiB: three 32 KB metering units, a quarter under {@link #HARD_CAP}. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 98_304;

  /** Smallest accepted limit: room for the envelope and at least a small row. */
  public static final int MIN_MESSAGE_BYTES = 1024;

  /**
   * Validates the limit.
   *
   * @param maxMessageBytes the largest message, {@value #MIN_MESSAGE_BYTES}..{@value #HARD_CAP}
   * @throws IllegalArgumentException if maxMessageBytes is below {@link #MIN_MESSAGE_BYTES} or
   *     above {@link #HARD_CAP}
   */
  public ChunkPolicy {
    if (maxMessageBytes > HARD_CAP) {
      throw new IllegalArgumentException(
          "maxMessageBytes " + maxMessageBytes + " is above API Gateway's limit of " + HARD_CAP);
    }
    if (maxMessageBytes < MIN_MESSAGE_BYTES) {
      throw new IllegalArgumentException(
          "maxMessageBytes " + maxMessageBytes + " is below the minimum of " + MIN_MESSAGE_BYTES);
    }
  }

  /**
   * @return the policy with {@link #DEFAULT_MAX_MESSAGE_BYTES}
   */
  public static ChunkPolicy defaults() {
    return new ChunkPolicy(DEFAULT_MAX_MESSAGE_BYTES);
  }
}
