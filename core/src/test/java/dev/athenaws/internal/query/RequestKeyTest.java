package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.catalog.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestKeyTest {
  private static final String SQL = "SELECT * FROM t WHERE a = ?";

  @Test
  void theSameRequestAlwaysGetsTheSameKey() {
    RequestKey a = RequestKey.of("conn=", "r1", new Statement(SQL, List.of("'x'"), null));
    RequestKey b = RequestKey.of("conn=", "r1", new Statement(SQL, List.of("'x'"), null));

    assertThat(a).isEqualTo(b);
    // Pinned: a change of the derivation would break idempotency across a deployment.
    assertThat(a.hex())
        .isEqualTo("fc9cfd0294149eb798a6ba6eb7aeeed4a4648b0002bc5d1998b4ec3b6da47a10");
    assertThat(a.clientRequestToken()).hasSizeBetween(32, 128);
    assertThat(a.executionName()).matches("[A-Za-z0-9_-]{1,80}");
  }

  @Test
  void anyDifferenceGivesAnotherKey() {
    RequestKey base = RequestKey.of("c", "r1", new Statement(SQL, List.of("'x'"), null));
    // The key is the statement's text and literals: a catalog query and raw SQL of the same text
    // are the same statement to Athena.
    assertThat(RequestKey.of("c", "r1", new Statement(SQL, List.of("'x'"), "q"))).isEqualTo(base);

    assertThat(RequestKey.of("c2", "r1", new Statement(SQL, List.of("'x'"), null)))
        .isNotEqualTo(base);
    assertThat(RequestKey.of("c", "r2", new Statement(SQL, List.of("'x'"), null)))
        .isNotEqualTo(base);
    assertThat(RequestKey.of("c", "r1", new Statement(SQL + " ", List.of("'x'"), null)))
        .isNotEqualTo(base);
    assertThat(RequestKey.of("c", "r1", new Statement(SQL, List.of("'y'"), null)))
        .isNotEqualTo(base);
    assertThat(RequestKey.of("c", "", new Statement(SQL, List.of("'x'"), null))).isNotEqualTo(base);
    // Field boundaries matter: no collision by shifting characters between fields.
    assertThat(RequestKey.of("ab", "c", new Statement(SQL, List.of("'x'"), null)))
        .isNotEqualTo(RequestKey.of("a", "bc", new Statement(SQL, List.of("'x'"), null)));
  }

  @Test
  void rejectsMalformedKeys() {
    assertThatThrownBy(() -> new RequestKey("xyz")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestKey.of(null, "r", new Statement(SQL, List.of("'x'"), null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("connectionId");
    // No identity would make every identical query on a connection share the first execution.
    assertThatThrownBy(() -> RequestKey.of("c", null, new Statement(SQL, List.of("'x'"), null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("requestIdentity");
    assertThatThrownBy(() -> RequestKey.of("c", "r", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("statement");
  }
}
