package dev.athenaws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Checks a client's view of one result stream, as docs/protocol.md's completeness check says. */
final class Streams {
  private Streams() {}

  /**
   * Asserts: {@code rows} seq exactly 0..n-1 once each (in any arrival order: up to N posts are in
   * flight at once), one {@code complete} as the last message, its rowCount equal to the rows
   * received and its chunks to n.
   *
   * @return the values of column {@code column} over all rows, in seq order
   */
  static List<String> completeStream(List<JsonNode> messages, String column) {
    List<JsonNode> rows =
        messages.stream()
            .filter(m -> m.path("type").asText().equals("rows"))
            .sorted(java.util.Comparator.comparingInt(m -> m.path("seq").asInt()))
            .toList();
    List<JsonNode> completes =
        messages.stream().filter(m -> m.path("type").asText().equals("complete")).toList();
    assertThat(completes).hasSize(1);
    assertThat(messages.get(messages.size() - 1)).isEqualTo(completes.get(0));
    List<String> values = new ArrayList<>();
    for (int seq = 0; seq < rows.size(); seq++) {
      assertThat(rows.get(seq).path("seq").asInt())
          .as("seq of rows message %d", seq)
          .isEqualTo(seq);
      assertThat(rows.get(seq).has("columns")).isEqualTo(seq == 0);
      rows.get(seq).path("results").forEach(r -> values.add(r.path(column).asText()));
    }
    assertThat(completes.get(0).path("rowCount").asLong()).isEqualTo(values.size());
    assertThat(completes.get(0).path("chunks").asInt()).isEqualTo(rows.size());
    return values;
  }

  /**
   * @return "0", "1", ..., String.valueOf(n - 1)
   */
  static List<String> numbers(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Integer.toString(i));
    }
    return out;
  }
}
