package dev.athenaws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runs of this process that wait for or publish a query, and the queries a client's {@code
 * cancel} stopped here. A run in this process learns of a cancel at once (its wait and its posts
 * ask {@link Serving#cancelled}); a run elsewhere (another Lambda instance) learns of it from
 * Athena (the query is CANCELLED) or from Step Functions (its execution is ABORTED). A cancel stops
 * the runs that started before it, not a later {@code resume} of the same query (which then hears
 * how the query ended). Each cancel is remembered for {@link #REMEMBERED}, then forgotten, so the
 * memory stays bounded.
 *
 * <p>Thread-safety: thread-safe.
 */
final class LocalRuns {
  /** How long a cancel is remembered: longer than any run that could still ask. */
  static final Duration REMEMBERED = Duration.ofHours(2);

  private record Mark(long order, Instant at) {}

  private final Clock clock;

  /** Orders run starts and cancels: a cancel stops the runs that started before it. */
  private final AtomicLong order = new AtomicLong();

  private final Map<String, Map<Object, String>> serving = new ConcurrentHashMap<>();
  private final Map<String, Mark> cancels = new ConcurrentHashMap<>();

  LocalRuns(Clock clock) {
    this.clock = clock;
  }

  /** A run's registration; closing it ends the run's part. */
  interface Serving extends AutoCloseable {
    /**
     * @return true once a client's cancel of this query came after this run started
     */
    boolean cancelled();

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
    long started = order.incrementAndGet();
    serving
        .computeIfAbsent(queryExecutionId, k -> new ConcurrentHashMap<>())
        .put(run, connectionId);
    return new Serving() {
      @Override
      public boolean cancelled() {
        Mark m = cancels.get(queryExecutionId);
        return m != null && m.order() > started;
      }

      @Override
      public void close() {
        serving.computeIfPresent(
            queryExecutionId,
            (k, runs) -> {
              runs.remove(run);
              return runs.isEmpty() ? null : runs;
            });
      }
    };
  }

  /**
   * @return the connections that runs of this process serve the query to
   */
  List<String> serving(String queryExecutionId) {
    Map<Object, String> runs = serving.get(queryExecutionId);
    return runs == null ? List.of() : new ArrayList<>(runs.values());
  }

  /** Marks a query cancelled by a client: the runs serving it now stop without a message. */
  void cancel(String queryExecutionId) {
    Instant now = clock.instant();
    cancels.values().removeIf(m -> m.at().isBefore(now.minus(REMEMBERED)));
    cancels.put(queryExecutionId, new Mark(order.incrementAndGet(), now));
  }
}
