package dev.athenaws.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.retry.Backoff;
import dev.athenaws.retry.RetryPolicy;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeManagementApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real ApiGatewayManagementApiClient against an in-process management API. */
class ApiGatewayNotifierWireTest {
  /** Jitter draws 0: every delay is exactly the backoff ceiling. */
  private static final RandomGenerator NO_JITTER = () -> 0L;

  private final FakeManagementApi api = FakeManagementApi.start();
  private final VirtualTime time = new VirtualTime();
  private final AtomicInteger clientsBuilt = new AtomicInteger();
  private final ConnectionNotifier notifier =
      ApiGateway.notifier()
          .clientFactory(
              ref -> {
                clientsBuilt.incrementAndGet();
                return api.client();
              })
          .retry(
              RetryPolicy.THROTTLING.withBackoff(
                  Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(10))))
          .sleeper(time)
          .random(NO_JITTER)
          .build();

  @AfterEach
  void close() {
    notifier.close();
    api.close();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void deliversTheExactBytesToAnIdThatNeedsEncoding() {
    Connection c = api.connect("L0SM9cOFvHcCIhw=");

    PostOutcome outcome = notifier.post(c, utf8("{\"type\":\"accepted\",\"message\":\"ü\"}"));

    assertThat(outcome).isEqualTo(new PostOutcome.Delivered(1));
    assertThat(api.messages("L0SM9cOFvHcCIhw="))
        .containsExactly("{\"type\":\"accepted\",\"message\":\"ü\"}");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void goneIsFinalAfterOneCall() {
    Connection c = api.connect("c1");
    api.goneAfter("c1", 0);

    assertThat(notifier.post(c, utf8("{}"))).isEqualTo(new PostOutcome.Gone());
    assertThat(api.posts("c1")).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void throttledPostsAreRetriedWithBackoffAndKeepTheirOrder() {
    Connection c = api.connect("c1");
    api.failNext("c1", 429, 429);

    List<PostOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      if (i == 2) {
        api.failNext("c1", 429);
      }
      outcomes.add(notifier.post(c, utf8("{\"seq\":" + i + "}")));
    }

    assertThat(outcomes)
        .containsExactly(
            new PostOutcome.Delivered(3),
            new PostOutcome.Delivered(1),
            new PostOutcome.Delivered(2));
    assertThat(api.messages("c1")).containsExactly("{\"seq\":0}", "{\"seq\":1}", "{\"seq\":2}");
    assertThat(time.sleeps())
        .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(200));
  }

  @Test
  void throttlingThatNeverEndsGivesUpAfterTheBound() {
    Connection c = api.connect("c1");
    api.failNext("c1", 429, 429, 429, 429, 429, 429, 429);

    assertThat(notifier.post(c, utf8("{}"))).isEqualTo(new PostOutcome.Throttled(5, 429));
    assertThat(api.posts("c1")).isEqualTo(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
    assertThat(api.messages("c1")).isEmpty();
    assertThat(time.sleeps()).hasSize(4);
  }

  @Test
  void serverErrorsAreRetriedLikeThrottling() {
    Connection c = api.connect("c1");
    api.failNext("c1", 500, 503);

    assertThat(notifier.post(c, utf8("{}"))).isEqualTo(new PostOutcome.Delivered(3));
    assertThat(api.messages("c1")).hasSize(1);
  }

  @Test
  void forbiddenAndTooLargeAreNotRetried() {
    Connection c = api.connect("c1");
    api.failNext("c1", 403);

    assertThat(notifier.post(c, utf8("{}")))
        .isEqualTo(
            new PostOutcome.Rejected(PostOutcome.Reason.FORBIDDEN, 403, "ForbiddenException"));
    assertThat(notifier.post(c, new byte[FakeManagementApi.MAX_PAYLOAD + 1]))
        .isEqualTo(
            new PostOutcome.Rejected(
                PostOutcome.Reason.PAYLOAD_TOO_LARGE, 413, "PayloadTooLargeException"));
    assertThat(api.posts("c1")).isEqualTo(2);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void disconnectClosesTheConnection() {
    Connection c = api.connect("c1");

    assertThat(notifier.disconnect(c)).isEqualTo(new PostOutcome.Delivered(1));
    assertThat(api.isOpen("c1")).isFalse();
    assertThat(notifier.disconnect(c)).isEqualTo(new PostOutcome.Gone());
    assertThat(notifier.post(c, utf8("{}"))).isEqualTo(new PostOutcome.Gone());
  }

  @Test
  void oneClientPerEndpointAcrossThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<PostOutcome>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Connection c = api.connect("c" + (i % 4));
        futures.add(pool.submit(() -> notifier.post(c, utf8("{}"))));
      }
      for (Future<PostOutcome> f : futures) {
        assertThat(f.get(10, TimeUnit.SECONDS).delivered()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(clientsBuilt).hasValue(1);
  }
}
