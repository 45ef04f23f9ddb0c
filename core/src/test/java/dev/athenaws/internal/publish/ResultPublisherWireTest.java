package dev.athenaws.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.notify.Connection;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaFault;
import dev.athenaws.testing.FakeAthenaQuery;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;

/** Publishing a finished query's pages over the wire: order, limits, gone, throttling, resume. */
class ResultPublisherWireTest {
  private static final int SMALL = 1024;

  private final PublishHarness h = new PublishHarness();
  private final Connection client = h.api.connect("c1");

  @AfterEach
  void close() {
    h.close();
  }

  /** A finished SELECT of 0..pages*rowsPerPage-1 in FakeAthena; returns its id. */
  private String finished(int pages, int rowsPerPage) {
    return h.athena.addQuery(PublishHarness.numbered(pages, rowsPerPage).build());
  }

  private ResultRequest request(String id) {
    return ResultRequest.of(
        new PublishTarget(client, "r1", id), StatementKind.SELECT, QueryStats.EMPTY);
  }

  private void assertCompleteStream(int rows) {
    List<JsonNode> m = h.received("c1");
    assertThat(h.rowValues("c1")).isEqualTo(PublishHarness.numbers(0, rows));
    List<Integer> seqs = h.seqs("c1");
    for (int i = 0; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).isEqualTo(i);
    }
    JsonNode complete = m.get(m.size() - 1);
    assertThat(complete.get("type").asText()).isEqualTo("complete");
    assertThat(complete.get("rowCount").asInt()).isEqualTo(rows);
    assertThat(complete.get("chunks").asInt()).isEqualTo(seqs.size());
    assertThat(m.stream().filter(x -> x.get("type").asText().equals("complete"))).hasSize(1);
  }

  @Test
  void manyPagesBecomeContiguousChunksUnderTheLimit() {
    String id = finished(5, 200);

    PublishResult result = h.publisher(SMALL).publish(request(id), PauseCondition.NEVER);

    assertThat(result).isInstanceOf(PublishResult.Completed.class);
    assertCompleteStream(1000);
    assertThat(h.api.messages("c1"))
        .allSatisfy(m -> assertThat(m.length()).isLessThanOrEqualTo(SMALL));
    assertThat(h.received("c1").get(0).has("columns")).isTrue();
    assertThat(h.received("c1").get(1).has("columns")).isFalse();
    assertThat(h.athena.calls(FakeAthena.RESULTS)).isEqualTo(5);
  }

  @Test
  void underThrottlingEveryRowArrivesExactlyOnceInOrder() {
    String id = finished(4, 250);
    h.api.throttle(0.3, 7);

    PublishResult result = h.publisher(SMALL).publish(request(id), PauseCondition.NEVER);

    assertThat(result).isInstanceOf(PublishResult.Completed.class);
    assertCompleteStream(1000);
    long throttled = h.api.calls().stream().filter(c -> c.endsWith(" 429")).count();
    assertThat(throttled).isGreaterThan(h.seqs("c1").size() / 10);
  }

  @Test
  void aClientGoneMidStreamCostsExactlyOneMorePost() {
    String id = finished(5, 200);
    h.api.goneAfter("c1", 3);

    PublishResult result = h.publisher(SMALL).publish(request(id), PauseCondition.NEVER);

    assertThat(result).isEqualTo(new PublishResult.ConnectionGone());
    assertThat(h.api.posts("c1")).isEqualTo(4);
    assertThat(h.seqs("c1")).containsExactly(0, 1, 2);
    // The messages came from pages 1-2; page 3 may have been prefetched (asynchronously, so it may
    // not have been asked yet); pages 4-5 were never asked for.
    assertThat(h.athena.calls(FakeAthena.RESULTS)).isBetween(2, 3);
  }

  @Test
  void postsThatStayThrottledEndTheStreamWithAnError() {
    String id = finished(1, 10);
    h.api.failNext("c1", 429, 429, 429, 429, 429, 429);

    PublishResult result = h.publisher(SMALL).publish(request(id), PauseCondition.NEVER);

    assertThat(result).isInstanceOf(PublishResult.Undelivered.class);
    assertThat(h.types("c1")).containsExactly("error");
    assertThat(h.received("c1").get(0).get("code").asText()).isEqualTo("INTERNAL");
  }

  @Test
  void aRowLargerThanAMessageIsAnErrorForThatQuery() {
    String big = "x".repeat(3000);
    String id =
        h.athena.addQuery(
            FakeAthenaQuery.builder()
                .column("n", "varchar")
                .page(List.of("n"), List.of("small"), List.of(big), List.of("after"))
                .build());

    PublishResult result = h.publisher(SMALL).publish(request(id), PauseCondition.NEVER);

    assertThat(result).isEqualTo(new PublishResult.Failed(ErrorCode.ROW_TOO_LARGE, true));
    JsonNode error = h.received("c1").get(h.received("c1").size() - 1);
    assertThat(error.get("code").asText()).isEqualTo("ROW_TOO_LARGE");
    assertThat(error.get("queryExecutionId").asText()).isEqualTo(id);
  }

  @Test
  void aPageThatCannotBeFetchedEndsWithAnError() {
    String id = finished(3, 10);
    h.athena.failNext(
        FakeAthena.RESULTS,
        1,
        FakeAthenaFault.invalidRequest("INVALID_INPUT", "Query has not yet finished"));

    PublishResult result = h.publisher(SMALL).publish(request(id), PauseCondition.NEVER);

    assertThat(result).isInstanceOf(PublishResult.Failed.class);
    assertThat(h.types("c1")).containsExactly("error");
  }

  @Test
  void pausedRunsResumeWithoutLosingOrRepeatingARow() {
    String id = finished(6, 150);
    ResultPublisher publisher = h.publisher(SMALL);
    ResultRequest request = request(id);
    int runs = 0;
    PublishResult result;
    do {
      int[] pagesThisRun = {0};
      // Each run stops after two pages, like a Lambda running out of time.
      result = publisher.publish(request, () -> ++pagesThisRun[0] >= 2);
      runs++;
      if (result instanceof PublishResult.Paused p) {
        request =
            new ResultRequest(
                request.target(), request.statementKind(), Map.of(), QueryStats.EMPTY, p.next());
      }
    } while (result instanceof PublishResult.Paused && runs < 10);

    assertThat(runs).isEqualTo(3);
    assertThat(result).isInstanceOf(PublishResult.Completed.class);
    assertCompleteStream(900);
    assertThat(h.received("c1").stream().filter(m -> m.has("columns"))).hasSize(1);
  }

  @Test
  void pagesSuppliedByTheCallerArePublishedAsIs() {
    String id = finished(2, 5);
    List<GetQueryResultsResponse> pages = new ArrayList<>();
    h.fetcher.fetch(id, null);
    GetQueryResultsResponse first = h.fetcher.fetch(id, null);
    pages.add(first);
    pages.add(h.fetcher.fetch(id, first.nextToken()));
    Iterator<GetQueryResultsResponse> it = pages.iterator();

    PublishResult result = h.publisher(SMALL).publish(request(id), it, PauseCondition.NEVER);

    assertThat(result).isEqualTo(new PublishResult.Completed(10, 1));
    assertCompleteStream(10);
  }

  @Test
  void anEmptyResultStillTellsTheColumns() {
    String id =
        h.athena.addQuery(
            FakeAthenaQuery.builder().column("n", "integer").page(List.of("n")).build());

    PublishResult result = h.publisher(SMALL).publish(request(id), PauseCondition.NEVER);

    assertThat(result).isEqualTo(new PublishResult.Completed(0, 1));
    assertThat(h.types("c1")).containsExactly("rows", "complete");
    assertThat(h.received("c1").get(0).get("columns").get(0).get("name").asText()).isEqualTo("n");
  }
}
