package dev.athenaws.internal.protocol;

import java.util.Optional;

/**
 * How a client wants a query's rows: the {@code delivery} field of a {@code query} message.
 *
 * <p>Thread-safety: an enum, immutable.
 *
 * <p>Exceptions: none; {@link #parse} answers empty for anything else.
 */
public enum Delivery {
  /** {@code "rows"} (the default): {@code rows} messages on the connection. */
  ROWS("rows"),
  /**
   * {@code "link"}: one {@code download} message with a time-limited URL to the result CSV, where
   * the deployment allows it and S3 can serve; otherwise rows.
   */
  LINK("link");

  private final String wire;

  Delivery(String wire) {
    this.wire = wire;
  }

  /**
   * @return the value as the protocol spells it ({@code rows}, {@code link})
   */
  public String wire() {
    return wire;
  }

  /**
   * @param text a {@code delivery} value as sent, may be null
   * @return the delivery it names (exact, case-sensitive), or empty
   */
  public static Optional<Delivery> parse(String text) {
    for (Delivery d : values()) {
      if (d.wire.equals(text)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
