package dev.athenaws.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;

/** Checks that both sides of the benchmark do the same work (rows, sizes); no timing asserted. */
class MapAndEncodeBenchmarkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void typedAndBaselineDeliverEveryRowInMessagesUnderTheLimit() throws IOException {
    List<GetQueryResultsResponse> pages = SyntheticPages.generate(5, 1000, 7);
    List<byte[]> typed = new ArrayList<>();
    List<byte[]> baseline = new ArrayList<>();

    long typedRows = MapAndEncodeBenchmark.runTyped(pages, typed::add);
    long baselineRows = MapAndEncodeBenchmark.runBaseline(pages, new JsonFactory(), baseline::add);

    assertThat(typedRows).isEqualTo(5000);
    assertThat(baselineRows).isEqualTo(5000);
    assertThat(count(typed)).isEqualTo(5000);
    assertThat(count(baseline)).isEqualTo(5000);
    for (byte[] m : typed) {
      assertThat(m.length).isLessThanOrEqualTo(98_304);
    }
    JsonNode firstRow = JSON.readTree(typed.get(0)).get("results").get(0);
    // Typed values: integer as a number, decimal as a string, timestamp in ISO form.
    assertThat(firstRow.get("id").isInt()).isTrue();
    assertThat(firstRow.get("amount").isTextual()).isTrue();
    assertThat(firstRow.get("event_time").asText()).contains("T");
  }

  private static int count(List<byte[]> messages) throws IOException {
    int n = 0;
    for (byte[] m : messages) {
      n += JSON.readTree(m).get("results").size();
    }
    return n;
  }
}
