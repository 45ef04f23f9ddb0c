package dev.athenaws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** GetQueryResults of {@link FakeAthena}: scripted pages addressed by opaque NextTokens. */
final class FakeAthenaPages {
  private FakeAthenaPages() {}

  static FakeAthenaAnswer page(FakeAthenaExecution e, JsonNode body, Instant now) {
    String state = e.state(now);
    if (!"SUCCEEDED".equals(state)) {
      // Athena's answer for results of a query that has not succeeded.
      return FakeAthenaAnswer.invalid("Query has not yet finished. Current state: " + state);
    }
    int maxResults = body.path("MaxResults").asInt(1000);
    if (body.has("MaxResults") && (maxResults < 1 || maxResults > 1000)) {
      return FakeAthenaAnswer.invalid("MaxResults must be between 1 and 1000");
    }
    int index = 0;
    String token = body.path("NextToken").asText(null);
    if (token != null) {
      String prefix = "fake-token/" + e.id + "/";
      if (!token.startsWith(prefix)) {
        return FakeAthenaAnswer.invalid("The NextToken is invalid");
      }
      try {
        index = Integer.parseInt(token.substring(prefix.length()));
      } catch (NumberFormatException ex) {
        return FakeAthenaAnswer.invalid("The NextToken is invalid");
      }
      if (index < 1 || index >= e.script.pages.size()) {
        return FakeAthenaAnswer.invalid("The NextToken is invalid");
      }
    }
    String next =
        index + 1 < e.script.pages.size() ? "fake-token/" + e.id + "/" + (index + 1) : null;
    return FakeAthenaAnswer.ok(
        FakeAthenaJson.resultsPage(e.script.columns, e.script.pages.get(index), next));
  }
}
