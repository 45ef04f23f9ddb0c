package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;

/** ResultPages hand-off with real threads and small fake fetchers. */
class ResultPagesTest {
  private static GetQueryResultsResponse page(String nextToken) {
    return GetQueryResultsResponse.builder().nextToken(nextToken).build();
  }

  @Test
  void closeInterruptsTheFetchInFlightAndDoesNotWaitForIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    PageFetcher blocking =
        (id, token) -> {
          if (token == null) {
            return page("t2");
          }
          started.countDown();
          try {
            new CountDownLatch(1).await(); // until interrupted
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
          return page(null);
        };
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      ResultPages pages = ResultPages.open(blocking, "q", null, pool);
      assertThat(pages.next().nextToken()).isEqualTo("t2");
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

      pages.close();

      assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(pages.hasNext()).isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void neverFetchesMoreThanOnePageAheadOfTheConsumer() {
    AtomicInteger taken = new AtomicInteger();
    AtomicInteger fetched = new AtomicInteger();
    List<Integer> aheadAtFetch = new java.util.concurrent.CopyOnWriteArrayList<>();
    PageFetcher counting =
        (id, token) -> {
          aheadAtFetch.add(fetched.incrementAndGet() - taken.get());
          int n = token == null ? 1 : Integer.parseInt(token);
          return page(n < 50 ? Integer.toString(n + 1) : null);
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (ResultPages pages = ResultPages.open(counting, "q", null, pool)) {
      while (pages.hasNext()) {
        pages.next();
        taken.incrementAndGet();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(fetched.get()).isEqualTo(50);
    // A fetch starts when at most one page is fetched but not yet taken: itself.
    assertThat(aheadAtFetch).allSatisfy(a -> assertThat(a).isBetween(1, 2));
  }

  @Test
  void aRejectedHandOffIsThrownByNext() {
    ResultPages pages =
        ResultPages.open(
            (id, token) -> page(null),
            "q",
            null,
            task -> {
              throw new RejectedExecutionException("shut down");
            });

    assertThat(pages.hasNext()).isTrue();
    assertThatThrownBy(pages::next).isInstanceOf(RejectedExecutionException.class);
    assertThat(pages.hasNext()).isFalse();
  }

  @Test
  void aFetcherErrorIsRethrownAsIs() {
    IllegalStateException boom = new IllegalStateException("boom");
    ResultPages pages =
        ResultPages.open(
            (id, token) -> {
              throw boom;
            },
            "q",
            null,
            Runnable::run);

    assertThatThrownBy(pages::next).isSameAs(boom);
  }
}
