package dev.athenaws.lambda.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.Continuation;
import dev.athenaws.catalog.Statement;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuerySpecTest {
  @Test
  void namedCopiesAndSortsParameters() {
    Map<String, Object> p = new HashMap<>();
    p.put("b", "x");
    p.put("a", null);
    QuerySpec.Named named = new QuerySpec.Named("q", p);
    p.put("c", "later");
    assertThat(named.parameters().keySet()).containsExactly("a", "b");
    assertThat(named.parameters()).containsEntry("a", null).containsEntry("b", "x");
    assertThatThrownBy(() -> named.parameters().put("d", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void namedRejectsOtherValueTypesNamingTheParameter() {
    assertThatThrownBy(() -> new QuerySpec.Named("q", Map.of("n", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parameter n must be a string, decimal, boolean or null, not Integer");
    assertThatThrownBy(() -> new QuerySpec.Named("q", Map.of("n", new BigDecimal("1E+10000"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parameter n: decimal scale out of range");
  }

  @Test
  void namedRejectsBlankNameAndNulls() {
    assertThatThrownBy(() -> new QuerySpec.Named(" ", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank");
    assertThatThrownBy(() -> new QuerySpec.Named(null, Map.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
    assertThatThrownBy(() -> new QuerySpec.Named("q", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("parameters");
    Map<String, Object> nullKey = new HashMap<>();
    nullKey.put(null, "x");
    assertThatThrownBy(() -> new QuerySpec.Named("q", nullKey))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("parameter name");
  }

  @Test
  void renderedCarriesAStatement() {
    Statement statement = new Statement("SELECT ?", List.of("1"), "q1");
    assertThat(new QuerySpec.Rendered(statement).statement()).isSameAs(statement);
    assertThatThrownBy(() -> new QuerySpec.Rendered(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("statement");
  }

  @Test
  void runningNeedsAnIdAndAContinuation() {
    QuerySpec.Running r = new QuerySpec.Running("qid-1", null, Continuation.start());
    assertThat(r.from().isStart()).isTrue();
    assertThatThrownBy(() -> new QuerySpec.Running(null, null, Continuation.start()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("queryExecutionId");
    assertThatThrownBy(() -> new QuerySpec.Running("qid-1", null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("from");
    assertThatThrownBy(() -> new QuerySpec.Running("", null, Continuation.start()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queryExecutionId must be 1..128 characters");
    assertThatThrownBy(() -> new QuerySpec.Running("x".repeat(129), null, Continuation.start()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new QuerySpec.Running("qid-1", "", Continuation.start()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queryName must not be blank");
  }
}
