package dev.athenaws.error;

/**
 * One result row does not fit into a single {@code rows} message, even alone. Its code is {@link
 * ErrorCode#ROW_TOO_LARGE}; its message is safe to send to the client.
 *
 * <p>Thread-safety: immutable after construction.
 *
 * <p>Exceptions: thrown by {@code RowChunker.add}; {@code ResultPublisher} reports it to the client
 * as an {@code error} ROW_TOO_LARGE. The constructor never throws.
 */
public final class RowTooLargeException extends AthenaWsException {
  private static final long serialVersionUID = 1L;

  /** The 0-based index of the row in the query result. */
  private final long rowIndex;

  /** The row's JSON size in bytes. */
  private final long encodedBytes;

  /**
   * Creates the exception with a message naming the row and the sizes.
   *
   * @param rowIndex the 0-based index of the row in the query result
   * @param encodedBytes the row's JSON size in bytes
   * @param maxMessageBytes the message limit in force
   */
  public RowTooLargeException(long rowIndex, long encodedBytes, int maxMessageBytes) {
    super(
        ErrorCode.ROW_TOO_LARGE,
        "Result row "
            + rowIndex
            + " is "
            + encodedBytes
            + " bytes as JSON and does not fit into one message of at most "
            + maxMessageBytes
            + " bytes.");
    this.rowIndex = rowIndex;
    this.encodedBytes = encodedBytes;
  }

  /**
   * @return the 0-based index of the row in the query result
   */
  public long rowIndex() {
    return rowIndex;
  }

  /**
   * @return the row's JSON size in bytes
   */
  public long encodedBytes() {
    return encodedBytes;
  }
}
