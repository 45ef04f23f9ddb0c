package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.local.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The S3 result path end to end, on a stack with the defaults (Step Functions mode, results read
 * from S3 where they can be): the handlers read the emulator's result object from the stack's S3
 * endpoint through the SigV4 reader, and a client asking for a link gets a presigned URL that works
 * until it expires. (The API path's faults: FaultsE2ETest, which pins {@code --result-fetch api}.)
 */
class S3ResultsE2ETest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEN_DAYS =
      "{\"action\":\"query\",\"query\":\"events-between\","
          + "\"parameters\":{\"startDate\":\"2021/08/01\",\"endDate\":\"2021/08/10\"}";
  private static final int LINK_TTL_SECONDS = 2;

  static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack =
        Stacks.start(
            "--download-links", "on", "--download-link-ttl-seconds", "" + LINK_TTL_SECONDS);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void aSelectIsReadFromS3AndCarriesTheRowsGetQueryResultsWould() throws Exception {
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      c.send(TEN_DAYS + "}");
      Result r = Result.of(c.untilDone(FlowScenarios.WAIT));
      r.assertContiguous();
      String id = r.complete().path("queryExecutionId").asText();
      assertThat(id).isNotBlank();

      assertThat(r.complete().path("statistics").path("resultPath").asText()).isEqualTo("s3");
      List<String> ids = new ArrayList<>();
      r.rows().forEach(row -> ids.add(row.path("eventid").asText()));
      assertThat(ids).hasSizeGreaterThan(5_000).doesNotHaveDuplicates();
      assertThat(ids).isEqualTo(eventIdsFromGetQueryResults(id));
    }
  }

  @Test
  void aLinkServesTheResultCsvUntilItExpires() throws Exception {
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      c.send(TEN_DAYS + ",\"delivery\":\"link\"}");
      List<JsonNode> messages = c.untilDone(FlowScenarios.WAIT);
      JsonNode download =
          messages.stream()
              .filter(m -> m.path("type").asText().equals("download"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no download message in " + messages));
      assertThat(messages).noneMatch(m -> m.path("type").asText().equals("rows"));
      assertThat(messages.get(messages.size() - 1).path("type").asText()).isEqualTo("complete");
      assertThat(download.path("contentType").asText()).isEqualTo("text/csv");

      HttpClient http = HttpClient.newHttpClient();
      URI url = URI.create(download.path("url").asText());
      HttpResponse<String> fresh = get(http, url);
      assertThat(fresh.statusCode()).isEqualTo(200);
      assertThat(fresh.body().getBytes(StandardCharsets.UTF_8))
          .hasSize(download.path("bytes").asInt());
      assertThat(fresh.body()).startsWith("\"").contains("\"eventid\"");

      Instant expiresAt = Instant.parse(download.path("expiresAt").asText());
      // The link's expiry is the local S3's wall clock: wait it out (a couple of seconds).
      while (!Instant.now().isAfter(expiresAt.plusSeconds(1))) {
        Thread.sleep(200);
      }
      HttpResponse<String> expired = get(http, url);
      assertThat(expired.statusCode()).isEqualTo(403);
      assertThat(expired.body()).contains("AccessDenied");
    }
  }

  private static HttpResponse<String> get(HttpClient http, URI url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Column eventid of every row, paging GetQueryResults as the API path would. */
  private static List<String> eventIdsFromGetQueryResults(String id) throws Exception {
    List<String> out = new ArrayList<>();
    String token = null;
    int column = -1;
    boolean first = true;
    do {
      String request =
          "{\"QueryExecutionId\":\""
              + id
              + "\",\"MaxResults\":1000"
              + (token == null ? "" : ",\"NextToken\":\"" + token + "\"")
              + "}";
      JsonNode page =
          JSON.readTree(
              stack
                  .athena()
                  .handle("AmazonAthena.GetQueryResults", request.getBytes(StandardCharsets.UTF_8))
                  .body());
      JsonNode rows = page.path("ResultSet").path("Rows");
      if (first) {
        JsonNode info = page.path("ResultSet").path("ResultSetMetadata").path("ColumnInfo");
        for (int i = 0; i < info.size(); i++) {
          if (info.get(i).path("Name").asText().equals("eventid")) {
            column = i;
          }
        }
      }
      for (int i = first ? 1 : 0; i < rows.size(); i++) {
        out.add(rows.get(i).path("Data").get(column).path("VarCharValue").asText());
      }
      first = false;
      token = page.path("NextToken").isMissingNode() ? null : page.path("NextToken").asText();
    } while (token != null);
    Set<String> unique = new HashSet<>(out);
    assertThat(unique).hasSameSizeAs(out);
    return out;
  }
}
