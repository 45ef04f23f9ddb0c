package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestKeyTest {
  private static final String SQL = "SELECT * FROM t WHERE a = ?";

  @Test
  void theSameRequestAlwaysGetsTheSameKey() {
    RequestKey a = RequestKey.of("conn=", "r1", SQL, List.of("'x'"));
    RequestKey b = RequestKey.of("conn=", "r1", SQL, List.of("'x'"));

    assertThat(a).isEqualTo(b);
    // Pinned: a change of the derivation would break idempotency across a deployment.
    assertThat(a.hex())
        .isEqualTo("fc9cfd0294149eb798a6ba6eb7aeeed4a4648b0002bc5d1998b4ec3b6da47a10");
    assertThat(a.clientRequestToken()).hasSizeBetween(32, 128);
    assertThat(a.executionName()).matches("[A-Za-z0-9_-]{1,80}");
  }

  @Test
  void anyDifferenceGivesAnotherKey() {
    RequestKey base = RequestKey.of("c", "r1", SQL, List.of("'x'"));

    assertThat(RequestKey.of("c2", "r1", SQL, List.of("'x'"))).isNotEqualTo(base);
    assertThat(RequestKey.of("c", "r2", SQL, List.of("'x'"))).isNotEqualTo(base);
    assertThat(RequestKey.of("c", "r1", SQL + " ", List.of("'x'"))).isNotEqualTo(base);
    assertThat(RequestKey.of("c", "r1", SQL, List.of("'y'"))).isNotEqualTo(base);
    assertThat(RequestKey.of("c", "", SQL, List.of("'x'"))).isNotEqualTo(base);
    // Field boundaries matter: no collision by shifting characters between fields.
    assertThat(RequestKey.of("ab", "c", SQL, List.of())).isNotEqualTo(RequestKey.of("a", "bc", SQL, List.of()));
  }

  @Test
  void rejectsMalformedKeys() {
    assertThatThrownBy(() -> new RequestKey("xyz")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestKey.of(null, "r", SQL, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("connectionId");
    // No identity would make every identical query on a connection share the first execution.
    assertThatThrownBy(() -> RequestKey.of("c", null, SQL, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("requestIdentity");
  }
}
