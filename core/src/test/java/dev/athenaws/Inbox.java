package dev.athenaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.testing.FakeManagementApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** What a connection of the fake management API received, parsed: for the front door's tests. */
final class Inbox {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Inbox() {}

  static List<JsonNode> of(FakeManagementApi api, String connectionId) {
    List<JsonNode> out = new ArrayList<>();
    for (String m : api.messages(connectionId)) {
      try {
        out.add(JSON.readTree(m));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  static List<String> types(FakeManagementApi api, String connectionId) {
    return of(api, connectionId).stream().map(m -> m.path("type").asText()).toList();
  }
}
