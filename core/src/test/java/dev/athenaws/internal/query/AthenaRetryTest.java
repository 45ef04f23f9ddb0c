package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.retry.Backoff;
import dev.athenaws.retry.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AthenaRetryTest {
  @Test
  void defaultsBoundThrottlingAndWaitLongerForTheConcurrencyLimit() {
    AthenaRetry r = AthenaRetry.DEFAULT;

    assertThat(r.throttling().backoff()).isEqualTo(Backoff.THROTTLING);
    assertThat(r.throttling().maxAttempts()).isEqualTo(5);
    assertThat(r.concurrencyLimit().backoff().base()).isEqualTo(Duration.ofSeconds(1));
    assertThat(r.concurrencyLimit().backoff().max()).isEqualTo(Duration.ofSeconds(30));
    assertThat(r.concurrencyLimit().maxAttempts()).isEqualTo(8);
    assertThat(AthenaRetry.NONE.throttling().maxAttempts()).isEqualTo(1);
    assertThat(AthenaRetry.NONE.concurrencyLimit().maxAttempts()).isEqualTo(1);
  }

  @Test
  void withersReplaceOneField() {
    RetryPolicy p =
        new RetryPolicy(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(2)), 3);

    assertThat(AthenaRetry.DEFAULT.withThrottling(p))
        .isEqualTo(new AthenaRetry(p, AthenaRetry.CONCURRENCY_LIMIT));
    assertThat(AthenaRetry.DEFAULT.withConcurrencyLimit(p))
        .isEqualTo(new AthenaRetry(RetryPolicy.THROTTLING, p));
  }

  @Test
  void boundsMustAllowOneCallAndPoliciesAreRequired() {
    assertThatThrownBy(
            () -> AthenaRetry.DEFAULT.withThrottling(RetryPolicy.THROTTLING.withMaxAttempts(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("maxAttempts");
    assertThatThrownBy(() -> AthenaRetry.DEFAULT.withThrottling(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("throttling");
    assertThatThrownBy(() -> AthenaRetry.DEFAULT.withConcurrencyLimit(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("concurrencyLimit");
  }
}
