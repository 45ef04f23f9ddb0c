package dev.athenaws.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.catalog.QueryCatalog.Caller;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExampleCatalogTest {
  /**
   * The original design's query, exactly as written there (two spaces before region, trailing ;).
   */
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
    Statement bound = catalog.bind(null, Map.of());
    assertThat(bound.sql()).isEqualTo(ORIGINAL);
    assertThat(bound.executionParameters()).isEmpty();
  }

  @Test
  void parameterizedVersionDefaultsToTheOriginalValues() {
    Statement bound = catalog.bind("events-by-name", Map.of());
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
                    Map.of(
                        "eventName",
                        "DeleteTable",
                        "region",
                        "us-gov-west-1",
                        "startDate",
                        "2022/01/01"))
                .executionParameters())
        .containsExactly("'DeleteTable'", "'us-gov-west-1'", "'2022/01/01'", "'2021/09/01'");
    QueryCatalogBindTest.assertInvalid(
        () -> catalog.bind("events-by-name", Map.of("eventName", "Create Table")),
        "eventName",
        "pattern");
    QueryCatalogBindTest.assertInvalid(
        () -> catalog.bind("events-by-name", Map.of("region", "ap-northeast-1' OR '1'='1")),
        "region",
        "pattern");
    QueryCatalogBindTest.assertInvalid(
        () -> catalog.bind("events-by-name", Map.of("startDate", "2021-08-01")),
        "startDate",
        "pattern");
  }

  @Test
  void topEventNamesBindsItsHourWindow() {
    assertThat(
            catalog
                .bind("top-event-names", Map.of("fromHour", new BigDecimal("9"), "toHour", "17"))
                .executionParameters())
        .containsExactly("'ap-northeast-1'", "'2021/08/01'", "'2021/09/01'", "9", "17");
    assertThat(catalog.bind("top-event-names", Map.of()).executionParameters()).endsWith("0", "23");
    QueryCatalogBindTest.assertInvalid(
        () -> catalog.bind("top-event-names", Map.of("toHour", new BigDecimal("24"))),
        "toHour",
        "must be <= 23");
    QueryCatalogBindTest.assertInvalid(
        () -> catalog.bind("top-event-names", Map.of("fromHour", new BigDecimal("-1"))),
        "fromHour",
        "must be >= 0");
  }

  @Test
  void markersOnlyInWhereClauses() {
    // Athena: "? parameters can only be placed in the WHERE clause" (Use parameterized queries,
    // Considerations and limitations). Every marker of the example sits after WHERE and before
    // GROUP BY / ORDER BY / LIMIT.
    for (NamedQuery q : catalog.queries()) {
      String sql = q.sql();
      int where = sql.indexOf(" WHERE ");
      int firstMarker = sql.indexOf('?');
      int lastMarker = sql.lastIndexOf('?');
      int tail =
          firstNonNegative(
              sql.indexOf(" GROUP BY "),
              sql.indexOf(" ORDER BY "),
              sql.indexOf(" LIMIT "),
              sql.length());
      if (firstMarker >= 0) {
        assertThat(firstMarker).as(q.name()).isGreaterThan(where).isPositive();
        assertThat(lastMarker).as(q.name()).isLessThan(tail);
      }
    }
  }

  private static int firstNonNegative(int... indexes) {
    for (int i : indexes) {
      if (i >= 0) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void errorsByRegionRequiresDates() {
    QueryCatalogBindTest.assertInvalid(
        () -> catalog.bind("errors-by-region", Map.of()), "startDate", "is required");
    assertThat(
            catalog
                .bind(
                    "errors-by-region",
                    Map.of("startDate", "2021/08/01", "endDate", "2021/08/31", "readOnly", "true"))
                .executionParameters())
        .containsExactly("'true'", "'2021/08/01'", "'2021/08/31'");
  }

  @Test
  void eventsForMyAccountTakesTheAccountFromTheCallersClaim() {
    Caller caller = Caller.of(Set.of(), Map.of("account", "210987654321"));
    assertThat(
            catalog
                .bind("events-for-my-account", Map.of("startDate", "2021/08/02"), caller)
                .executionParameters())
        .containsExactly("'210987654321'", "'2021/08/02'", "'2021/08/01'");
    QueryCatalogBindTest.assertInvalid(
        () -> catalog.bind("events-for-my-account", Map.of("account", "210987654321"), caller),
        "account",
        "is set from your identity; do not send it");
  }
}
