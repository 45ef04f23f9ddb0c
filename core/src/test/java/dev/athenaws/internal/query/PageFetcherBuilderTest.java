package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.athena.AthenaClient;

class PageFetcherBuilderTest {
  private final PageFetcher.Builder builder = PageFetcher.builder(mock(AthenaClient.class));

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 1001})
  void maxResultsMustBeWithinAthenasBounds(int maxResults) {
    assertThatThrownBy(() -> builder.maxResults(maxResults))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("maxResults");
  }

  @Test
  void nullsAreRejectedByName() {
    assertThatThrownBy(() -> builder.retry(null)).hasMessage("retry");
    assertThatThrownBy(() -> builder.sleeper(null)).hasMessage("sleeper");
    assertThatThrownBy(() -> builder.random(null)).hasMessage("random");
    assertThatThrownBy(() -> PageFetcher.builder(null)).hasMessage("client");
  }
}
