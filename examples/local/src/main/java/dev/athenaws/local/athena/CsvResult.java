package dev.athenaws.local.athena;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.List;

/**
 * Writes a SELECT's rows as Athena's result CSV: a header row of the column labels, then one record
 * per row; every value double-quoted with embedded quotes doubled (newlines stay inside the
 * quotes), NULL an unquoted empty field and the empty string {@code ""}, records ended by {@code
 * \n}. Values are the texts GetQueryResults returns (arrays, maps and rows in Athena's text forms),
 * so the object and the API carry the same result. Sources in docs/aws-behaviour.md ("Result
 * objects in S3").
 *
 * <p>Thread-safety: an instance is confined to the query's thread.
 */
final class CsvResult implements AutoCloseable {
  private static final CsvMapper CSV =
      CsvMapper.builder()
          .enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
          .enable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS)
          .build();
  private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withLineSeparator("\n");

  private final ResultObjects.Pending pending;
  private final SequenceWriter rows;

  private CsvResult(ResultObjects.Pending pending, SequenceWriter rows) {
    this.pending = pending;
    this.rows = rows;
  }

  /**
   * @return a writer with the header written, or null when {@code objects} writes nothing
   */
  static CsvResult start(ResultObjects objects, String s3Uri, List<ColumnMeta> columns)
      throws IOException {
    ResultObjects.Pending p = objects.open(s3Uri);
    if (p == null) {
      return null;
    }
    // As an array of rows: Jackson's CSV generator drops a null inside a root-level row array, and
    // writes it as an empty field inside a wrapped one (ResultObjectTest pins the output).
    SequenceWriter w = CSV.writerFor(String[].class).with(SCHEMA).writeValuesAsArray(p.stream());
    CsvResult out = new CsvResult(p, w);
    out.append(columns.stream().map(ColumnMeta::label).toArray(String[]::new));
    return out;
  }

  void append(String[] row) throws IOException {
    rows.write(row);
  }

  /** Completes the object and makes it visible. */
  void publish() throws IOException {
    rows.flush();
    pending.publish();
  }

  /** Discards the object unless published. */
  @Override
  public void close() throws IOException {
    pending.close();
  }
}
