package dev.athenaws.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.RowTooLargeException;
import dev.athenaws.internal.results.Column;
import dev.athenaws.internal.results.Row;
import dev.athenaws.internal.types.AthenaType;
import dev.athenaws.internal.types.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowChunkerTest {
  private static final List<Column> COLUMNS =
      List.of(
          new Column("id", "id", AthenaType.Simple.of(TypeKind.INTEGER)),
          new Column("name", "name", AthenaType.Simple.of(TypeKind.VARCHAR)));

  private static String s(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static Row row(int id, String name) {
    return Row.wrap(new Object[] {id, name});
  }

  @Test
  void smallResultIsOneMessageWithColumns() {
    RowChunker c = new RowChunker(ChunkPolicy.defaults(), "r1", "qe-1", COLUMNS);
    assertThat(c.add(row(1, "a"))).isEmpty();
    assertThat(c.add(row(2, null))).isEmpty();
    List<byte[]> out = c.finish();
    assertThat(out).hasSize(1);
    assertThat(s(out.get(0)))
        .isEqualTo(
            "{\"type\":\"rows\",\"requestId\":\"r1\","
                + "\"queryExecutionId\":\"qe-1\",\"seq\":0,\"columns\":[{\"name\":\"id\",\"type\":\"integer\"},"
                + "{\"name\":\"name\",\"type\":\"varchar\"}],\"results\":[{\"id\":1,\"name\":\"a\"},"
                + "{\"id\":2,\"name\":null}]}");
    assertThat(c.rowCount()).isEqualTo(2);
    assertThat(c.chunkCount()).isEqualTo(1);
    assertThat(c.finish()).isEmpty();
    assertThatThrownBy(() -> c.add(row(3, "c"))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aResumedRunContinuesTheSeqWithoutColumns() {
    RowChunker c = RowChunker.resume(ChunkPolicy.defaults(), "r1", "qe-1", COLUMNS, 7);
    assertThat(c.nextSeq()).isEqualTo(7);
    assertThat(c.add(row(1, "a"))).isEmpty();
    List<byte[]> out = c.finish();
    assertThat(s(out.get(0)))
        .isEqualTo(
            "{\"type\":\"rows\",\"requestId\":\"r1\","
                + "\"queryExecutionId\":\"qe-1\",\"seq\":7,\"results\":[{\"id\":1,\"name\":\"a\"}]}");
    assertThat(c.nextSeq()).isEqualTo(8);
  }

  @Test
  void aResumedRunWithoutRowsSendsNothing() {
    RowChunker c = RowChunker.resume(ChunkPolicy.defaults(), null, "qe-1", COLUMNS, 3);
    assertThat(c.finish()).isEmpty();
    assertThat(c.chunkCount()).isZero();
    assertThatThrownBy(() -> RowChunker.resume(ChunkPolicy.defaults(), null, null, COLUMNS, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nextSeq");
  }

  @Test
  void emptyResultStillSendsTheColumns() {
    RowChunker c =
        new RowChunker(
            ChunkPolicy.defaults(),
            null,
            "qe-1",
            List.of(new Column("d", "d", AthenaType.Simple.decimal(10, 2))));
    assertThat(s(c.finish().get(0)))
        .isEqualTo(
            "{\"type\":\"rows\",\"queryExecutionId\":\"qe-1\","
                + "\"seq\":0,\"columns\":[{\"name\":\"d\",\"type\":\"decimal(10,2)\"}],\"results\":[]}");
    assertThat(c.chunkCount()).isEqualTo(1);
    assertThat(c.rowCount()).isZero();
  }

  @Test
  void valuesUseTheJsonEncoding() {
    RowChunker c =
        new RowChunker(
            ChunkPolicy.defaults(),
            null,
            null,
            List.of(
                new Column("t", "t", AthenaType.Simple.of(TypeKind.TIMESTAMP)),
                new Column("b", "b", AthenaType.Simple.of(TypeKind.BIGINT)),
                new Column("x", "x", AthenaType.Simple.decimal(3, 2))));
    c.add(
        Row.wrap(
            new Object[] {
              LocalDateTime.of(2017, 1, 1, 0, 0), Long.MAX_VALUE, new BigDecimal("0.10")
            }));
    assertThat(s(c.finish().get(0)))
        .endsWith(
            "\"results\":[{\"t\":\"2017-01-01T00:00:00.000\","
                + "\"b\":\"9223372036854775807\",\"x\":\"0.10\"}]}");
  }

  /** Size of the seq 0 message holding the given rows, computed with the default limit. */
  private static int sizeOf(List<Row> rows) {
    RowChunker c = new RowChunker(ChunkPolicy.defaults(), "r1", "q", COLUMNS);
    for (Row r : rows) {
      c.add(r);
    }
    return c.finish().get(0).length;
  }

  @Test
  void messageFillsUpToTheLimitExactly() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rows.add(row(i, "x".repeat(300)));
    }
    int exact = sizeOf(rows); // three rows exactly fill the message
    RowChunker c = new RowChunker(new ChunkPolicy(exact), "r1", "q", COLUMNS);
    for (Row r : rows) {
      assertThat(c.add(r)).isEmpty();
    }
    List<byte[]> out = c.add(row(3, "y"));
    assertThat(out).hasSize(1);
    assertThat(out.get(0)).hasSize(exact);
    assertThat(s(c.finish().get(0)))
        .isEqualTo(
            "{\"type\":\"rows\",\"requestId\":\"r1\",\"queryExecutionId\":\"q\",\"seq\":1,"
                + "\"results\":[{\"id\":3,\"name\":\"y\"}]}");

    RowChunker oneLess = new RowChunker(new ChunkPolicy(exact - 1), "r1", "q", COLUMNS);
    assertThat(oneLess.add(rows.get(0))).isEmpty();
    assertThat(oneLess.add(rows.get(1))).isEmpty();
    assertThat(oneLess.add(rows.get(2))).hasSize(1);
    assertThat(oneLess.chunkCount()).isEqualTo(1);
  }

  @Test
  void rowTooLargeLeavesTheChunkerUsable() {
    RowChunker c = new RowChunker(new ChunkPolicy(1024), "r1", "q", COLUMNS);
    c.add(row(0, "ok"));
    assertThatThrownBy(() -> c.add(row(1, "x".repeat(2000))))
        .isInstanceOfSatisfying(
            RowTooLargeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.ROW_TOO_LARGE);
              assertThat(e.rowIndex()).isEqualTo(1);
              assertThat(e.encodedBytes()).isEqualTo(2018);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Result row 1 is 2018 bytes as JSON and does not fit "
                          + "into one message of at most 1024 bytes.");
            });
    assertThat(c.rowCount()).isEqualTo(1);
    assertThat(c.chunkCount()).isZero();
    assertThat(c.add(row(2, "fine"))).isEmpty();
    List<byte[]> out = c.finish();
    assertThat(s(out.get(0)))
        .endsWith("\"results\":[{\"id\":0,\"name\":\"ok\"}," + "{\"id\":2,\"name\":\"fine\"}]}");
  }

  @Test
  void firstRowThatOnlyFitsWithoutColumnsGoesToSeqOne() {
    List<Column> many = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      many.add(new Column("column_" + i, "column_" + i, AthenaType.Simple.of(TypeKind.VARCHAR)));
    }
    Object[] values = new Object[10];
    values[0] = "x".repeat(700);
    RowChunker c = new RowChunker(new ChunkPolicy(1024), null, "q", many);
    List<byte[]> out = c.add(Row.wrap(values));
    assertThat(out).hasSize(1);
    assertThat(s(out.get(0))).contains("\"seq\":0,\"columns\":[").endsWith("\"results\":[]}");
    byte[] last = c.finish().get(0);
    assertThat(last.length).isLessThanOrEqualTo(1024);
    assertThat(s(last))
        .startsWith("{\"type\":\"rows\",\"queryExecutionId\":\"q\",\"seq\":1,\"results\":[{");
    assertThat(c.chunkCount()).isEqualTo(2);
    assertThat(c.rowCount()).isEqualTo(1);
  }

  @Test
  void aValueThatFailsToEncodeDropsOnlyItsRow() {
    Object broken =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("boom");
          }
        };
    RowChunker c = new RowChunker(ChunkPolicy.defaults(), null, "q", COLUMNS);
    c.add(row(0, "a"));
    assertThatThrownBy(() -> c.add(Row.wrap(new Object[] {1, broken})))
        .isInstanceOf(IllegalStateException.class);
    c.add(row(2, "c"));
    assertThat(s(c.finish().get(0)))
        .endsWith("\"results\":[{\"id\":0,\"name\":\"a\"}," + "{\"id\":2,\"name\":\"c\"}]}");
    assertThat(c.rowCount()).isEqualTo(2);
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> new ChunkPolicy(ChunkPolicy.HARD_CAP + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChunkPolicy(1023)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new ChunkPolicy(ChunkPolicy.HARD_CAP).maxMessageBytes()).isEqualTo(131_072);
    assertThat(ChunkPolicy.defaults().maxMessageBytes()).isEqualTo(96 * 1024);
    RowChunker c = new RowChunker(ChunkPolicy.defaults(), null, "q", COLUMNS);
    assertThatThrownBy(() -> c.add(Row.wrap(new Object[] {1})))
        .isInstanceOf(IllegalArgumentException.class);
    List<Column> huge = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      huge.add(new Column("c" + i, "c" + i, AthenaType.Simple.of(TypeKind.VARCHAR)));
    }
    assertThatThrownBy(() -> new RowChunker(new ChunkPolicy(1024), null, "q", huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("columns");
  }
}
