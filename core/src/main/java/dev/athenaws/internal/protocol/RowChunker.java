package dev.athenaws.internal.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.athenaws.error.RowTooLargeException;
import dev.athenaws.internal.results.Column;
import dev.athenaws.internal.results.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Packs the rows of one query run into {@code rows} messages, each at most {@link
 * ChunkPolicy#maxMessageBytes()} UTF-8 bytes including its envelope:
 *
 * <pre>
 * {"type":"rows","requestId":"r1","queryExecutionId":"q","seq":0,"columns":[...],"results":[...]}
 * </pre>
 *
 * <p>Rows keep their order and are never split; {@code seq} runs 0, 1, 2, ... without gaps; {@code
 * columns} (name and type signature of each column) is only in {@code seq} 0. Each row is encoded
 * once, straight into the reusable buffer of the message being filled; a message is emitted when
 * the next row would not fit, and that row's bytes move to the next message. If the first row does
 * not fit next to the columns, seq 0 is emitted with empty results so the row can go into seq 1.
 *
 * <p>Thread-safety: not thread-safe. One instance serves one query run on one thread.
 *
 * <p>Exceptions: the constructor and {@link #resume} throw {@link IllegalArgumentException} when
 * the envelope alone exceeds the limit; {@link #add} throws {@link RowTooLargeException} for a row
 * that fits no message (the chunker stays usable), {@link IllegalArgumentException} for a row of
 * the wrong width and {@link IllegalStateException} after {@link #finish()}.
 */
public final class RowChunker {
  private static final byte[] RESULTS_OPEN = ",\"results\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);

  private final int max;
  private final int columnCount;
  private final SerializedString[] keys;
  private final byte[] envelopeStart;
  private final byte[] columnsJson;
  private final ByteSink body;
  private final ValueJsonWriter values = new ValueJsonWriter();
  private JsonGenerator rowGen;

  private final int startSeq;
  private int seq;
  private int rowsInMessage;
  private long rowCount;
  private int chunkCount;
  private boolean finished;

  /**
   * @param policy the message size limit, not null
   * @param requestId the client's request id, nullable (omitted)
   * @param queryExecutionId the query execution id, nullable (omitted)
   * @param columns the result columns, not null; each row must have one value per column
   * @throws NullPointerException if policy or columns is null
   * @throws IllegalArgumentException if the envelope with the columns alone exceeds the limit
   */
  public RowChunker(
      ChunkPolicy policy, String requestId, String queryExecutionId, List<Column> columns) {
    this(policy, requestId, queryExecutionId, columns, 0);
  }

  /**
   * Continues a run that an earlier chunker (perhaps in an earlier Lambda invocation) started: the
   * first message gets {@code nextSeq}, and since the columns went out in {@code seq} 0 they are
   * not repeated; {@link #finish()} emits nothing when no row was added.
   *
   * @param policy the message size limit, not null
   * @param requestId the client's request id, nullable (omitted)
   * @param queryExecutionId the query execution id, nullable (omitted)
   * @param columns the result columns, not null
   * @param nextSeq the {@code seq} of the next message, >= 0 (0 is a fresh run)
   * @return the chunker
   * @throws IllegalArgumentException if nextSeq is negative or the envelope exceeds the limit
   */
  public static RowChunker resume(
      ChunkPolicy policy,
      String requestId,
      String queryExecutionId,
      List<Column> columns,
      int nextSeq) {
    if (nextSeq < 0) {
      throw new IllegalArgumentException("nextSeq must be >= 0: " + nextSeq);
    }
    return new RowChunker(policy, requestId, queryExecutionId, columns, nextSeq);
  }

  private RowChunker(
      ChunkPolicy policy,
      String requestId,
      String queryExecutionId,
      List<Column> columns,
      int startSeq) {
    this.startSeq = startSeq;
    this.seq = startSeq;
    this.max = Objects.requireNonNull(policy, "policy").maxMessageBytes();
    List<Column> cols = List.copyOf(Objects.requireNonNull(columns, "columns"));
    this.columnCount = cols.size();
    this.keys = new SerializedString[columnCount];
    StringBuilder start = new StringBuilder("{\"type\":\"rows\"");
    if (requestId != null) {
      start.append(",\"requestId\":").append(quoted(requestId));
    }
    if (queryExecutionId != null) {
      start.append(",\"queryExecutionId\":").append(quoted(queryExecutionId));
    }
    this.envelopeStart = start.append(",\"seq\":").toString().getBytes(StandardCharsets.UTF_8);
    StringBuilder colJson = new StringBuilder(",\"columns\":[");
    for (int i = 0; i < columnCount; i++) {
      Column c = cols.get(i);
      keys[i] = new SerializedString(c.name());
      colJson.append(i == 0 ? "" : ",").append("{\"name\":").append(quoted(c.name()));
      colJson.append(",\"type\":").append(quoted(c.type().signature())).append('}');
    }
    this.columnsJson = colJson.append(']').toString().getBytes(StandardCharsets.UTF_8);
    if (headerLength(0) + CLOSE.length > max) {
      throw new IllegalArgumentException(
          "the rows envelope with "
              + columnCount
              + " columns needs "
              + (headerLength(0) + CLOSE.length)
              + " bytes, more than maxMessageBytes "
              + max);
    }
    this.body = new ByteSink(Math.min(max, 16 * 1024));
    this.rowGen = newGenerator();
  }

  /**
   * Adds the next row.
   *
   * @param row the row, one value per column (values per the Java value contract)
   * @return the messages finished by this row: empty, or one message
   * @throws RowTooLargeException if the row alone does not fit into a message; the row is not
   *     added, nothing is emitted, and the chunker stays usable ({@link #finish()} flushes the rows
   *     before it)
   * @throws IllegalArgumentException if the row has not one value per column
   * @throws IllegalStateException after {@link #finish()}
   */
  public List<byte[]> add(Row row) {
    if (finished) {
      throw new IllegalStateException("add after finish");
    }
    if (row.size() != columnCount) {
      throw new IllegalArgumentException(
          "row has " + row.size() + " values, expected " + columnCount);
    }
    // The row is written straight behind the rows before it; only when it overflows the message
    // (once per message) are its bytes moved to the start of the next one.
    int before = position();
    int comma = rowsInMessage > 0 ? 1 : 0;
    encode(row, comma);
    int after = position();
    int len = after - before - comma;
    if ((long) headerLength(seq) + after + CLOSE.length <= max) {
      rowsInMessage++;
      rowCount++;
      return List.of();
    }
    flush();
    if ((rowsInMessage == 0 && seq > 0)
        || (long) headerLength(seq + 1) + len + CLOSE.length > max) {
      body.truncate(before);
      throw new RowTooLargeException(rowCount, len, max);
    }
    byte[] done = emit(before);
    body.dropFirst(before + comma);
    rowsInMessage = 1;
    rowCount++;
    return List.of(done);
  }

  /**
   * Ends the run: emits the message being filled. If no message was emitted yet, emits {@code seq}
   * 0 with the columns and empty results, so a client learns the columns of an empty result.
   * Calling it again returns an empty list.
   *
   * @return the last message, or nothing
   */
  public List<byte[]> finish() {
    if (finished) {
      return List.of();
    }
    finished = true;
    flush();
    if (rowsInMessage > 0 || (chunkCount == 0 && startSeq == 0)) {
      byte[] last = emit(body.size());
      body.reset(1024);
      return List.of(last);
    }
    return List.of();
  }

  /**
   * @return the number of rows added so far
   */
  public long rowCount() {
    return rowCount;
  }

  /**
   * @return the {@code seq} the next message will carry
   */
  public int nextSeq() {
    return seq;
  }

  /**
   * @return the number of messages returned so far
   */
  public int chunkCount() {
    return chunkCount;
  }

  /** Emits the first {@code bodyLength} bytes of {@link #body} as message {@link #seq}. */
  private byte[] emit(int bodyLength) {
    ByteSink out = new ByteSink(headerLength(seq) + bodyLength + CLOSE.length);
    out.write(envelopeStart);
    out.write(Integer.toString(seq).getBytes(StandardCharsets.US_ASCII));
    if (seq == 0) {
      out.write(columnsJson);
    }
    out.write(RESULTS_OPEN);
    out.write(body, 0, bodyLength);
    out.write(CLOSE);
    seq++;
    chunkCount++;
    rowsInMessage = 0;
    return out.toByteArray();
  }

  /**
   * @return the bytes of the current message's rows so far, flushed or still in the generator
   */
  private int position() {
    return body.size() + rowGen.getOutputBuffered();
  }

  private void flush() {
    try {
      rowGen.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void encode(Row row, int comma) {
    int before = position();
    boolean ok = false;
    try {
      JsonGenerator g = rowGen;
      if (comma > 0) {
        g.writeRaw(',');
      }
      g.writeStartObject();
      for (int i = 0; i < columnCount; i++) {
        g.writeFieldName(keys[i]);
        values.write(g, row.get(i));
      }
      g.writeEndObject();
      ok = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!ok) {
        // Keep the rows before this one, drop the half-written row and the generator's state.
        flush();
        body.truncate(before);
        rowGen = newGenerator();
      }
    }
  }

  private JsonGenerator newGenerator() {
    try {
      JsonGenerator g = Json.FACTORY.createGenerator(body);
      g.setRootValueSeparator(null);
      return g;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int headerLength(int s) {
    int digits = 1;
    for (int v = s; v >= 10; v /= 10) {
      digits++;
    }
    return envelopeStart.length + digits + (s == 0 ? columnsJson.length : 0) + RESULTS_OPEN.length;
  }

  private static String quoted(String s) {
    return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
  }
}
