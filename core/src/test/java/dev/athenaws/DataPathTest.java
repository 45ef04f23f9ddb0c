package dev.athenaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.internal.protocol.ChunkPolicy;
import dev.athenaws.internal.protocol.RowChunker;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.internal.results.MappedPage;
import dev.athenaws.internal.results.ResultSetMapper;
import dev.athenaws.internal.results.Row;
import dev.athenaws.internal.types.AthenaType;
import dev.athenaws.testing.ResultFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole pure data path: an Athena page -> mapper -> chunker -> the JSON a browser parses. */
class DataPathTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode publish(String fixture, Map<String, AthenaType> hints) throws Exception {
    ResultSetMapper mapper =
        ResultSetMapper.builder().statementKind(StatementKind.SELECT).columnTypes(hints).build();
    MappedPage page = mapper.map(ResultFixtures.load(fixture));
    RowChunker chunker = new RowChunker(ChunkPolicy.defaults(), "r1", "qe-1", page.columns());
    List<byte[]> messages = new ArrayList<>();
    for (Row row : page.rows()) {
      messages.addAll(chunker.add(row));
    }
    messages.addAll(chunker.finish());
    assertThat(messages).hasSize(1);
    return JSON.readTree(messages.get(0));
  }

  @Test
  void everyTypeReachesTheBrowserWithoutLoss() throws Exception {
    JsonNode message =
        publish("all-types-select.json", Map.of("arr", AthenaType.parse("array(integer)")));

    assertThat(message.get("seq").asInt()).isZero();
    assertThat(message.get("columns").get(3).get("type").asText()).isEqualTo("decimal(10,2)");
    assertThat(message.get("columns").get(11).get("type").asText()).isEqualTo("array(integer)");
    JsonNode results = message.get("results");
    assertThat(results).hasSize(2); // header row skipped, nothing else
    JsonNode a = results.get(0);
    assertThat(a.get("b").asBoolean()).isTrue();
    assertThat(a.get("i").isInt()).isTrue();
    assertThat(a.get("big").isTextual()).isTrue(); // beyond 2^53: a string, no precision lost
    assertThat(a.get("big").asText()).isEqualTo("9007199254740993");
    assertThat(a.get("dec").asText()).isEqualTo("0.10");
    assertThat(a.get("dbl").asText()).isEqualTo("NaN");
    assertThat(a.get("s").isTextual()).isTrue();
    assertThat(a.get("s").asText()).isEmpty();
    assertThat(a.get("d").asText()).isEqualTo("2017-01-02");
    assertThat(a.get("ts").asText()).isEqualTo("2017-01-01T00:00:00.000");
    assertThat(a.get("tstz").asText())
        .isEqualTo("2001-08-22T03:04:05.321-07:00[America/Los_Angeles]");
    assertThat(a.get("bin").asText()).isEqualTo("AAH/");
    assertThat(a.get("j").get("a").asInt()).isEqualTo(1);
    assertThat(a.get("arr").get(1).asInt()).isEqualTo(2);
    assertThat(a.get("iv").asText()).isEqualTo("P2D");
    JsonNode b = results.get(1);
    // NULL stays null and the empty string stays "" in the browser's JSON too.
    assertThat(b.get("b").isNull()).isTrue();
    assertThat(b.get("s").isNull()).isTrue();
    assertThat(b.get("arr").isNull()).isTrue();
    assertThat(b.get("bin").asText()).isEmpty();
    assertThat(b.get("big").isNumber()).isTrue();
    assertThat(b.get("dec").asText()).isEqualTo("-12.50");
    assertThat(b.get("ts").asText()).isEqualTo("2017-01-01T12:34:56.789123");
    assertThat(b.get("iv").asText()).isEqualTo("-P1DT2H3M4.5S");
  }

  @Test
  void aSelectWhoseRowEqualsItsLabelsKeepsThatRow() throws Exception {
    JsonNode message = publish("select-page1.json", Map.of());

    JsonNode results = message.get("results");
    assertThat(results).hasSize(3);
    assertThat(results.get(0).get("x").asText()).isEqualTo("x");
    assertThat(results.get(1).get("name").asText()).isEmpty();
    assertThat(results.get(1).get("n").isNull()).isTrue();
  }
}
