package dev.athenaws.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.notify.Connection;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.notify.PostOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The window's size, step by step, with posts that complete as they are issued (a direct executor):
 * no thread timing involved, so each step is exact. PostWindowTest covers the same rules with posts
 * completing out of order on real threads.
 */
class PostWindowLimitTest {
  private final List<String> posted = new ArrayList<>();

  /** Post k is delivered at the first attempt, except those listed: after 3 (throttled). */
  private ConnectionNotifier notifier(int... throttled) {
    return new ConnectionNotifier() {
      @Override
      public PostOutcome post(Connection connection, byte[] payload) {
        String message = new String(payload, StandardCharsets.UTF_8);
        posted.add(message);
        for (int t : throttled) {
          if (message.equals("m" + t)) {
            return new PostOutcome.Delivered(3);
          }
        }
        return new PostOutcome.Delivered(1);
      }

      @Override
      public PostOutcome disconnect(Connection connection) {
        return new PostOutcome.Delivered(1);
      }
    };
  }

  private List<Integer> sizesAfterEachOffer(PostWindow window, int posts) {
    List<Integer> sizes = new ArrayList<>();
    for (int k = 0; k < posts; k++) {
      assertThat(window.offer(("m" + k).getBytes(StandardCharsets.UTF_8))).isNull();
      sizes.add(window.inFlight());
    }
    assertThat(window.drain()).isNull();
    return sizes;
  }

  private PostWindow window(ConnectionNotifier notifier, int max) {
    return new PostWindow(
        new Messenger(notifier),
        new PublishTarget(Connection.of("c"), "r", "q"),
        Runnable::run,
        max);
  }

  @Test
  void theWindowFillsToItsMaximum() {
    assertThat(sizesAfterEachOffer(window(notifier(), 4), 8))
        .containsExactly(1, 2, 3, 4, 4, 4, 4, 4);
  }

  @Test
  void aThrottledPostShrinksTheWindowToOneThenEachPostThroughAtOnceWidensItByOne() {
    // m2 needed retries. It is settled when m6 needs room: the window drops to 1 (m3..m5, issued
    // before the throttle was seen, are settled first), then every post issued after the shrink
    // and delivered at once widens it by one, back to 4.
    List<Integer> sizes = sizesAfterEachOffer(window(notifier(2), 4), 16);

    assertThat(sizes.subList(0, 6)).containsExactly(1, 2, 3, 4, 4, 4);
    assertThat(sizes.get(6)).isEqualTo(1);
    assertThat(sizes.subList(6, 16)).isSorted().endsWith(4);
    assertThat(posted).hasSize(16).doesNotHaveDuplicates();
  }
}
