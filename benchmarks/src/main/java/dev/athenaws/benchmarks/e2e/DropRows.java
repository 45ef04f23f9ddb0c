package dev.athenaws.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The drop benchmark's completeness check over one query's {@code rows} messages, from one
 * connection or two: every {@code seq} exactly once, every row's unique id ({@code eventid})
 * exactly once, and at the end {@code seq} 0 to {@code chunks - 1} and {@code rowCount} rows.
 *
 * <p>Thread-safety: not thread-safe; one reader.
 */
final class DropRows {
  private final BitSet seqs = new BitSet();
  private final Set<String> ids = new HashSet<>();

  /**
   * Adds a {@code rows} message.
   *
   * @throws IllegalStateException when its {@code seq} or one of its rows came before
   */
  void add(JsonNode rows) {
    int seq = rows.path("seq").asInt(-1);
    if (seq < 0 || seqs.get(seq)) {
      throw new IllegalStateException("seq " + rows.path("seq") + " missing or twice");
    }
    seqs.set(seq);
    for (JsonNode row : rows.path("results")) {
      String id = row.path("eventid").asText(null);
      if (id == null || !ids.add(id)) {
        throw new IllegalStateException("row " + row + " twice or without an eventid");
      }
    }
  }

  /**
   * @return rows seen
   */
  long rows() {
    return ids.size();
  }

  /**
   * Checks the whole query against its {@code complete}.
   *
   * @throws IllegalStateException when a chunk or a row is missing
   */
  void checkComplete(JsonNode complete) {
    int chunks = complete.path("chunks").asInt(-1);
    if (seqs.cardinality() != chunks || seqs.nextClearBit(0) != chunks) {
      throw new IllegalStateException("seqs " + seqs + " but chunks " + chunks);
    }
    if (ids.size() != complete.path("rowCount").asLong(-1)) {
      throw new IllegalStateException(ids.size() + " rows but " + complete);
    }
  }
}
