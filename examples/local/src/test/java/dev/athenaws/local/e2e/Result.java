package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of one query as a client received them, split into its parts.
 *
 * @param rowsMessages the {@code rows} messages in {@code seq} order, as a client orders them (they
 *     may arrive out of order: up to N posts are in flight at once)
 * @param complete the final {@code complete} message
 */
record Result(List<JsonNode> rowsMessages, JsonNode complete) {

  /**
   * @throws AssertionError unless the messages end with complete
   */
  static Result of(List<JsonNode> messages) {
    JsonNode last = messages.get(messages.size() - 1);
    assertThat(last.path("type").asText()).as("final message " + last).isEqualTo("complete");
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode m : messages) {
      if (m.path("type").asText().equals("rows")) {
        rows.add(m);
      }
    }
    rows.sort(java.util.Comparator.comparingInt(m -> m.path("seq").asInt()));
    return new Result(rows, last);
  }

  List<JsonNode> rows() {
    List<JsonNode> out = new ArrayList<>();
    rowsMessages.forEach(m -> m.path("results").forEach(out::add));
    return out;
  }

  List<JsonNode> columns() {
    List<JsonNode> out = new ArrayList<>();
    rowsMessages.get(0).path("columns").forEach(out::add);
    return out;
  }

  int chunks() {
    return rowsMessages.size();
  }

  /** Asserts seq 0..n-1, each once, columns only in seq 0. */
  void assertContiguous() {
    for (int i = 0; i < rowsMessages.size(); i++) {
      JsonNode m = rowsMessages.get(i);
      assertThat(m.path("seq").asInt()).as("seq of rows message " + i).isEqualTo(i);
      assertThat(m.has("columns")).as("columns only in seq 0").isEqualTo(i == 0);
    }
  }
}
