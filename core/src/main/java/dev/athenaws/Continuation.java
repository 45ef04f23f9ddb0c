package dev.athenaws;

/**
 * Where a result stream stands between two publishing runs (for example two invocations of the push
 * Lambda in a Step Functions loop): small enough to travel in the state machine's state.
 *
 * <p>Resuming from it loses and repeats nothing: the next run fetches from {@code nextToken},
 * numbers its pages from {@code pageNumber} (so the header row is never skipped twice), its
 * messages from {@code nextSeq}, and reports totals that include the earlier runs.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor throws {@link IllegalArgumentException} for a number out of range,
 * a missing token past page 1 or a token at page 1.
 *
 * @param nextToken the {@code NextToken} of the next page, or null to start at the first page
 * @param pageNumber the number of the next page, 1-based
 * @param nextSeq the {@code seq} of the next {@code rows} message
 * @param rowsSoFar rows already delivered
 * @param chunksSoFar {@code rows} messages already delivered
 * @param skipThroughSeq the client already holds every {@code rows} message up to this {@code seq}
 *     (a {@code resume} after a dropped connection): they are made again, to keep the chunk
 *     boundaries and counts, but not sent; -1 when nothing is to be skipped
 */
public record Continuation(
    String nextToken,
    int pageNumber,
    int nextSeq,
    long rowsSoFar,
    int chunksSoFar,
    int skipThroughSeq) {
  /**
   * Validates the position.
   *
   * @param nextToken the {@code NextToken} of the next page; null exactly at page 1
   * @param pageNumber the number of the next page, >= 1
   * @param nextSeq the {@code seq} of the next message, >= 0
   * @param rowsSoFar rows already delivered, >= 0
   * @param chunksSoFar messages already delivered, >= 0
   * @param skipThroughSeq the last {@code seq} the client holds, >= -1
   * @throws IllegalArgumentException if a number is out of range, nextToken is null past page 1 or
   *     given at page 1
   */
  public Continuation {
    if (pageNumber < 1 || nextSeq < 0 || rowsSoFar < 0 || chunksSoFar < 0 || skipThroughSeq < -1) {
      throw new IllegalArgumentException(
          "continuation out of range: page "
              + pageNumber
              + ", seq "
              + nextSeq
              + ", rows "
              + rowsSoFar
              + ", chunks "
              + chunksSoFar
              + ", skip through "
              + skipThroughSeq);
    }
    if (pageNumber > 1 && nextToken == null) {
      throw new IllegalArgumentException("nextToken is required to resume at page " + pageNumber);
    }
    // Page 1 has no token; a token "at page 1" would skip a later page's first row as the header.
    if (pageNumber == 1 && nextToken != null) {
      throw new IllegalArgumentException("a nextToken cannot lead to page 1 (set pageNumber)");
    }
  }

  /**
   * @return the start of a result
   */
  public static Continuation start() {
    return new Continuation(null, 1, 0, 0, 0, -1);
  }

  /**
   * The start of a result for a client that already holds {@code rows} messages 0 through {@code
   * seq} ({@code resume}'s {@code afterSeq}).
   *
   * @param seq the last {@code seq} held, >= -1 (-1: none)
   * @return the start, skipping those messages
   * @throws IllegalArgumentException if seq is below -1
   */
  public static Continuation startAfter(int seq) {
    return new Continuation(null, 1, 0, 0, 0, seq);
  }

  /**
   * @return true when nothing was published yet
   */
  public boolean isStart() {
    return pageNumber == 1;
  }
}
