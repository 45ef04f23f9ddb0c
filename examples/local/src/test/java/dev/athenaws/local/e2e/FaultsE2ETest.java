package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.local.LocalStack;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * Faults injected into a running stack (Step Functions mode, the default): Athena throttling
 * storms, a query FAILED mid-run, StopQueryExecution while the results are paged, the management
 * API answering 500, a client that never reads. In every case nothing hangs (each wait is bounded),
 * no row or {@code seq} arrives twice, the affected client ends with {@code complete} or a final
 * {@code error} as the fault allows, and the other clients are unaffected.
 */
class FaultsE2ETest {
  /** events-between over ten days: about 11,000 rows, 12 pages, 25 rows messages. */
  static final String TEN_DAYS =
      "{\"action\":\"query\",\"query\":\"events-between\","
          + "\"parameters\":{\"startDate\":\"2021/08/01\",\"endDate\":\"2021/08/10\"}}";

  static LocalStack stack;
  static AthenaClient athena;

  @BeforeAll
  static void start() throws Exception {
    // The faults here hit GetQueryResults paging (the API path; the S3 path: S3ResultsE2ETest) and
    // count the attempts of one post (e.g. "every attempt of one rows message fails"), which only
    // one post in flight makes deterministic. Faults with several posts in flight: PostWindowTest
    // (core) and ThrottledPostsE2ETest.
    stack = Stacks.start("--result-fetch", "api", "--posts-in-flight", "1");
    athena = athenaClient(stack.httpUri());
  }

  @AfterAll
  static void stop() {
    athena.close();
    stack.close();
  }

  @AfterEach
  void clearFaults() {
    stack.faults().clear();
  }

  static AthenaClient athenaClient(URI endpoint) {
    return AthenaClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            c ->
                c.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** Sends TEN_DAYS and returns once its first rows message arrived. */
  private static JsonNode startTenDays(WsClient c) {
    c.send(TEN_DAYS);
    c.expect("accepted", FlowScenarios.WAIT);
    return c.firstRows(FlowScenarios.WAIT);
  }

  private static Outcome rest(WsClient c, JsonNode first) {
    List<JsonNode> all = new ArrayList<>(List.of(first));
    all.addAll(c.untilDone(FlowScenarios.WAIT));
    return Outcome.of(all);
  }

  /** A client that is not part of the fault runs a query at the same time: it completes. */
  private static CompletableFuture<Void> bystander() {
    WsClient b = WsClient.connect(stack.webSocketUri());
    b.send("{\"action\":\"query\",\"requestId\":\"bystander\"}");
    return CompletableFuture.runAsync(
        () -> {
          try (b) {
            b.expect("accepted", FlowScenarios.WAIT);
            Result r = Result.of(b.untilDone(FlowScenarios.WAIT));
            assertThat(r.rows())
                .isNotEmpty()
                .allSatisfy(
                    row -> assertThat(row.path("eventname").asText()).isEqualTo("CreateTable"));
            assertThat(r.complete().path("rowCount").asLong()).isEqualTo(r.rows().size());
          }
        });
  }

  @Test
  void aShortThrottlingStormWhilePagingLosesAndRepeatsNothing() {
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      JsonNode first = startTenDays(c);
      stack.faults().throttleAthenaFor(Duration.ofMillis(150));
      Outcome o = rest(c, first);
      assertThat(o.completed()).as("retries outlast a 150 ms storm: " + o.last()).isTrue();
      assertThat(o.assertNothingTwice("eventid")).isGreaterThan(10_000);
      assertThat(stack.faults().athenaCallsThrottled()).isPositive();
    }
  }

  @Test
  void aStormLongerThanTheRetriesEndsInAnErrorNotAHang() {
    long start = System.nanoTime();
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      JsonNode first = startTenDays(c);
      stack.faults().throttleAthenaFor(Duration.ofSeconds(60));
      Outcome o = rest(c, first);
      assertThat(o.completed()).as("final message " + o.last()).isFalse();
      assertThat(o.errorCode()).isEqualTo("ATHENA_BUSY");
      assertThat(o.assertNothingTwice("eventid")).isLessThan(11_000);
    }
    // Bounded: core's retries give up after 5 calls (at most about 3 s of waiting).
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    stack.faults().clear();
    bystander().join();
  }

  @Test
  void randomThrottlingOfEveryCallLeavesEachClientWholeOrToldWhy() {
    stack.faults().athenaThrottleRate(0.2);
    List<WsClient> clients = new ArrayList<>();
    List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        WsClient c = WsClient.connect(stack.webSocketUri());
        clients.add(c);
        c.send(TEN_DAYS);
        outcomes.add(
            CompletableFuture.supplyAsync(() -> Outcome.of(c.untilDone(FlowScenarios.WAIT))));
      }
      for (CompletableFuture<Outcome> f : outcomes) {
        Outcome o = f.join();
        int rows = o.assertNothingTwice("eventid");
        if (o.completed()) {
          assertThat(rows).isGreaterThan(10_000);
        } else {
          assertThat(o.errorCode()).isEqualTo("ATHENA_BUSY"); // a call throttled 5 times in a row
        }
      }
    } finally {
      clients.forEach(WsClient::close);
    }
    assertThat(stack.faults().athenaCallsThrottled()).isPositive();
  }

  @Test
  void aQueryThatFailsMidRunIsQueryFailedAndOthersComplete() {
    CompletableFuture<Void> other = bystander();
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      c.send(
          "{\"action\":\"query\",\"requestId\":\"f\",\"query\":\"" + Stacks.FAILS_MID_RUN + "\"}");
      c.expect("accepted", FlowScenarios.WAIT);
      List<JsonNode> all = c.untilDone(FlowScenarios.WAIT);
      JsonNode last = all.get(all.size() - 1);
      assertThat(all).noneMatch(m -> m.path("type").asText().equals("rows"));
      assertThat(last.path("type").asText()).isEqualTo("error");
      assertThat(last.path("code").asText()).isEqualTo("QUERY_FAILED");
      assertThat(last.path("requestId").asText()).isEqualTo("f");
      assertThat(last.path("message").asText()).contains(Stacks.MID_RUN_FAILURE);
    }
    other.join();
  }

  @Test
  void stopQueryExecutionWhilePagingChangesNothingForAFinishedQuery() {
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      JsonNode first = startTenDays(c);
      String id = first.path("queryExecutionId").asText();
      athena.stopQueryExecution(b -> b.queryExecutionId(id)); // as Athena: a no-op once SUCCEEDED
      Outcome o = rest(c, first);
      assertThat(o.completed()).as("final message " + o.last()).isTrue();
      assertThat(o.assertNothingTwice("eventid")).isGreaterThan(10_000);
      assertThat(
              athena
                  .getQueryExecution(b -> b.queryExecutionId(id))
                  .queryExecution()
                  .status()
                  .state())
          .isEqualTo(QueryExecutionState.SUCCEEDED);
    }
  }

  @Test
  void aFewFailedPostsAreRetriedAndNothingArrivesTwice() {
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      JsonNode first = startTenDays(c);
      long failedBefore = stack.faults().postsFailed();
      stack
          .faults()
          .failNextPosts(4); // one post answered 500 four times; the fifth call gets through
      Outcome o = rest(c, first);
      assertThat(o.completed()).as("final message " + o.last()).isTrue();
      assertThat(o.assertNothingTwice("eventid")).isGreaterThan(10_000);
      assertThat(stack.faults().postsFailed() - failedBefore).isEqualTo(4);
    }
  }

  @Test
  void aManagementApiOutageForAWhileLosesAndRepeatsNothing() {
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      JsonNode first = startTenDays(c);
      stack.faults().failPostsFor(Duration.ofMillis(150));
      Outcome o = rest(c, first);
      assertThat(o.completed()).as("final message " + o.last()).isTrue();
      assertThat(o.assertNothingTwice("eventid")).isGreaterThan(10_000);
    }
  }

  @Test
  void postsFailingPastTheRetriesEndInAnErrorAndTheNextQueryWorks() {
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      JsonNode first = startTenDays(c);
      stack.faults().failNextPosts(5); // every attempt of one rows message: it is given up
      Outcome o = rest(c, first);
      assertThat(o.completed()).as("final message " + o.last()).isFalse();
      assertThat(o.errorCode()).isEqualTo("INTERNAL");
      assertThat(o.last().path("message").asText()).contains("could not be delivered");
      assertThat(o.assertNothingTwice("eventid")).isLessThan(11_000);
      c.send("{\"action\":\"query\"}");
      c.expect("accepted", FlowScenarios.WAIT);
      Result.of(c.untilDone(FlowScenarios.WAIT));
    }
  }

  @Test
  void aClientThatNeverReadsIsDroppedAndCostsOthersNothing() throws Exception {
    try (StalledClient stalled =
        StalledClient.connectAndSend(
            stack.webSocketUri(), "{\"action\":\"query\",\"query\":\"events-between\"}")) {
      // 100,000 rows (about 20 MB) cannot fit the socket buffers: the gateway's write blocks.
      Thread.sleep(1_000);
      long start = System.nanoTime();
      bystander().join();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("the bystander is not held up by the stalled write")
          .isLessThan(Duration.ofSeconds(8));
      // The gateway drops the connection after 10 s without progress; the push stops at its 410.
      long end = System.nanoTime() + Duration.ofSeconds(45).toNanos();
      while (stack.stepFunctions().running() > 0 && System.nanoTime() < end) {
        Thread.sleep(50);
      }
      assertThat(stack.stepFunctions().running()).isZero();
      assertThat(stalled.closedByServerWithin(10_000)).as("closed by the gateway").isTrue();
    }
  }
}
