package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How one query ended for its client under a fault: its {@code rows} messages and the final {@code
 * complete} or {@code error}. Unlike {@link Result} it accepts an error, and it checks what must
 * hold either way: no {@code seq} and no row twice, and {@code seq} contiguous from 0 when complete
 * (an error may end a stream whose posts in flight left a gap).
 *
 * @param rowsMessages the {@code rows} messages in {@code seq} order (they may arrive out of order)
 * @param last the final message
 */
record Outcome(List<JsonNode> rowsMessages, JsonNode last) {

  static Outcome of(List<JsonNode> messages) {
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode m : messages) {
      if (m.path("type").asText().equals("rows")) {
        rows.add(m);
      }
    }
    rows.sort(java.util.Comparator.comparingInt(m -> m.path("seq").asInt()));
    return new Outcome(rows, messages.get(messages.size() - 1));
  }

  boolean completed() {
    return last.path("type").asText().equals("complete");
  }

  String errorCode() {
    return last.path("code").asText();
  }

  /**
   * Asserts no seq twice, no row (by {@code key}) twice, and when complete seq 0..n-1 and that
   * rowCount is the rows received.
   *
   * @return the number of rows received
   */
  int assertNothingTwice(String key) {
    assertThat(last.path("type").asText()).as("final message " + last).isIn("complete", "error");
    Set<String> seen = new HashSet<>();
    int rows = 0;
    assertThat(rowsMessages.stream().map(m -> m.path("seq").asInt()))
        .as("seq delivered once")
        .doesNotHaveDuplicates();
    for (int i = 0; i < rowsMessages.size(); i++) {
      JsonNode m = rowsMessages.get(i);
      if (completed()) {
        assertThat(m.path("seq").asInt()).as("seq of rows message " + i).isEqualTo(i);
      }
      for (JsonNode row : m.path("results")) {
        assertThat(seen.add(row.path(key).asText()))
            .as("row delivered once: " + row.path(key))
            .isTrue();
        rows++;
      }
    }
    if (completed()) {
      assertThat(last.path("rowCount").asLong()).isEqualTo(rows);
      assertThat(last.path("chunks").asInt()).isEqualTo(rowsMessages.size());
    } else {
      assertThat(last.path("message").asText()).isNotBlank().doesNotContain("Exception");
    }
    return rows;
  }
}
