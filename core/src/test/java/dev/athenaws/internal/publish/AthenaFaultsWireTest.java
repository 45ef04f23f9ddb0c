package dev.athenaws.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.notify.Connection;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaFault;
import dev.athenaws.testing.FakeAthenaRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The run flow ({@code AthenaWs.handle}) against Athena faults over the wire: lost answers are
 * retried, terminal errors are not, and a busy Athena is waited for no longer than the run's
 * deadline.
 */
class AthenaFaultsWireTest {
  private final PublishHarness h = new PublishHarness();
  private final Connection client = h.api.connect("conn-1=");

  @AfterEach
  void close() {
    h.close();
  }

  private PublishResult run(Duration timeout) {
    return h.runner(96 * 1024, timeout).run(h.job(client, "r1"));
  }

  /**
   * Every third request loses its answer (the connection closes without a response): the SDK throws
   * an {@code SdkClientException} caused by an {@code IOException}, which every call (start, poll,
   * page) retries. The client still receives every row exactly once, in order.
   */
  @Test
  void aFivePageResultReachesTheClientWholeThoughEveryThirdRequestIsDropped() {
    h.athena.nextQuery(PublishHarness.numbered(5, 7).running(Duration.ofSeconds(2)).build());
    h.athena.dropEvery(3);

    PublishResult result = run(Duration.ofMinutes(1));

    assertThat(result).isEqualTo(new PublishResult.Completed(35, 1));
    assertThat(h.rowValues("conn-1=")).isEqualTo(PublishHarness.numbers(0, 35));
    assertThat(h.seqs("conn-1=")).containsExactly(0);
    List<JsonNode> m = h.received("conn-1=");
    assertThat(m.get(m.size() - 1).get("type").asText()).isEqualTo("complete");
    assertThat(h.athena.dropped()).contains(FakeAthena.START, FakeAthena.GET, FakeAthena.RESULTS);
    // A start whose answer was lost is retried with the same ClientRequestToken: one query only.
    List<FakeAthenaRequest> starts = h.athena.requests(FakeAthena.START);
    assertThat(starts.stream().map(r -> r.body().get("ClientRequestToken").asText()).distinct())
        .hasSize(1);
    assertThat(m)
        .allSatisfy(
            x ->
                assertThat(x.get("queryExecutionId").asText())
                    .isEqualTo("00000000-0000-4000-8000-000000000001"));
  }

  @Test
  void aTerminalErrorIsNotRetried() {
    h.athena.nextQuery(PublishHarness.numbered(2, 3).build());
    h.athena.failNext(
        FakeAthena.RESULTS,
        1,
        new FakeAthenaFault(400, "AccessDeniedException", Map.of("Message", "not authorized")));

    PublishResult result = run(Duration.ofMinutes(1));

    assertThat(result).isEqualTo(new PublishResult.Failed(ErrorCode.INTERNAL, true));
    assertThat(h.athena.calls(FakeAthena.RESULTS)).isEqualTo(1);
  }

  @Test
  void anInvalidStartIsNotRetried() {
    h.athena.failNext(
        FakeAthena.START,
        1,
        FakeAthenaFault.invalidRequest("MALFORMED_QUERY", "line 1:8: mismatched input"));

    PublishResult result = run(Duration.ofMinutes(1));

    assertThat(result).isEqualTo(new PublishResult.Failed(ErrorCode.QUERY_FAILED, true));
    assertThat(h.athena.calls(FakeAthena.START)).isEqualTo(1);
  }

  /**
   * Athena at its concurrent query limit for good: the start retries (1 s doubling to 30 s) only
   * while the next wait ends before the run's 20 s deadline, then the client hears ATHENA_BUSY.
   */
  @Test
  void aStartAtTheConcurrencyLimitGivesUpBeforeTheRunsDeadlineWithAthenaBusy() {
    Instant begin = h.time.instant();
    h.athena.failNext(FakeAthena.START, 100, FakeAthenaFault.concurrencyLimit());

    PublishResult result = run(Duration.ofSeconds(20));

    assertThat(result).isEqualTo(new PublishResult.Failed(ErrorCode.ATHENA_BUSY, true));
    assertThat(h.time.since(begin)).isLessThanOrEqualTo(Duration.ofSeconds(20));
    assertThat(h.athena.calls(FakeAthena.START)).isBetween(3, 5);
    List<FakeAthenaRequest> starts = h.athena.requests(FakeAthena.START);
    assertThat(starts)
        .extracting(r -> r.body().get("ClientRequestToken").asText())
        .containsOnly(starts.get(0).body().get("ClientRequestToken").asText());
    JsonNode error = h.received("conn-1=").get(0);
    assertThat(error.get("code").asText()).isEqualTo("ATHENA_BUSY");
    assertThat(error.get("message").asText()).isEqualTo("Too many queries are running; try again");
    assertThat(error.get("retryable").asBoolean()).isTrue();
    assertThat(h.types("conn-1=")).containsExactly("error");
  }
}
