package dev.athenaws.query;

import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * What a poll saw of a running query, for progress messages.
 *
 * <p>Thread-safety: immutable.
 *
 * @param state the query's state
 * @param elapsed time since the wait began
 * @param dataScannedBytes bytes scanned so far, or null
 * @param engineExecutionTimeMillis engine time so far, or null
 */
public record Progress(
    QueryExecutionState state, Duration elapsed, Long dataScannedBytes, Long engineExecutionTimeMillis) {
  public Progress {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
