package dev.athenaws.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.Continuation;
import org.junit.jupiter.api.Test;

class ContinuationTest {
  @Test
  void aPositionIsConsistentOrRefused() {
    assertThat(Continuation.start().isStart()).isTrue();
    assertThat(new Continuation("t", 2, 1, 3, 1, -1).isStart()).isFalse();
    assertThatThrownBy(() -> new Continuation(null, 2, 1, 3, 1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("page 2");
    // A token at page 1 would make the next run skip the first row of a later page as the header.
    assertThatThrownBy(() -> new Continuation("t", 1, 0, 0, 0, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("page 1");
    assertThatThrownBy(() -> new Continuation("t", 2, -1, 0, 0, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
