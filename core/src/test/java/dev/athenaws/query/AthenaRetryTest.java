package dev.athenaws.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.retry.Backoff;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AthenaRetryTest {
  @Test
  void defaultsBoundThrottlingAndWaitLongerForTheConcurrencyLimit() {
    AthenaRetry r = AthenaRetry.DEFAULT;

    assertThat(r.throttling()).isEqualTo(Backoff.THROTTLING);
    assertThat(r.maxAttempts()).isEqualTo(5);
    assertThat(r.concurrencyLimit().base()).isEqualTo(Duration.ofSeconds(1));
    assertThat(r.concurrencyLimit().max()).isEqualTo(Duration.ofSeconds(30));
    assertThat(r.concurrencyMaxAttempts()).isEqualTo(8);
    assertThat(AthenaRetry.NONE.maxAttempts()).isEqualTo(1);
  }

  @Test
  void withersReplaceOneField() {
    Backoff b = Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(2));

    assertThat(AthenaRetry.DEFAULT.withMaxAttempts(2).maxAttempts()).isEqualTo(2);
    assertThat(AthenaRetry.DEFAULT.withThrottling(b).throttling()).isEqualTo(b);
    AthenaRetry c = AthenaRetry.DEFAULT.withConcurrencyLimit(b, 3);
    assertThat(c.concurrencyLimit()).isEqualTo(b);
    assertThat(c.concurrencyMaxAttempts()).isEqualTo(3);
  }

  @Test
  void boundsMustAllowOneCall() {
    assertThatThrownBy(() -> AthenaRetry.DEFAULT.withMaxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("maxAttempts");
    assertThatThrownBy(() -> AthenaRetry.DEFAULT.withConcurrencyLimit(Backoff.THROTTLING, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("concurrencyMaxAttempts");
    assertThatThrownBy(() -> AthenaRetry.DEFAULT.withThrottling(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("throttling");
  }
}
