package dev.athenaws.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteSelectorTest {
  private final RouteSelector selector =
      new RouteSelector(Set.of("query", "listQueries", "$default"));

  @Test
  void selectsOnTheTopLevelStringAction() {
    assertThat(selector.select("{\"action\":\"query\"}")).isEqualTo("query");
    assertThat(selector.select("{\"x\":{\"action\":\"nested\"},\"action\":\"listQueries\"}"))
        .isEqualTo("listQueries");
  }

  @Test
  void everythingElseGoesToDefault() {
    assertThat(selector.select("{\"action\":\"drop\"}")).isEqualTo("$default");
    assertThat(selector.select("{\"action\":1}")).isEqualTo("$default");
    assertThat(selector.select("{\"query\":\"x\"}")).isEqualTo("$default");
    assertThat(selector.select("not json")).isEqualTo("$default");
    assertThat(selector.select("{\"action\":\"query\"")).isEqualTo("$default");
    assertThat(selector.select("{\"action\":\"query\"} trailing")).isEqualTo("$default");
    assertThat(selector.select("[\"query\"]")).isEqualTo("$default");
    assertThat(selector.select("")).isEqualTo("$default");
  }
}
