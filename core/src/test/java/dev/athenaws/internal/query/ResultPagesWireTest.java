package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.QueryFailedException;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaFault;
import dev.athenaws.testing.FakeAthenaQuery;
import dev.athenaws.testing.FixedRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;

/** PageFetcher and ResultPages with the real SDK client against FakeAthena. */
class ResultPagesWireTest {
  private final VirtualTime time = new VirtualTime();
  private final FakeAthena fake = FakeAthena.start(time);
  private final ManualExecutor manual = new ManualExecutor();
  private final PageFetcher fetcher =
      PageFetcher.builder(fake.client()).sleeper(time).random(new FixedRandom(0.5)).build();

  @AfterEach
  void close() {
    fake.close();
  }

  private String threePagesOfFour() {
    return fake.addQuery(
        FakeAthenaQuery.builder().column("n", "integer").numberedPages(3, 4).build());
  }

  private static List<String> values(GetQueryResultsResponse page) {
    List<String> out = new ArrayList<>();
    page.resultSet()
        .rows()
        .forEach(r -> r.data().stream().map(Datum::varCharValue).forEach(out::add));
    return out;
  }

  private List<String> tokensSent() {
    return fake.requests(FakeAthena.RESULTS).stream()
        .map(r -> r.body().path("NextToken").asText(null))
        .toList();
  }

  @Test
  void readsEveryPageInOrderOnAnotherThread() {
    String id = threePagesOfFour();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    List<String> all = new ArrayList<>();
    try (ResultPages pages = ResultPages.open(fetcher, id, null, pool)) {
      pages.forEachRemaining(p -> all.addAll(values(p)));
    } finally {
      pool.shutdownNow();
    }

    assertThat(all).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
    assertThat(tokensSent())
        .containsExactly(null, "fake-token/" + id + "/1", "fake-token/" + id + "/2");
    assertThat(fake.requests(FakeAthena.RESULTS))
        .extracting(r -> r.body().path("MaxResults").asInt())
        .containsOnly(1000);
  }

  @Test
  void sendsTheConfiguredPageSizeAndResumesFromAToken() {
    String id = threePagesOfFour();
    PageFetcher small = PageFetcher.builder(fake.client()).maxResults(2).build();

    GetQueryResultsResponse page = small.fetch(id, "fake-token/" + id + "/2");

    assertThat(values(page)).containsExactly("8", "9", "10", "11");
    assertThat(page.nextToken()).isNull();
    JsonNode body = fake.requests(FakeAthena.RESULTS).get(0).body();
    assertThat(body.path("MaxResults").asInt()).isEqualTo(2);
    assertThat(body.path("QueryExecutionId").asText()).isEqualTo(id);
  }

  @Test
  void fetchesExactlyOnePageAhead() {
    String id = threePagesOfFour();
    ResultPages pages = ResultPages.open(fetcher, id, null, manual);
    assertThat(manual.queued()).isEqualTo(1);
    assertThat(fake.calls(FakeAthena.RESULTS)).isZero();

    for (int k = 1; k <= 3; k++) {
      manual.runNext(); // the fetch of page k, handed over before the consumer asked for page k
      assertThat(fake.calls(FakeAthena.RESULTS)).isEqualTo(k);
      assertThat(manual.queued()).isZero(); // never page k+1 before page k is taken

      assertThat(pages.hasNext()).isTrue();
      GetQueryResultsResponse page = pages.next();

      assertThat(values(page)).hasSize(4).first().isEqualTo(Integer.toString(4 * (k - 1)));
      assertThat(fake.calls(FakeAthena.RESULTS)).isEqualTo(k);
      assertThat(manual.queued()).isEqualTo(k < 3 ? 1 : 0);
    }
    assertThat(pages.hasNext()).isFalse();
    assertThatThrownBy(pages::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void aFailedFetchIsThrownByTheNextCallAndEndsThePages() {
    String id = threePagesOfFour();
    ResultPages pages = ResultPages.open(fetcher, id, null, manual);
    manual.runNext();
    pages.next();
    fake.failNext(
        FakeAthena.RESULTS,
        1,
        FakeAthenaFault.invalidRequest("INVALID_INPUT", "The NextToken has expired"));
    manual.runNext();

    assertThatThrownBy(pages::next)
        .isInstanceOfSatisfying(
            QueryFailedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.QUERY_FAILED);
              assertThat(e.getMessage()).isEqualTo("The NextToken has expired");
              assertThat(e.queryExecutionId()).contains(id);
            });
    assertThat(pages.hasNext()).isFalse();
    assertThat(manual.queued()).isZero();
  }

  @Test
  void throttledFetchesAreRetried() {
    String id = threePagesOfFour();
    fake.failNext(FakeAthena.RESULTS, 1, FakeAthenaFault.throttling());
    fake.failNext(FakeAthena.RESULTS, 1, FakeAthenaFault.internal());

    GetQueryResultsResponse page = fetcher.fetch(id, null);

    assertThat(values(page)).containsExactly("0", "1", "2", "3");
    assertThat(fake.calls(FakeAthena.RESULTS)).isEqualTo(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300));
  }

  @Test
  void throttlingThatOutlastsTheRetriesIsThrownByNext() {
    String id = threePagesOfFour();
    fake.failNext(FakeAthena.RESULTS, 5, FakeAthenaFault.throttling());
    ResultPages pages = ResultPages.open(fetcher, id, null, manual);
    manual.runNext();

    assertThatThrownBy(pages::next).isInstanceOf(ThrottledException.class);
    assertThat(fake.calls(FakeAthena.RESULTS)).isEqualTo(5);
  }

  @Test
  void resultsOfAnUnfinishedQueryAreRefused() {
    String id = fake.addQuery(FakeAthenaQuery.builder().running(Duration.ofMinutes(1)).build());

    assertThatThrownBy(() -> fetcher.fetch(id, null))
        .isInstanceOf(QueryFailedException.class)
        .hasMessageContaining("Current state: RUNNING");
  }

  @Test
  void closeCancelsTheFetchAhead() {
    String id = threePagesOfFour();
    ResultPages pages = ResultPages.open(fetcher, id, null, manual);
    manual.runNext();
    pages.next();
    assertThat(manual.queued()).isEqualTo(1);

    pages.close();
    manual.runNext(); // the cancelled task does nothing

    assertThat(fake.calls(FakeAthena.RESULTS)).isEqualTo(1);
    assertThat(pages.hasNext()).isFalse();
    assertThatThrownBy(pages::next).isInstanceOf(IllegalStateException.class);
  }
}
