package dev.athenaws.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BackoffTest {
  /** A random source that always returns the same double. */
  private static RandomGenerator fixed(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new AssertionError("not used");
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  @Test
  void pollingDefaultsDoubleFrom100MillisTo5Seconds() {
    Backoff p = Backoff.POLLING;

    assertThat(p.ceiling(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.ceiling(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.ceiling(6)).isEqualTo(Duration.ofMillis(3200));
    assertThat(p.ceiling(7)).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.ceiling(1000)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void jitterTakesAFractionOffTheCeiling() {
    Backoff p = Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(8)).withJitter(0.5);

    assertThat(p.delay(1, fixed(0.0))).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.delay(1, fixed(0.5))).isEqualTo(Duration.ofMillis(750));
    assertThat(p.delay(3, fixed(0.75))).isEqualTo(Duration.ofMillis(2500));
    assertThat(p.withJitter(0).delay(4, fixed(0.7))).isEqualTo(Duration.ofSeconds(8));
  }

  @Property(tries = 300)
  void delayStaysWithinItsBounds(
      @ForAll @IntRange(min = 1, max = 200) int attempt,
      @ForAll @DoubleRange(min = 0, max = 1) double jitter,
      @ForAll @DoubleRange(min = 0, max = 0.99) double r) {
    Backoff p = Backoff.POLLING.withJitter(jitter);

    Duration d = p.delay(attempt, fixed(r));

    assertThat(d).isLessThanOrEqualTo(p.ceiling(attempt)).isLessThanOrEqualTo(p.max());
    assertThat(d.toNanos())
        .isGreaterThanOrEqualTo((long) (p.ceiling(attempt).toNanos() * (1 - jitter)) - 1);
  }

  @Test
  void rejectsInvalidSettingsNamingTheParameter() {
    Duration s = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, s, 2, 0)).hasMessageContaining("base");
    assertThatThrownBy(() -> new Backoff(s, Duration.ofMillis(1), 2, 0))
        .hasMessageContaining("max");
    assertThatThrownBy(() -> new Backoff(s, s, 0.5, 0)).hasMessageContaining("multiplier");
    assertThatThrownBy(() -> new Backoff(s, s, Double.NaN, 0)).hasMessageContaining("multiplier");
    assertThatThrownBy(() -> new Backoff(s, s, 2, 1.5)).hasMessageContaining("jitter");
    assertThatThrownBy(() -> new Backoff(null, s, 2, 0)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Backoff.POLLING.ceiling(0)).hasMessageContaining("attempt");
  }
}
