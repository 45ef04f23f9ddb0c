package dev.athenaws.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FaultsTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private Faults faults(double athenaRate, double postRate) {
    return new Faults(athenaRate, postRate, 7, now::get);
  }

  @Test
  void noFaultsNeverFire() {
    Faults f = Faults.none();
    for (int i = 0; i < 1000; i++) {
      assertThat(f.throttleAthenaCall()).isFalse();
      assertThat(f.failPost()).isFalse();
    }
    assertThat(f.athenaCallsThrottled()).isZero();
    assertThat(f.postsFailed()).isZero();
  }

  @Test
  void ratesPickAboutThatFractionReproducibly() {
    Faults a = faults(0.3, 0.1);
    Faults b = faults(0.3, 0.1);
    int throttled = 0;
    for (int i = 0; i < 10_000; i++) {
      boolean t = a.throttleAthenaCall();
      assertThat(b.throttleAthenaCall()).isEqualTo(t);
      throttled += t ? 1 : 0;
    }
    assertThat(throttled).isBetween(2_700, 3_300);
    assertThat(a.athenaCallsThrottled()).isEqualTo(throttled);
    int failed = 0;
    for (int i = 0; i < 10_000; i++) {
      failed += a.failPost() ? 1 : 0;
    }
    assertThat(failed).isBetween(800, 1_200);
  }

  @Test
  void aStormThrottlesEveryCallUntilItEnds() {
    Faults f = faults(0, 0);
    f.throttleAthenaFor(Duration.ofSeconds(2));
    assertThat(f.throttleAthenaCall()).isTrue();
    now.addAndGet(Duration.ofMillis(1_999).toNanos());
    assertThat(f.throttleAthenaCall()).isTrue();
    now.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(f.throttleAthenaCall()).isFalse();
    assertThat(f.athenaCallsThrottled()).isEqualTo(2);
  }

  @Test
  void anOutageFailsEveryPostUntilItEnds() {
    Faults f = faults(0, 0);
    f.failPostsFor(Duration.ofMillis(500));
    assertThat(f.failPost()).isTrue();
    now.addAndGet(Duration.ofMillis(500).toNanos());
    assertThat(f.failPost()).isFalse();
  }

  @Test
  void theNextNPostsFailThenNoMore() {
    Faults f = faults(0, 0);
    f.failNextPosts(3);
    assertThat(f.failPost()).isTrue();
    assertThat(f.failPost()).isTrue();
    assertThat(f.failPost()).isTrue();
    assertThat(f.failPost()).isFalse();
    assertThat(f.postsFailed()).isEqualTo(3);
  }

  @Test
  void clearEndsEveryFault() {
    Faults f = faults(0.5, 0.5);
    f.throttleAthenaFor(Duration.ofHours(1));
    f.failPostsFor(Duration.ofHours(1));
    f.failNextPosts(10);
    f.clear();
    for (int i = 0; i < 100; i++) {
      assertThat(f.throttleAthenaCall()).isFalse();
      assertThat(f.failPost()).isFalse();
    }
  }

  @Test
  void badSettingsAreRefusedWithTheirName() {
    assertThatThrownBy(() -> faults(1, 0)).hasMessageContaining("athenaThrottleRate");
    assertThatThrownBy(() -> faults(0, -0.1)).hasMessageContaining("postErrorRate");
    assertThatThrownBy(() -> faults(0, Double.NaN)).hasMessageContaining("postErrorRate");
    Faults f = faults(0, 0);
    assertThatThrownBy(() -> f.throttleAthenaFor(Duration.ofSeconds(-1)))
        .hasMessageContaining("period");
    assertThatThrownBy(() -> f.failNextPosts(-1)).hasMessageContaining("count");
    assertThatThrownBy(() -> f.failPostsFor(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void postThrottlingAndLatenciesAreSettingsToo() {
    Faults f = faults(0, 0);
    assertThat(f.throttlePost()).isFalse();
    f.postThrottleRate(0.3);
    int throttled = 0;
    for (int i = 0; i < 10_000; i++) {
      throttled += f.throttlePost() ? 1 : 0;
    }
    assertThat(throttled).isBetween(2_700, 3_300);
    f.athenaLatencyMs(40);
    f.postLatencyMs(20);
    f.clear(); // ends the throttling, keeps the latencies
    assertThat(f.throttlePost()).isFalse();
    assertThat(f.athenaLatencyMs()).isEqualTo(40);
    assertThat(f.postLatencyMs()).isEqualTo(20);
    f.getResultsLatencyMs(200);
    assertThat(f.getResultsLatencyMs()).isEqualTo(200);
    assertThat(f.athenaLatencyMs()).isEqualTo(40);
    assertThatThrownBy(() -> f.getResultsLatencyMs(-1)).hasMessageContaining("getResultsLatencyMs");
    assertThatThrownBy(() -> f.postThrottleRate(1)).hasMessageContaining("postThrottleRate");
    assertThatThrownBy(() -> f.athenaLatencyMs(-1)).hasMessageContaining("athenaLatencyMs");
    assertThatThrownBy(() -> f.postLatencyMs(60_001)).hasMessageContaining("postLatencyMs");
  }
}
