package dev.athenaws.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.error.RowTooLargeException;
import dev.athenaws.internal.results.Column;
import dev.athenaws.internal.results.Row;
import dev.athenaws.internal.types.AthenaType;
import dev.athenaws.internal.types.TypeKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class RowChunkerPropertiesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<Column> COLUMNS =
      List.of(
          new Column("n", "n", AthenaType.Simple.of(TypeKind.INTEGER)),
          new Column("s", "s", AthenaType.Simple.of(TypeKind.VARCHAR)));

  @Provide
  Arbitrary<List<String>> texts() {
    // Sizes from empty to larger than the smallest limit, with multi-byte and escaped chars.
    Arbitrary<String> piece =
        Arbitraries.strings()
            .withChars("abc\u00e9\u4e2d\"\\\n\ud83d")
            .ofMinLength(1)
            .ofMaxLength(8)
            .map(x -> x.replace("\ud83d", "\ud83d\ude00"));
    Arbitrary<String> text =
        Combinators.combine(piece, Arbitraries.integers().between(0, 200)).as(String::repeat);
    return text.list().ofMaxSize(60);
  }

  @Property(tries = 300)
  void rowsArriveOnceInOrderWithinTheLimit(
      @ForAll("texts") List<String> texts, @ForAll @IntRange(min = 1024, max = 8192) int limit)
      throws IOException {
    RowChunker chunker = new RowChunker(new ChunkPolicy(limit), "r1", "qe", COLUMNS);
    List<byte[]> messages = new ArrayList<>();
    List<Integer> accepted = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      try {
        messages.addAll(chunker.add(Row.wrap(new Object[] {i, texts.get(i)})));
        accepted.add(i);
      } catch (RowTooLargeException e) {
        assertThat(e.rowIndex()).isEqualTo(accepted.size());
        assertThat(e.encodedBytes()).isGreaterThan(limit - 100);
      }
    }
    messages.addAll(chunker.finish());

    List<Integer> seen = new ArrayList<>();
    long total = 0;
    for (int seq = 0; seq < messages.size(); seq++) {
      byte[] m = messages.get(seq);
      assertThat(m.length).isLessThanOrEqualTo(limit);
      JsonNode node = MAPPER.readTree(m);
      assertThat(node.get("type").asText()).isEqualTo("rows");
      assertThat(node.get("requestId").asText()).isEqualTo("r1");
      assertThat(node.get("seq").asInt()).isEqualTo(seq);
      assertThat(node.has("columns")).isEqualTo(seq == 0);
      JsonNode results = node.get("results");
      total += results.size();
      for (JsonNode r : results) {
        int n = r.get("n").asInt();
        seen.add(n);
        assertThat(r.get("s").asText()).isEqualTo(texts.get(n));
      }
      if (seq > 0) {
        assertThat(results.size()).isPositive();
      }
    }
    assertThat(seen).isEqualTo(accepted);
    assertThat(total).isEqualTo(chunker.rowCount());
    assertThat(chunker.chunkCount()).isEqualTo(messages.size()).isPositive();
  }

  @Property(tries = 200)
  void fullMessagesLeaveNoRoomForTheNextRow(
      @ForAll("texts") List<String> texts, @ForAll @IntRange(min = 1024, max = 4096) int limit) {
    RowChunker chunker = new RowChunker(new ChunkPolicy(limit), null, "qe", COLUMNS);
    for (int i = 0; i < texts.size(); i++) {
      Row row = Row.wrap(new Object[] {i, texts.get(i)});
      List<byte[]> out;
      try {
        out = chunker.add(row);
      } catch (RowTooLargeException e) {
        continue;
      }
      for (byte[] m : out) {
        // A message is only closed because this row did not fit: message + ',' + row > limit.
        RowChunker alone = new RowChunker(ChunkPolicy.defaults(), null, null, COLUMNS);
        alone.add(row);
        int rowBytes = alone.finish().get(0).length - emptyLength();
        assertThat(m.length + 1 + rowBytes).isGreaterThan(limit);
      }
    }
  }

  private static int emptyLength() {
    return new RowChunker(ChunkPolicy.defaults(), null, null, COLUMNS).finish().get(0).length;
  }
}
