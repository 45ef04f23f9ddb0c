package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.local.LocalStack;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The whole stack started with {@code --idle-timeout 2s}: a quiet client is closed. */
class IdleTimeoutE2ETest {
  @Test
  void aQuietClientIsClosedWith1001AfterTheFlagsIdleTimeout() throws Exception {
    try (LocalStack stack = Stacks.start("--idle-timeout", "2s", "--events", "0")) {
      long started = System.nanoTime(); // before the upgrade, so before the idle timer starts
      try (WsClient c = WsClient.connect(stack.webSocketUri())) {

        assertThat(c.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1001);

        // 50 ms of slack: the gateway's wall clock and this nano clock may disagree a little
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
            .isGreaterThanOrEqualTo(1_950);
        // the gateway forgets the connection once the client's answering close frame arrives
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stack.gateway().openConnections() > 0 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertThat(stack.gateway().openConnections()).isZero();
      }
    }
  }
}
