package dev.athenaws.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.retry.VirtualTime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ThrottledCheckTest {
  private final VirtualTime time = new VirtualTime();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicBoolean answer = new AtomicBoolean();
  private final ThrottledCheck check =
      new ThrottledCheck(
          () -> {
            calls.incrementAndGet();
            return answer.get();
          },
          time);

  @Test
  void callsThroughAtMostOncePerInterval() {
    assertThat(check.getAsBoolean()).isFalse();
    answer.set(true);
    time.advance(ThrottledCheck.EVERY.minusMillis(1));
    assertThat(check.getAsBoolean()).isFalse(); // the true answer is not asked for yet
    assertThat(calls).hasValue(1);
    time.advance(Duration.ofMillis(1));
    assertThat(check.getAsBoolean()).isTrue();
    assertThat(calls).hasValue(2);
  }

  @Test
  void onceTrueStaysTrueWithoutAskingAgain() {
    answer.set(true);
    assertThat(check.getAsBoolean()).isTrue();
    answer.set(false);
    time.advance(Duration.ofHours(1));
    assertThat(check.getAsBoolean()).isTrue();
    assertThat(calls).hasValue(1);
  }
}
