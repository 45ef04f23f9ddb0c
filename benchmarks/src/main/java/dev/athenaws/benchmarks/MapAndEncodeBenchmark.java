package dev.athenaws.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.athenaws.internal.protocol.ChunkPolicy;
import dev.athenaws.internal.protocol.RowChunker;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.internal.results.MappedPage;
import dev.athenaws.internal.results.ResultSetMapper;
import dev.athenaws.internal.results.Row;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;

/**
 * The core data path: 100 {@code GetQueryResults} pages of 1,000 rows x 12 mixed-type columns
 * mapped to typed rows and chunked into {@code rows} messages ({@link #typed}), against the
 * practical limit of writing the same raw strings as JSON objects with Jackson, no type conversion
 * ({@link #baseline}). Both produce messages of the same maximum size. Scores are rows per second.
 *
 * <p>Run: see docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(MapAndEncodeBenchmark.ROWS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class MapAndEncodeBenchmark {
  static final int PAGES = 100;
  static final int ROWS_PER_PAGE = 1000;
  static final int ROWS = PAGES * ROWS_PER_PAGE;

  private List<GetQueryResultsResponse> pages;
  private final JsonFactory json = new JsonFactory();

  @Setup
  public void setUp() {
    pages = SyntheticPages.generate(PAGES, ROWS_PER_PAGE, 42);
  }

  /** Mapper + chunker: what the publisher does per result. */
  @Benchmark
  public long typed(Blackhole bh) {
    return runTyped(pages, bh::consume);
  }

  /**
   * Raw strings straight to JSON objects, chunked at the same size, header skipped, no conversion.
   */
  @Benchmark
  public long baseline(Blackhole bh) {
    return runBaseline(pages, json, bh::consume);
  }

  static long runTyped(
      List<GetQueryResultsResponse> pages, java.util.function.Consumer<byte[]> out) {
    ResultSetMapper mapper = ResultSetMapper.builder().statementKind(StatementKind.SELECT).build();
    RowChunker chunker = null;
    for (GetQueryResultsResponse response : pages) {
      MappedPage page = mapper.map(response);
      if (chunker == null) {
        chunker = new RowChunker(ChunkPolicy.defaults(), "r1", "qe-1", page.columns());
      }
      for (Row row : page.rows()) {
        for (byte[] message : chunker.add(row)) {
          out.accept(message);
        }
      }
    }
    for (byte[] message : chunker.finish()) {
      out.accept(message);
    }
    return chunker.rowCount();
  }

  static long runBaseline(
      List<GetQueryResultsResponse> pages,
      JsonFactory json,
      java.util.function.Consumer<byte[]> out) {
    String[] names = SyntheticPages.NAMES;
    int limit = ChunkPolicy.DEFAULT_MAX_MESSAGE_BYTES - 1024;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(ChunkPolicy.DEFAULT_MAX_MESSAGE_BYTES);
    long rows = 0;
    try {
      JsonGenerator gen = null;
      boolean first = true;
      for (GetQueryResultsResponse response : pages) {
        List<software.amazon.awssdk.services.athena.model.Row> raw = response.resultSet().rows();
        for (int r = first ? 1 : 0; r < raw.size(); r++) {
          if (gen == null) {
            gen = json.createGenerator(buffer);
            gen.writeStartObject();
            gen.writeStringField("type", "rows");
            gen.writeArrayFieldStart("results");
          }
          List<Datum> data = raw.get(r).data();
          gen.writeStartObject();
          for (int c = 0; c < names.length; c++) {
            gen.writeFieldName(names[c]);
            String v = data.get(c).varCharValue();
            if (v == null) {
              gen.writeNull();
            } else {
              gen.writeString(v);
            }
          }
          gen.writeEndObject();
          rows++;
          gen.flush();
          if (buffer.size() >= limit) {
            gen.writeEndArray();
            gen.writeEndObject();
            gen.close();
            out.accept(buffer.toByteArray());
            buffer.reset();
            gen = null;
          }
        }
        first = false;
      }
      if (gen != null) {
        gen.writeEndArray();
        gen.writeEndObject();
        gen.close();
        out.accept(buffer.toByteArray());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
