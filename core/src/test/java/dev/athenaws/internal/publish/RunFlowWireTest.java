package dev.athenaws.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.notify.Connection;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaFault;
import dev.athenaws.testing.FakeAthenaQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The run flow of {@code AthenaWs.handle} end to end over the wire: the exact messages a client
 * receives.
 */
class RunFlowWireTest {
  private final PublishHarness h = new PublishHarness();
  private final Connection client = h.api.connect("conn-1=");

  @AfterEach
  void close() {
    h.close();
  }

  /** {@link PublishHarness#numbered} with a timeline: queued 0.5 s, running 2 s. */
  static FakeAthenaQuery.Builder numbered(int pages, int rowsPerPage) {
    return PublishHarness.numbered(pages, rowsPerPage)
        .queued(Duration.ofMillis(500))
        .running(Duration.ofSeconds(2))
        .scanRate(1000);
  }

  /**
   * @return the message types with runs of "progress" collapsed to one
   */
  private List<String> collapsed() {
    List<String> out = new ArrayList<>();
    for (String t : h.types("conn-1=")) {
      if (out.isEmpty() || !(t.equals("progress") && out.get(out.size() - 1).equals("progress"))) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * @return a runner; a first execution returns n = 1, a second one n = 2
   */
  private PublishHarness.Runner twoExecutionsOfDifferentData() {
    for (String n : List.of("1", "2")) {
      h.athena.nextQuery(
          FakeAthenaQuery.builder().column("n", "integer").page(List.of("n"), List.of(n)).build());
    }
    return h.runner(96 * 1024, Duration.ofMinutes(1));
  }

  private List<JsonNode> startTokens() {
    return h.athena.requests(FakeAthena.START).stream()
        .map(r -> r.body().path("ClientRequestToken"))
        .toList();
  }

  @Test
  void twoIdenticalQueriesWithoutRequestIdAreTwoExecutionsWithFreshRows() {
    // The data changed between the two messages: the second must see it, not the first's rows.
    PublishHarness.Runner runner = twoExecutionsOfDifferentData();

    runner.run(h.job(client, null, "message-1"));
    runner.run(h.job(client, null, "message-2"));

    assertThat(startTokens()).doesNotHaveDuplicates().hasSize(2);
    assertThat(h.rowValues("conn-1=")).containsExactly("1", "2");
  }

  @Test
  void aRetryOfTheSameMessageJoinsItsExecution() {
    PublishHarness.Runner runner = twoExecutionsOfDifferentData();

    runner.run(h.job(client, null, "message-1"));
    runner.run(h.job(client, null, "message-1"));

    assertThat(startTokens()).hasSize(2).containsOnly(startTokens().get(0));
    assertThat(h.rowValues("conn-1=")).containsExactly("1", "1");
  }

  @Test
  void aSucceededQueryGivesAcceptedProgressRowsAndComplete() {
    h.athena.nextQuery(numbered(3, 10).build());

    PublishResult result = h.runner(96 * 1024, Duration.ofMinutes(1)).run(h.job(client, "r1"));

    assertThat(result).isEqualTo(new PublishResult.Completed(30, 1));
    assertThat(collapsed()).containsExactly("accepted", "progress", "rows", "complete");
    List<JsonNode> m = h.received("conn-1=");
    List<JsonNode> progress = m.subList(1, m.size() - 2);
    assertThat(m.get(0).get("message").asText()).isNotBlank();
    assertThat(m.get(0).get("requestId").asText()).isEqualTo("r1");
    String id = m.get(0).get("queryExecutionId").asText();
    assertThat(m).allSatisfy(x -> assertThat(x.get("queryExecutionId").asText()).isEqualTo(id));
    assertThat(progress.stream().map(x -> x.get("state").asText()).distinct())
        .containsExactly("QUEUED", "RUNNING", "SUCCEEDED");
    assertThat(progress).extracting(x -> x.get("elapsedMillis").asLong()).isSorted();
    JsonNode rows = m.get(m.size() - 2);
    assertThat(rows.get("seq").asInt()).isZero();
    assertThat(rows.get("columns").get(0).get("type").asText()).isEqualTo("integer");
    assertThat(h.rowValues("conn-1=")).isEqualTo(PublishHarness.numbers(0, 30));
    JsonNode complete = m.get(m.size() - 1);
    assertThat(complete.get("rowCount").asLong()).isEqualTo(30);
    assertThat(complete.get("chunks").asInt()).isEqualTo(1);
    assertThat(complete.get("statistics").get("dataScannedBytes").asLong()).isEqualTo(2000);
    assertThat(h.athena.calls(FakeAthena.RESULTS)).isEqualTo(3);
    assertThat(h.athena.calls(FakeAthena.STOP)).isZero();
  }

  @Test
  void aFailedQueryEndsWithQueryFailedAndAthenasError() {
    h.athena.nextQuery(
        FakeAthenaQuery.builder()
            .running(Duration.ofSeconds(1))
            .fails(2, 1301, false, "TABLE_NOT_FOUND: Table 'default.nope' does not exist", "reason")
            .build());

    PublishResult result = h.runner(4096, Duration.ofMinutes(1)).run(h.job(client, "r1"));

    assertThat(result).isEqualTo(new PublishResult.Failed(ErrorCode.QUERY_FAILED, true));
    assertThat(collapsed()).containsExactly("accepted", "progress", "error");
    List<JsonNode> m = h.received("conn-1=");
    assertThat(m.get(m.size() - 2).get("state").asText()).isEqualTo("FAILED");
    JsonNode error = m.get(m.size() - 1);
    assertThat(error.get("code").asText()).isEqualTo("QUERY_FAILED");
    assertThat(error.get("message").asText()).contains("TABLE_NOT_FOUND");
    assertThat(error.get("athenaErrorCategory").asInt()).isEqualTo(2);
    assertThat(error.get("athenaErrorType").asInt()).isEqualTo(1301);
    assertThat(error.get("retryable").asBoolean()).isFalse();
  }

  @Test
  void aQueryCancelledElsewhereEndsWithQueryCancelled() {
    h.athena.nextQuery(
        FakeAthenaQuery.builder().running(Duration.ofSeconds(1)).cancelled("by admin").build());

    PublishResult result = h.runner(4096, Duration.ofMinutes(1)).run(h.job(client, null));

    assertThat(result).isEqualTo(new PublishResult.Failed(ErrorCode.QUERY_CANCELLED, true));
    assertThat(collapsed()).containsExactly("accepted", "progress", "error");
    assertThat(h.received("conn-1=")).allSatisfy(m -> assertThat(m.has("requestId")).isFalse());
    assertThat(h.athena.calls(FakeAthena.STOP)).isZero();
  }

  @Test
  void theDeadlineStopsTheQueryAndReportsTimeout() {
    h.athena.nextQuery(numbered(1, 1).running(Duration.ofMinutes(10)).build());

    PublishResult result = h.runner(4096, Duration.ofSeconds(20)).run(h.job(client, "r1"));

    assertThat(result).isEqualTo(new PublishResult.Failed(ErrorCode.TIMEOUT, true));
    assertThat(h.types("conn-1=")).last().isEqualTo("error");
    assertThat(h.received("conn-1=").get(h.types("conn-1=").size() - 1).get("code").asText())
        .isEqualTo("TIMEOUT");
    assertThat(h.athena.calls(FakeAthena.STOP)).isEqualTo(1);
  }

  @Test
  void aClientGoneDuringTheQueryLeavesItRunningForAResumeAndPostsNothingMore() {
    h.athena.nextQuery(numbered(1, 1).running(Duration.ofMinutes(1)).build());
    h.api.goneAfter("conn-1=", 2); // accepted and one progress, then 410

    PublishResult result = h.runner(4096, Duration.ofMinutes(5)).run(h.job(client, "r1"));

    assertThat(result).isEqualTo(new PublishResult.ConnectionGone());
    // The progress post that found the connection gone was the last one.
    assertThat(h.api.posts("conn-1=")).isEqualTo(3);
    // The query was not stopped (a resume on another connection may pick it up) and ran to its
    // end, but nobody reads its results here.
    assertThat(h.athena.calls(FakeAthena.STOP)).isZero();
    assertThat(h.athena.calls(FakeAthena.RESULTS)).isZero();
  }

  @Test
  void aQueryNobodyResumesIsStoppedAtTheQueryTimeout() {
    h.athena.nextQuery(numbered(1, 1).running(Duration.ofMinutes(10)).build());
    h.api.goneAfter("conn-1=", 2); // accepted and one progress, then 410
    java.time.Instant begin = h.time.instant();

    PublishResult result = h.runner(4096, Duration.ofMinutes(2)).run(h.job(client, "r1"));

    // The drop did not stop it; the query timeout (2 minutes here) did: it cannot run and bill on.
    assertThat(h.athena.calls(FakeAthena.STOP)).isEqualTo(1);
    assertThat(h.time.since(begin)).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
    assertThat(h.athena.calls(FakeAthena.RESULTS)).isZero();
    assertThat(result).isInstanceOf(PublishResult.Failed.class);
  }

  @Test
  void aClientGoneBeforeAcceptedStopsTheQueryAtOnce() {
    h.athena.nextQuery(numbered(1, 1).running(Duration.ofMinutes(1)).build());
    h.api.goneAfter("conn-1=", 0);

    PublishResult result = h.runner(4096, Duration.ofMinutes(5)).run(h.job(client, "r1"));

    assertThat(result).isEqualTo(new PublishResult.ConnectionGone());
    assertThat(h.api.posts("conn-1=")).isEqualTo(1);
    assertThat(h.athena.calls(FakeAthena.STOP)).isEqualTo(1);
    assertThat(h.athena.calls(FakeAthena.GET)).isZero();
  }

  @Test
  void aStartAthenaRejectsEndsWithQueryFailedAndNoAccepted() {
    h.athena.failNext(
        FakeAthena.START,
        1,
        FakeAthenaFault.invalidRequest("SYNTAX_ERROR", "line 1:8: mismatched input 'FORM'"));

    PublishResult result = h.runner(4096, Duration.ofMinutes(1)).run(h.job(client, "r1"));

    assertThat(result).isEqualTo(new PublishResult.Failed(ErrorCode.QUERY_FAILED, true));
    assertThat(h.types("conn-1=")).containsExactly("error");
    assertThat(h.received("conn-1=").get(0).get("message").asText()).contains("mismatched input");
  }

  @Test
  void aRetriedRunStartsTheQueryOnlyOnce() {
    h.athena.nextQuery(numbered(1, 1).build());
    h.athena.nextQuery(numbered(1, 1).build());

    h.runner(4096, Duration.ofMinutes(1)).run(h.job(client, "r1"));
    h.runner(4096, Duration.ofMinutes(1)).run(h.job(client, "r1"));

    List<JsonNode> accepted =
        h.received("conn-1=").stream()
            .filter(m -> m.get("type").asText().equals("accepted"))
            .toList();
    assertThat(accepted).hasSize(2);
    assertThat(accepted.get(0).get("queryExecutionId"))
        .isEqualTo(accepted.get(1).get("queryExecutionId"));
    assertThat(h.athena.requests(FakeAthena.START))
        .extracting(r -> r.body().get("ClientRequestToken").asText())
        .containsOnly(h.job(client, "r1").key().clientRequestToken());
  }
}
