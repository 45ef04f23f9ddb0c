package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaQuery;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;

/**
 * A call Athena never answers ends with the client's attempt timeout ({@code
 * ApiCallAttemptTimeoutException}) and is retried. The timeout is real time, kept short.
 */
class AttemptTimeoutWireTest {
  private final VirtualTime time = new VirtualTime();
  private final FakeAthena fake = FakeAthena.start(time);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    fake.close();
  }

  @Test
  void anUnansweredPageRequestTimesOutAndIsRetried() {
    String id =
        fake.addQuery(
            FakeAthenaQuery.builder()
                .column("n", "integer")
                .page(List.of("n"), List.of("1"))
                .build());
    PageFetcher fetcher =
        PageFetcher.builder(fake.client(Duration.ofSeconds(1))).sleeper(time).build();
    fetcher.fetch(id, null); // a first call loads the SDK's classes: later ones are quick
    AtomicInteger seen = new AtomicInteger();
    // (a cold first call may itself take longer than the timeout: count from here)
    int callsBefore = fake.calls(FakeAthena.RESULTS);
    int sleepsBefore = time.sleeps().size();
    fake.hook(
        r -> {
          if (r.operation().equals(FakeAthena.RESULTS) && seen.getAndIncrement() == 0) {
            release.await(10, TimeUnit.SECONDS); // never answered within the attempt timeout
          }
        });

    GetQueryResultsResponse page = fetcher.fetch(id, null);

    assertThat(page.resultSet().rows()).hasSize(2);
    assertThat(fake.calls(FakeAthena.RESULTS) - callsBefore).isEqualTo(2);
    assertThat(time.sleeps().size() - sleepsBefore).isEqualTo(1);
  }
}
