package dev.athenaws.internal.query;

/**
 * Hears about a query while it is awaited: called on every state change and on every poll where the
 * bytes scanned or the engine time changed, on the waiting thread. A listener that throws ends the
 * wait: the query is stopped and the exception propagates.
 *
 * <p>Thread-safety: called from one thread at a time per wait.
 */
@FunctionalInterface
public interface QueryProgressListener {
  /** A listener that ignores progress. */
  QueryProgressListener NONE = p -> {};

  /**
   * @param progress what the last poll saw
   */
  void onProgress(QueryProgress progress);
}
