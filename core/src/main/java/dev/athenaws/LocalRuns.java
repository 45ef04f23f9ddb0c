package dev.athenaws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs of this process that wait for or publish a query, and the queries a client's {@code
 * cancel} stopped here. A run in this process learns of a cancel at once (its wait and its posts
 * ask {@link #cancelled}); a run elsewhere (another Lambda instance) learns of it from Athena (the
 * query is CANCELLED) or from Step Functions (its execution is ABORTED). Each cancel is remembered
 * for {@link #REMEMBERED}, then forgotten, so the memory stays bounded.
 *
 * <p>Thread-safety: thread-safe.
 */
final class LocalRuns {
  /** How long a cancel is remembered: longer than any run that could still ask. */
  static final Duration REMEMBERED = Duration.ofHours(2);

  private final Clock clock;
  private final Map<String, Map<Object, String>> serving = new ConcurrentHashMap<>();
  private final Map<String, Instant> cancels = new ConcurrentHashMap<>();

  LocalRuns(Clock clock) {
    this.clock = clock;
  }

  /** A run's registration; closing it ends the run's part. */
  interface Serving extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Notes that a run of this process now serves a query to a connection.
   *
   * @return the registration to close when the run ends
   */
  Serving serve(String queryExecutionId, String connectionId) {
    Object run = new Object();
    serving
        .computeIfAbsent(queryExecutionId, k -> new ConcurrentHashMap<>())
        .put(run, connectionId);
    return () ->
        serving.computeIfPresent(
            queryExecutionId,
            (k, runs) -> {
              runs.remove(run);
              return runs.isEmpty() ? null : runs;
            });
  }

  /**
   * Marks a query cancelled by a client.
   *
   * @return the connections that runs of this process serve it to (they stop without a message)
   */
  List<String> cancel(String queryExecutionId) {
    Instant now = clock.instant();
    cancels.values().removeIf(at -> at.isBefore(now.minus(REMEMBERED)));
    cancels.put(queryExecutionId, now);
    Map<Object, String> runs = serving.get(queryExecutionId);
    return runs == null ? List.of() : new ArrayList<>(runs.values());
  }

  /**
   * @return true when a client's cancel stopped the query in this process
   */
  boolean cancelled(String queryExecutionId) {
    return queryExecutionId != null && cancels.containsKey(queryExecutionId);
  }
}
