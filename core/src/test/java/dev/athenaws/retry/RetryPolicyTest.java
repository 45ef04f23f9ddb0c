package dev.athenaws.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.internal.retry.Retrier;
import dev.athenaws.testing.FixedRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
  @Test
  void throttlingIsTheThrottlingBackoffForFiveCalls() {
    assertThat(RetryPolicy.THROTTLING)
        .isEqualTo(new RetryPolicy(Backoff.THROTTLING, RetryPolicy.DEFAULT_MAX_ATTEMPTS));
    assertThat(RetryPolicy.DEFAULT_MAX_ATTEMPTS).isEqualTo(5);
    assertThat(RetryPolicy.NONE.maxAttempts()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 20})
  void acceptsOneToTwentyCalls(int maxAttempts) {
    assertThat(RetryPolicy.THROTTLING.withMaxAttempts(maxAttempts).maxAttempts())
        .isEqualTo(maxAttempts);
  }

  @Test
  void theBoundIsCheckedWhereverThePolicyIsMade() {
    assertThatThrownBy(() -> RetryPolicy.THROTTLING.withMaxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be 1..20: 0");
    assertThatThrownBy(() -> new RetryPolicy(Backoff.POLLING, 21))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be 1..20: 21");
    assertThatThrownBy(() -> RetryPolicy.THROTTLING.withBackoff(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("backoff");
  }

  @Test
  void retrierWaitsTheJitteredBackoffAndStopsAtTheBound() throws InterruptedException {
    List<Duration> sleeps = new ArrayList<>();
    Retrier r =
        new Retrier(RetryPolicy.THROTTLING.withMaxAttempts(3), sleeps::add, new FixedRandom(0.5));

    r.pause(1);
    r.pause(2);

    // 200 ms then 400 ms, less a quarter (jitter 0.5 at 0.5).
    assertThat(sleeps).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300));
    assertThat(r.exhausted(2)).isFalse();
    assertThat(r.exhausted(3)).isTrue();
  }
}
