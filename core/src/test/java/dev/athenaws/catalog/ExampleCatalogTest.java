package dev.athenaws.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleCatalogTest {
  /** The original design's query, exactly as written there (two spaces before region, trailing ;). */
  private static final String ORIGINAL =
      "SELECT * FROM cloudtrail_logs_partition_projection WHERE eventname = 'CreateTable' AND  "
          + "region = 'ap-northeast-1' AND date BETWEEN '2021/08/01' AND '2021/09/01';";

  private final QueryCatalog catalog = QueryCatalog.cloudTrailExample();

  @Test
  void defaultQueryIsTheOriginalQueryByteForByte() {
    NamedQuery query = catalog.defaultQuery().orElseThrow();
    assertThat(query.name()).isEqualTo("create-table-events");
    assertThat(query.parameters()).isEmpty();
    assertThat(query.sql().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(ORIGINAL.getBytes(StandardCharsets.UTF_8));
    BoundQuery bound = catalog.bind(null, Map.of());
    assertThat(bound.sql()).isEqualTo(ORIGINAL);
    assertThat(bound.executionParameters()).isEmpty();
  }

  @Test
  void parameterizedVersionDefaultsToTheOriginalValues() {
    BoundQuery bound = catalog.bind("events-by-name", Map.of());
    assertThat(bound.sql())
        .isEqualTo(
            "SELECT * FROM cloudtrail_logs_partition_projection WHERE eventname = ? AND region = ?"
                + " AND date BETWEEN ? AND ?");
    assertThat(bound.executionParameters())
        .containsExactly("'CreateTable'", "'ap-northeast-1'", "'2021/08/01'", "'2021/09/01'");
    assertThat(catalog.find("events-by-name").orElseThrow().columnTypes())
        .containsEntry("resources", "array(row(arn varchar, accountid varchar, type varchar))");
  }

  @Test
  void parameterizedVersionValidatesItsPatterns() {
    assertThat(
            catalog
                .bind(
                    "events-by-name",
                    Map.of("eventName", "DeleteTable", "region", "us-gov-west-1",
                        "startDate", "2022/01/01"))
                .executionParameters())
        .containsExactly("'DeleteTable'", "'us-gov-west-1'", "'2022/01/01'", "'2021/09/01'");
    QueryCatalogBindTest.assertInvalid(
        () -> catalog.bind("events-by-name", Map.of("eventName", "Create Table")),
        "eventName", "pattern");
    QueryCatalogBindTest.assertInvalid(
        () -> catalog.bind("events-by-name", Map.of("region", "ap-northeast-1' OR '1'='1")),
        "region", "pattern");
    QueryCatalogBindTest.assertInvalid(
        () -> catalog.bind("events-by-name", Map.of("startDate", "2021-08-01")),
        "startDate", "pattern");
  }

  @Test
  void topEventNamesBindsItsLimit() {
    assertThat(catalog.bind("top-event-names", Map.of("limit", new BigDecimal("100")))
            .executionParameters())
        .containsExactly("'ap-northeast-1'", "'2021/08/01'", "'2021/09/01'", "100");
    QueryCatalogBindTest.assertInvalid(
        () -> catalog.bind("top-event-names", Map.of("limit", new BigDecimal("1001"))),
        "limit", "must be <= 1000");
    QueryCatalogBindTest.assertInvalid(
        () -> catalog.bind("top-event-names", Map.of("limit", BigDecimal.ZERO)),
        "limit", "must be >= 1");
  }

  @Test
  void errorsByRegionRequiresDates() {
    QueryCatalogBindTest.assertInvalid(
        () -> catalog.bind("errors-by-region", Map.of()), "startDate", "is required");
    assertThat(
            catalog
                .bind("errors-by-region", Map.of("startDate", "2021/08/01", "endDate", "2021/08/31",
                    "readOnly", "true"))
                .executionParameters())
        .containsExactly("'true'", "'2021/08/01'", "'2021/08/31'");
  }
}
