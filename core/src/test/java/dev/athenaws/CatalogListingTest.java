package dev.athenaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.catalog.QueryCatalog.Caller;
import dev.athenaws.internal.protocol.CatalogEntry;
import dev.athenaws.internal.protocol.MessageEncoder;
import dev.athenaws.internal.protocol.ServerMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogListingTest {
  private final List<CatalogEntry> entries =
      CatalogListing.of(QueryCatalog.fromClasspath(QueryCatalog.CLOUDTRAIL_EXAMPLE))
          .visibleTo(Caller.ANONYMOUS);

  @Test
  void listsEveryQueryInOrderWithTheDefaultMarked() {
    assertThat(entries)
        .extracting(CatalogEntry::name)
        .startsWith("create-table-events", "events-by-name", "top-event-names", "errors-by-region");
    assertThat(entries)
        .filteredOn(CatalogEntry::isDefault)
        .extracting(CatalogEntry::name)
        .containsExactly("create-table-events");
  }

  @Test
  void describesParametersForAFormAndNeverTheSql() {
    String json =
        new String(
            new MessageEncoder().encode(new ServerMessage.Catalog("r", entries)),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json).doesNotContain("SELECT").doesNotContain("cloudtrail_logs");
    assertThat(json)
        .contains(
            "\"name\":\"fromHour\"",
            "\"type\":\"integer\"",
            "\"min\":0",
            "\"max\":23",
            "\"default\":0",
            "\"enum\":[\"true\",\"false\"]");
  }
}
