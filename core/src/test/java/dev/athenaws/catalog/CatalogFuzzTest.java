package dev.athenaws.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.athenaws.error.CatalogException;
import dev.athenaws.error.InvalidParameterException;
import java.util.Map;

/**
 * Any catalog text either loads or fails with {@link CatalogException}; any client value either
 * binds or fails with {@link InvalidParameterException}. Runs its seeds in regression mode during
 * the normal build. To fuzz: {@code JAZZER_FUZZ=1
 * JAZZER_DISABLED_HOOKS=com.code_intelligence.jazzer.sanitizers.RegexInjection mvn -o -pl core test
 * -Dtest='CatalogFuzzTest#loadingFailsOnlyWithCatalogException'}; the regex-injection sanitizer is
 * off because compiling the catalog author's {@code pattern} is the intended behaviour (catalog
 * files are trusted deployment configuration, client values are never compiled).
 */
class CatalogFuzzTest {
  private static final QueryCatalog EXAMPLE = QueryCatalog.cloudTrailExample();

  @FuzzTest(maxDuration = "10s")
  void loadingFailsOnlyWithCatalogException(FuzzedDataProvider data) {
    String json = data.consumeRemainingAsString();
    try {
      QueryCatalog catalog = QueryCatalog.fromJsonString(json);
      assertThat(catalog.queries()).isNotEmpty();
    } catch (CatalogException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "10s")
  void bindingFailsOnlyWithInvalidParameter(FuzzedDataProvider data) {
    String value = data.consumeRemainingAsString();
    try {
      Statement bound = EXAMPLE.bind("events-by-name", Map.of("eventName", value));
      assertThat(bound.executionParameters().get(0)).isEqualTo("'" + value + "'");
    } catch (InvalidParameterException expected) {
      assertThat(expected.parameter()).isEqualTo("eventName");
    }
  }
}
