package dev.athenaws.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.BitSet;
import java.util.function.Consumer;

/**
 * The row check of the result-path benchmark: every row's {@code id} (unique in the query's result)
 * arrives at most once, and NULLs and empty strings of the {@code agent} column are counted (they
 * must stay apart on every path).
 *
 * <p>Thread-safety: not thread-safe; the stream client calls it from one thread at a time.
 */
final class ResultPathRows implements Consumer<JsonNode> {
  private final BitSet seen = new BitSet();
  private final long ids;
  private long rows;
  private long nulls;
  private long empties;

  /**
   * @param ids the ids possible, 0 to ids - 1
   */
  ResultPathRows(long ids) {
    this.ids = ids;
  }

  @Override
  public void accept(JsonNode row) {
    JsonNode value = row.path("id");
    // A bigint is a JSON number, or a string past 2^53 (docs/types.md).
    long id = value.isIntegralNumber() || value.isTextual() ? value.asLong(-1) : -1;
    if (id < 0 || id >= ids) {
      throw new IllegalStateException("row without a valid id: " + row);
    }
    if (seen.get((int) id)) {
      throw new IllegalStateException("row " + id + " arrived twice");
    }
    seen.set((int) id);
    rows++;
    JsonNode agent = row.get("agent");
    if (agent == null || agent.isNull()) {
      nulls++;
    } else if (agent.asText().isEmpty()) {
      empties++;
    }
  }

  /**
   * @return distinct rows seen
   */
  long rows() {
    return rows;
  }

  /**
   * @return rows whose {@code agent} was NULL
   */
  long nulls() {
    return nulls;
  }

  /**
   * @return rows whose {@code agent} was the empty string
   */
  long empties() {
    return empties;
  }
}
