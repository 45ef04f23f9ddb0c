package dev.athenaws.internal.s3;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.ResultSet;
import software.amazon.awssdk.services.athena.model.ResultSetMetadata;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * A SELECT's result object (Athena's CSV) as {@code GetQueryResults}-shaped pages: the CSV's header
 * record is row 0 of page 1 as on the API path, an unquoted empty field (Athena's NULL) becomes a
 * {@code Datum} without {@code VarCharValue}, a quoted one ({@code ""}) the empty string, and page
 * 1 carries the column metadata given. So {@code ResultSetMapper} and {@code RowChunker} make of
 * these pages exactly the messages they make of the API's pages.
 *
 * <p>Records are parsed one at a time while a page fills: memory is bounded by one page ({@code
 * pageRows} records) and the parser's buffer, whatever the object's size.
 *
 * <p>Pausing and resuming: every page but the last carries a {@code NextToken} of athena-ws's own
 * ({@link #resumeToken}: the number of CSV records read so far, header included), so a run over
 * these pages may pause between pages as on the API path. A later run re-opens the object and
 * {@link #skip skips} that many records before its first page: it re-reads, but does not publish,
 * the rows already sent (a byte offset is not used: the parser decodes UTF-8 through a reader and
 * counts characters, not bytes, and reads ahead of the record it returns). Such a token never
 * reaches Athena: {@link #recordsOf} tells it from Athena's.
 *
 * <p>Thread-safety: not thread-safe; one consumer.
 *
 * <p>Exceptions: {@link #next()} throws {@link AthenaWsException} (INTERNAL) when the object is not
 * valid CSV or cannot be read to its end, and {@link ObjectUnavailableException} when S3 stops
 * serving it; {@link #close()} never throws.
 */
public final class CsvResultPages implements Iterator<GetQueryResultsResponse>, AutoCloseable {
  private static final String TOKEN_PREFIX = "athena-ws:s3-records:";
  private static final ObjectReader CSV =
      new CsvMapper()
          .enable(CsvParser.Feature.WRAP_AS_ARRAY)
          .enable(CsvParser.Feature.EMPTY_UNQUOTED_STRING_AS_NULL)
          .readerForListOf(String.class)
          .with(CsvSchema.emptySchema().withoutHeader());

  private final InputStream in;
  private final ResultSetMetadata metadata;
  private final int pageRows;
  private final int columnCount;
  private MappingIterator<List<String>> records;
  private boolean firstPage = true;
  private boolean done;
  private long recordsRead;
  private long toSkip;

  /**
   * @param in the object's bytes from its start (UTF-8); closed by {@link #close()}
   * @param metadata the result's column metadata, from {@code GetQueryResults}
   * @param pageRows records a page, at least 1
   * @throws NullPointerException if in or metadata is null
   * @throws IllegalArgumentException if pageRows is below 1
   */
  public CsvResultPages(InputStream in, ResultSetMetadata metadata, int pageRows) {
    this.in = Objects.requireNonNull(in, "in");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    if (pageRows < 1) {
      throw new IllegalArgumentException("pageRows must be >= 1: " + pageRows);
    }
    this.pageRows = pageRows;
    this.columnCount = metadata.hasColumnInfo() ? metadata.columnInfo().size() : 0;
  }

  /**
   * Skips records before the first page, to resume after a pause: the position comes from {@link
   * #recordsOf} of the paused run's token. The first page returned still carries the metadata.
   *
   * @param records CSV records to skip (header included), at least 0
   * @return this
   * @throws IllegalStateException after the first page was returned
   * @throws IllegalArgumentException if records is negative
   */
  public CsvResultPages skip(long records) {
    if (records < 0) {
      throw new IllegalArgumentException("records must be >= 0: " + records);
    }
    if (this.records != null) {
      throw new IllegalStateException("skip before the first page");
    }
    this.toSkip = records;
    return this;
  }

  /**
   * @param records CSV records read so far, header included
   * @return the {@code NextToken} that resumes after them
   */
  public static String resumeToken(long records) {
    return TOKEN_PREFIX + records;
  }

  /**
   * @param token a continuation's {@code NextToken}, nullable
   * @return the records it skips when it is a token of {@link #resumeToken}, else -1 (null, or a
   *     token of {@code GetQueryResults})
   */
  public static long recordsOf(String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX)) {
      return -1;
    }
    try {
      return Math.max(-1, Long.parseLong(token.substring(TOKEN_PREFIX.length())));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public boolean hasNext() {
    return !done;
  }

  /**
   * @return the next page; page 1 always comes, even for an empty object
   * @throws NoSuchElementException after the last page
   * @throws AthenaWsException (INTERNAL) for an object that is not valid CSV or cannot be read
   */
  @Override
  public GetQueryResultsResponse next() {
    if (done) {
      throw new NoSuchElementException("no more pages");
    }
    try {
      if (records == null) {
        records = CSV.readValues(new InputStreamReader(in, StandardCharsets.UTF_8));
        skipRecords();
      }
      List<Row> rows = new ArrayList<>(Math.min(pageRows, 1024));
      while (rows.size() < pageRows && records.hasNextValue()) {
        rows.add(row(records.nextValue()));
        recordsRead++;
      }
      done = !records.hasNextValue();
      ResultSet.Builder set = ResultSet.builder().rows(rows);
      if (firstPage) {
        set.resultSetMetadata(metadata);
        firstPage = false;
      }
      return GetQueryResultsResponse.builder()
          .resultSet(set.build())
          .nextToken(done ? null : resumeToken(recordsRead))
          .build();
    } catch (ObjectUnavailableException e) {
      done = true;
      throw e;
    } catch (IOException | RuntimeException e) {
      done = true;
      // Jackson wraps what the stream throws; a refusal (403, 404, 412) stays one.
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof ObjectUnavailableException refusal) {
          throw refusal;
        }
      }
      throw new AthenaWsException(
          ErrorCode.INTERNAL, "The result object could not be read from S3", e);
    }
  }

  private void skipRecords() throws IOException {
    while (recordsRead < toSkip) {
      if (!records.hasNextValue()) {
        throw new AthenaWsException(
            ErrorCode.INTERNAL,
            "The result object has fewer records than were already sent: " + recordsRead);
      }
      records.nextValue();
      recordsRead++;
    }
  }

  private Row row(List<String> values) {
    List<Datum> data = new ArrayList<>(values.size());
    if (values.isEmpty() && columnCount == 1) {
      // A one-column NULL is an empty line.
      data.add(Datum.builder().build());
    }
    for (String v : values) {
      data.add(v == null ? Datum.builder().build() : Datum.builder().varCharValue(v).build());
    }
    return Row.builder().data(data).build();
  }

  /** Closes the object's stream. Never throws. */
  @Override
  public void close() {
    done = true;
    try {
      in.close();
    } catch (IOException ignored) {
      // Nothing more is read from it.
    }
  }
}
