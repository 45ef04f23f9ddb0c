package dev.athenaws.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.AthenaSettings.ResultFetch;
import dev.athenaws.internal.query.PageFetcher;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.ResultPages;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.internal.s3.CsvResultPages;
import dev.athenaws.internal.s3.ResultSource;
import dev.athenaws.notify.Connection;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaQuery;
import dev.athenaws.testing.FakeS3;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;

/**
 * The same FakeAthena result published from GetQueryResults and from its CSV object in FakeS3 gives
 * identical messages, but for {@code complete}'s {@code statistics.resultPath}: for the publisher
 * alone, and for whole runs through {@code AthenaWs}.
 */
class S3PathWireTest {
  private static final String URI = "s3://results/q.csv";
  private final PublishHarness h = new PublishHarness();
  private final FakeS3 s3 = new FakeS3();
  private final Connection viaApi = h.api.connect("api");
  private final Connection viaS3 = h.api.connect("s3");

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void bothPathsYieldIdenticalMessages() {
    FakeAthenaQuery.Builder q =
        FakeAthenaQuery.builder()
            .column("n", "integer")
            .column("s", "varchar")
            .column("a", "array")
            .column("d", "decimal");
    List<List<?>> rows = new ArrayList<>();
    rows.add(List.of("n", "s", "a", "d"));
    for (int i = 0; i < 700; i++) {
      rows.add(
          Arrays.asList(
              i % 7 == 0 ? null : Integer.toString(i),
              switch (i % 5) {
                case 0 -> null;
                case 1 -> "";
                case 2 -> "quote \" and, comma";
                case 3 -> "two\nlines é 😀";
                default -> "plain " + i;
              },
              i % 3 == 0 ? "[1, 2, null]" : "[]",
              i % 4 == 0 ? null : i + ".50"));
    }
    q.page(rows.subList(0, 300).toArray(new List<?>[0]));
    q.page(rows.subList(300, 701).toArray(new List<?>[0]));
    String id = h.athena.addQuery(q.build());
    s3.put(URI, FakeS3.athenaCsv(header(id), dataRows(id)));
    int apiCalls = h.athena.calls(FakeAthena.RESULTS);

    ResultPublisher publisher = h.publisher(1024);
    publisher.publish(request(viaApi, id), PauseCondition.NEVER);
    PageFetcher first = PageFetcher.builder(h.athena.client()).maxResults(1).build();
    CsvResultPages pages =
        new ResultSource(ResultFetch.AUTO, s3, first, 1000, 3, d -> {}, ResultSource.RETRY_BACKOFF)
            .open(id, StatementKind.SELECT, URI, null)
            .orElseThrow();
    publisher.publish(request(viaS3, id), pages, PauseCondition.NEVER);

    assertThat(h.types("s3")).contains("rows", "complete");
    assertThat(withoutPath(h.received("s3"), null)).isEqualTo(withoutPath(h.received("api"), null));
    assertThat(resultPath(h.received("s3"))).isEqualTo("s3");
    assertThat(resultPath(h.received("api"))).isEqualTo("api");
    assertThat(h.rowValues("s3")).hasSize(700);
    // The API path made 2 page calls; the S3 path 1, for the column metadata.
    assertThat(h.athena.calls(FakeAthena.RESULTS) - apiCalls).isEqualTo(3);
  }

  @Test
  void aRunThroughAthenaWsReadsTheObjectWithAtMostFiveAthenaCallsAndSendsWhatTheApiWould() {
    S3Script script = S3Script.of(2500);
    ScriptedS3 objects = new ScriptedS3(script.csv(), ScriptedS3.Answer.SERVE);
    h.athena.nextQuery(script.query().build());
    int before = h.athena.requests().size();
    int resultCallsBefore = h.athena.calls(FakeAthena.RESULTS);

    h.runner(4096, Duration.ofMinutes(5), ResultFetch.AUTO, objects).run(h.job(viaS3, "r1"));
    int s3Calls = h.athena.requests().size() - before;
    int s3ResultCalls = h.athena.calls(FakeAthena.RESULTS) - resultCallsBefore;
    h.athena.nextQuery(script.query().build());
    h.runner(4096, Duration.ofMinutes(5), ResultFetch.API, null).run(h.job(viaApi, "r1"));

    assertThat(objects.opened()).hasSize(1);
    assertThat(s3Calls).isLessThanOrEqualTo(5);
    assertThat(s3ResultCalls).isEqualTo(1);
    assertThat(
            h.athena.requests(FakeAthena.RESULTS).get(resultCallsBefore).body().path("MaxResults"))
        .hasToString("1");
    assertThat(resultPath(h.received("s3"))).isEqualTo("s3");
    assertThat(resultPath(h.received("api"))).isEqualTo("api");
    List<JsonNode> fromS3 = withoutPath(h.received("s3"), "rows");
    assertThat(fromS3).hasSizeGreaterThan(1);
    assertThat(fromS3).isEqualTo(withoutPath(h.received("api"), "rows"));
    assertThat(withoutPath(h.received("s3"), "complete"))
        .isEqualTo(withoutPath(h.received("api"), "complete"));
    assertThat(S3Wire.sValues(h.received("s3"))).isEqualTo(script.sValues());
  }

  /** The messages of a type (all when null), without query ids and {@code resultPath}. */
  static List<JsonNode> withoutPath(List<JsonNode> messages, String type) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode m : messages) {
      if (type != null && !type.equals(m.path("type").asText())) {
        continue;
      }
      ObjectNode copy = m.deepCopy();
      copy.remove("queryExecutionId");
      if (copy.path("statistics") instanceof ObjectNode stats) {
        stats.remove("resultPath");
      }
      out.add(copy);
    }
    return out;
  }

  static String resultPath(List<JsonNode> messages) {
    return messages.stream()
        .filter(m -> m.path("type").asText().equals("complete"))
        .map(m -> m.path("statistics").path("resultPath").asText(null))
        .findFirst()
        .orElse(null);
  }

  private ResultRequest request(Connection c, String id) {
    return ResultRequest.of(new PublishTarget(c, "r1", id), StatementKind.SELECT, QueryStats.EMPTY);
  }

  private List<String> header(String id) {
    return all(id).get(0);
  }

  private List<List<String>> dataRows(String id) {
    List<List<String>> all = all(id);
    return all.subList(1, all.size());
  }

  /** Every row GetQueryResults gives, header included, as Athena would write them to S3. */
  private List<List<String>> all(String id) {
    List<List<String>> out = new ArrayList<>();
    try (ResultPages pages = ResultPages.open(h.fetcher, id, null, Runnable::run)) {
      while (pages.hasNext()) {
        GetQueryResultsResponse p = pages.next();
        p.resultSet()
            .rows()
            .forEach(r -> out.add(r.data().stream().map(Datum::varCharValue).toList()));
      }
    }
    return out;
  }
}
