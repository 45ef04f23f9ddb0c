package dev.athenaws.internal.publish;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading what a client received on the S3 path tests. */
final class S3Wire {
  private S3Wire() {}

  /**
   * @return column {@code s} across all rows messages, in order; "null" for a JSON null
   */
  static List<String> sValues(List<JsonNode> messages) {
    List<String> out = new ArrayList<>();
    for (JsonNode m : messages) {
      if (m.path("type").asText().equals("rows")) {
        m.get("results").forEach(r -> out.add(r.get("s").isNull() ? "null" : r.get("s").asText()));
      }
    }
    return out;
  }

  /**
   * @return the seq of every rows message, in order
   */
  static List<Integer> seqs(List<JsonNode> messages) {
    return messages.stream()
        .filter(m -> m.path("type").asText().equals("rows"))
        .map(m -> m.get("seq").asInt())
        .toList();
  }

  /**
   * @return the first error message, or null
   */
  static JsonNode error(List<JsonNode> messages) {
    return messages.stream()
        .filter(m -> m.path("type").asText().equals("error"))
        .findFirst()
        .orElse(null);
  }
}
