package dev.athenaws.benchmarks.e2e;

import dev.athenaws.local.athena.AthenaEmulator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records, inside the local stack's JVM, the Athena calls each query costs (by operation, the
 * handlers' and the Step Functions workflow's alike), those of them made after the query became
 * SUCCEEDED (the poll that notices the end and what the result path costs), and that moment ({@link
 * System#nanoTime()}).
 *
 * <p>Thread-safety: thread-safe; the emulator calls it from its request and worker threads.
 */
final class CallRecorder implements AthenaEmulator.Observer {
  private final Map<String, Map<String, Integer>> calls = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Integer>> after = new ConcurrentHashMap<>();
  private final Map<String, Long> succeeded = new ConcurrentHashMap<>();

  @Override
  public void called(String operation, List<String> queryExecutionIds) {
    for (String id : queryExecutionIds) {
      calls.computeIfAbsent(id, k -> new ConcurrentHashMap<>()).merge(operation, 1, Integer::sum);
      if (succeeded.containsKey(id)) {
        after.computeIfAbsent(id, k -> new ConcurrentHashMap<>()).merge(operation, 1, Integer::sum);
      }
    }
  }

  @Override
  public void succeeded(String queryExecutionId) {
    succeeded.putIfAbsent(queryExecutionId, System.nanoTime());
  }

  /** Forgets every query seen so far. */
  void reset() {
    calls.clear();
    after.clear();
    succeeded.clear();
  }

  /**
   * @return the one query started since the last {@link #reset}
   * @throws IllegalStateException when none or several were started
   */
  String onlyQuery() {
    List<String> started =
        calls.entrySet().stream()
            .filter(e -> e.getValue().containsKey("StartQueryExecution"))
            .map(Map.Entry::getKey)
            .toList();
    if (started.size() != 1) {
      throw new IllegalStateException("expected one query started, found " + started);
    }
    return started.get(0);
  }

  /**
   * @return the calls naming {@code id}, by operation, sorted by name
   */
  Map<String, Integer> calls(String id) {
    return new TreeMap<>(calls.getOrDefault(id, Map.of()));
  }

  /**
   * @return the calls naming {@code id} made after it became SUCCEEDED, by operation, sorted by
   *     name
   */
  Map<String, Integer> callsAfterSucceeded(String id) {
    return new TreeMap<>(after.getOrDefault(id, Map.of()));
  }

  /**
   * @return when {@code id} became SUCCEEDED
   * @throws IllegalStateException when it did not
   */
  long succeededNanos(String id) {
    Long at = succeeded.get(id);
    if (at == null) {
      throw new IllegalStateException("query " + id + " did not succeed");
    }
    return at;
  }
}
