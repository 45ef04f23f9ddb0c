package dev.athenaws.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The memory benchmark's extra handler environment ({@code -Dmemory.env}). */
class PushChildTest {
  @Test
  void extraEnvironmentIsAListOfNameValuePairs() {
    assertThat(PushChild.environment("")).isEmpty();
    assertThat(PushChild.environment("A=s3, B = x=y ,"))
        .containsExactly(java.util.Map.entry("A", "s3"), java.util.Map.entry("B", "x=y"));
    assertThatThrownBy(() -> PushChild.environment("NOVALUE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NOVALUE");
  }
}
