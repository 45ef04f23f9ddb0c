package dev.athenaws.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The script of one query in {@link FakeAthena}: its state timeline from submission (QUEUED and
 * RUNNING segments, then a terminal state), its statement type and its result pages. Immutable;
 * built with {@link #builder()}. The default script succeeds at once with one empty page.
 *
 * <p>Statistics follow the timeline: queue time is the time spent QUEUED so far, engine time the
 * time spent RUNNING, and data scanned grows with engine time at {@link Builder#scanRate}.
 */
public final class FakeAthenaQuery {
  /** A state the query is in for a while. */
  record Segment(String state, Duration duration) {}

  /** A result column: name and Athena type name. */
  public record Column(String name, String type) {}

  final List<Segment> timeline;
  final String terminalState;
  final String stateChangeReason;
  final Integer errorCategory;
  final Integer errorType;
  final Boolean retryable;
  final String errorMessage;
  final String statementType;
  final String substatementType;
  final List<Column> columns;
  final List<List<List<String>>> pages;
  final long scanBytesPerSecond;
  final boolean reusedPreviousResult;
  final Long outputRows;

  private FakeAthenaQuery(Builder b) {
    timeline = List.copyOf(b.timeline);
    terminalState = b.terminalState;
    stateChangeReason = b.stateChangeReason;
    errorCategory = b.errorCategory;
    errorType = b.errorType;
    retryable = b.retryable;
    errorMessage = b.errorMessage;
    statementType = b.statementType;
    substatementType = b.substatementType;
    columns = List.copyOf(b.columns);
    pages = b.pages.isEmpty() ? List.of(List.of()) : List.copyOf(b.pages);
    scanBytesPerSecond = b.scanBytesPerSecond;
    reusedPreviousResult = b.reusedPreviousResult;
    outputRows = b.outputRows;
  }

  /**
   * @return a builder of a script that succeeds at once
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return a builder of a SELECT of integer column n with values 0, 1, 2, ... over pages, its
   *     header row on page 1 (as Athena returns a SELECT)
   */
  public static Builder numberedSelect(int pages, int rowsPerPage) {
    Builder b = builder().column("n", "integer");
    int n = 0;
    for (int p = 0; p < pages; p++) {
      List<List<String>> rows = new ArrayList<>();
      if (p == 0) {
        rows.add(List.of("n"));
      }
      for (int r = 0; r < rowsPerPage; r++) {
        rows.add(List.of(Integer.toString(n++)));
      }
      b.page(rows.toArray(new List<?>[0]));
    }
    return b;
  }

  /**
   * @return the default script: SUCCEEDED at once, a SELECT with one empty page
   */
  public static FakeAthenaQuery succeeded() {
    return builder().build();
  }

  /**
   * @return how long after submission the query reaches its terminal state
   */
  public Duration duration() {
    return timeline.stream().map(Segment::duration).reduce(Duration.ZERO, Duration::plus);
  }

  /** Builds a {@link FakeAthenaQuery}. Not thread-safe. */
  public static final class Builder {
    private final List<Segment> timeline = new ArrayList<>();
    private String terminalState = "SUCCEEDED";
    private String stateChangeReason;
    private Integer errorCategory;
    private Integer errorType;
    private Boolean retryable;
    private String errorMessage;
    private String statementType = "DML";
    private String substatementType = "SELECT";
    private final List<Column> columns = new ArrayList<>();
    private final List<List<List<String>>> pages = new ArrayList<>();
    private long scanBytesPerSecond = 1_000_000;
    private boolean reusedPreviousResult;
    private Long outputRows;

    private Builder() {}

    /**
     * @return this builder with a QUEUED segment
     */
    public Builder queued(Duration d) {
      timeline.add(new Segment("QUEUED", d));
      return this;
    }

    /**
     * @return this builder with a RUNNING segment
     */
    public Builder running(Duration d) {
      timeline.add(new Segment("RUNNING", d));
      return this;
    }

    /**
     * @return this builder ending in SUCCEEDED (the default)
     */
    public Builder succeeds() {
      terminalState = "SUCCEEDED";
      return this;
    }

    /**
     * @return this builder ending in FAILED with this AthenaError and StateChangeReason
     */
    public Builder fails(int category, int type, boolean retryable, String message, String reason) {
      terminalState = "FAILED";
      errorCategory = category;
      errorType = type;
      this.retryable = retryable;
      errorMessage = message;
      stateChangeReason = reason;
      return this;
    }

    /**
     * @return this builder ending in CANCELLED (by someone else) with this StateChangeReason
     */
    public Builder cancelled(String reason) {
      terminalState = "CANCELLED";
      stateChangeReason = reason;
      return this;
    }

    /**
     * @return this builder with a StatementType and SubstatementType
     */
    public Builder statement(String statementType, String substatementType) {
      this.statementType = statementType;
      this.substatementType = substatementType;
      return this;
    }

    /**
     * @return this builder with a result column
     */
    public Builder column(String name, String type) {
      columns.add(new Column(name, type));
      return this;
    }

    /**
     * @param rows the page's rows; a null value is a NULL datum (no VarCharValue). Page 1 of a
     *     SELECT must start with the header row, as Athena's does.
     * @return this builder with one more result page
     */
    public Builder page(List<?>... rows) {
      List<List<String>> page = new ArrayList<>();
      for (List<?> row : rows) {
        List<String> values = new ArrayList<>();
        for (Object v : row) {
          values.add(v == null ? null : v.toString());
        }
        page.add(Collections.unmodifiableList(values));
      }
      pages.add(Collections.unmodifiableList(page));
      return this;
    }

    /**
     * @return this builder with several pages of single-column rows "0", "1", ...
     */
    public Builder numberedPages(int pageCount, int rowsPerPage) {
      int n = 0;
      for (int p = 0; p < pageCount; p++) {
        List<?>[] rows = new List<?>[rowsPerPage];
        for (int r = 0; r < rowsPerPage; r++) {
          rows[r] = List.of(Integer.toString(n++));
        }
        page(rows);
      }
      return this;
    }

    /**
     * @return this builder scanning this many bytes per second of RUNNING
     */
    public Builder scanRate(long bytesPerSecond) {
      this.scanBytesPerSecond = bytesPerSecond;
      return this;
    }

    /**
     * @return this builder reporting ResultReuseInformation.ReusedPreviousResult
     */
    public Builder reusedPreviousResult(boolean reused) {
      this.reusedPreviousResult = reused;
      return this;
    }

    /**
     * @return this builder whose GetQueryRuntimeStatistics reports {@code Rows.OutputRows} (by
     *     default the answer has a Timeline only, as Athena's may right after the query ends)
     */
    public Builder outputRows(long rows) {
      this.outputRows = rows;
      return this;
    }

    /**
     * @return the script
     */
    public FakeAthenaQuery build() {
      Objects.requireNonNull(terminalState);
      return new FakeAthenaQuery(this);
    }
  }
}
