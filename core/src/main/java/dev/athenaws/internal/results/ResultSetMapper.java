package dev.athenaws.internal.results;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.ValueFormatException;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.internal.types.AthenaType;
import dev.athenaws.internal.types.ValueConverter;
import dev.athenaws.internal.types.ValueConverters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.ResultSet;

/**
 * Maps Athena {@code GetQueryResults} pages to typed {@link Row}s, one page at a time, so a result
 * of any size streams through in memory bounded by one page.
 *
 * <ul>
 *   <li>The header row is skipped only on page 1 and only when {@link
 *       StatementKind#hasHeaderRow()}: never by comparing values with labels.
 *   <li>NULL (a {@code Datum} without {@code VarCharValue}) becomes Java {@code null}; the empty
 *       string stays {@code ""}.
 *   <li>Each value converts to the Java class given in docs/types.md; array/map/row columns convert
 *       to lists and maps only when the query definition gives a type hint for the column.
 *   <li>A value that does not parse never becomes null. Lenient (default): the raw string is kept
 *       and the {@link MappingListener} hears of it once per column. Strict: {@link
 *       ValueFormatException} naming the column, type and truncated value.
 * </ul>
 *
 * <p>Thread-safety: not thread-safe. One mapper serves one query result and remembers which page it
 * is on; create one per result (cheap).
 *
 * <p>Exceptions: {@link #map} throws {@link ValueFormatException} (strict mode) and {@link
 * AthenaWsException} (INTERNAL, a structurally broken page) as documented on it; the builder's
 * setters throw {@link NullPointerException} and {@link IllegalArgumentException} at once.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/athena/latest/APIReference/API_GetQueryResults.html">GetQueryResults</a>
 */
public final class ResultSetMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ResultSetMapper.class);

  private final StatementKind statementKind;
  private final Map<String, AthenaType> columnTypes;

  /** The hints by lower-cased label; a label two hints share in different cases is left out. */
  private final Map<String, AthenaType> hintsByLowerLabel;

  private final boolean strict;
  private final MappingListener listener;

  private int nextPageNumber;
  private List<Column> columns;
  private ValueConverter[] converters;
  private final Set<Integer> reportedColumns = new HashSet<>();

  private ResultSetMapper(Builder b) {
    this.statementKind = b.statementKind;
    this.columnTypes = Map.copyOf(b.columnTypes);
    this.hintsByLowerLabel = byLowerLabel(b.columnTypes);
    this.strict = b.strict;
    this.listener = b.listener;
    this.nextPageNumber = b.firstPageNumber;
  }

  /**
   * @return a builder with the defaults: SELECT, no type hints, lenient, warnings logged
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Maps the next page of the result.
   *
   * @param response the next {@code GetQueryResults} response, in order
   * @return the typed page
   * @throws ValueFormatException in strict mode, for the first value that does not parse
   * @throws AthenaWsException (INTERNAL) when the first page has rows but no column metadata, or a
   *     row has a number of values other than the number of columns (or none)
   * @throws NullPointerException if response is null
   */
  public MappedPage map(GetQueryResultsResponse response) {
    Objects.requireNonNull(response, "response");
    return map(response.resultSet(), response.nextToken(), response.updateCount());
  }

  /**
   * Maps the next page of the result from its {@code ResultSet} (for callers that receive the page
   * in another envelope, such as a Step Functions state).
   *
   * @param resultSet the page's result set, not null
   * @param nextToken the page's {@code NextToken}, null on the last page
   * @param updateCount the response's {@code UpdateCount}, may be null
   * @return the typed page
   * @throws ValueFormatException in strict mode, for the first value that does not parse
   * @throws AthenaWsException (INTERNAL) on a structurally broken page
   * @throws NullPointerException if resultSet is null
   */
  public MappedPage map(ResultSet resultSet, String nextToken, Long updateCount) {
    Objects.requireNonNull(resultSet, "resultSet");
    if (columns == null) {
      initColumns(resultSet);
    }
    int pageNumber = nextPageNumber++;
    List<software.amazon.awssdk.services.athena.model.Row> raw = resultSet.rows();
    int skip = pageNumber == 1 && statementKind.hasHeaderRow() && !raw.isEmpty() ? 1 : 0;
    List<Row> rows = new ArrayList<>(Math.max(0, raw.size() - skip));
    for (int r = skip; r < raw.size(); r++) {
      rows.add(mapRow(raw.get(r).data()));
    }
    return new MappedPage(pageNumber, columns, rows, nextToken, updateCount);
  }

  /**
   * @return the result's columns, or null before the first page was mapped
   */
  public List<Column> columns() {
    return columns;
  }

  private Row mapRow(List<Datum> data) {
    int n = converters.length;
    Object[] values = new Object[n];
    if (data.isEmpty()) {
      // CTAS and INSERT results can carry rows without data; the count is in UpdateCount.
      return Row.wrap(values);
    }
    if (data.size() != n) {
      throw new AthenaWsException(
          ErrorCode.INTERNAL,
          "a result row has " + data.size() + " values but the result has " + n + " columns");
    }
    for (int i = 0; i < n; i++) {
      String text = data.get(i).varCharValue();
      values[i] = text == null ? null : convert(i, text);
    }
    return Row.wrap(values);
  }

  private Object convert(int index, String text) {
    try {
      return converters[index].convert(text);
    } catch (ValueFormatException e) {
      Column column = columns.get(index);
      ValueFormatException named = e.withColumn(column.label());
      if (strict) {
        throw named;
      }
      if (reportedColumns.add(index)) {
        listener.onUnparsableValue(column, named);
      }
      return text;
    }
  }

  private void initColumns(ResultSet resultSet) {
    boolean hasMetadata =
        resultSet.resultSetMetadata() != null && resultSet.resultSetMetadata().hasColumnInfo();
    if (!hasMetadata && !resultSet.rows().isEmpty()) {
      throw new AthenaWsException(
          ErrorCode.INTERNAL, "the first result page has rows but no column metadata");
    }
    // DDL such as CREATE TABLE returns neither columns nor rows.
    List<ColumnInfo> infos = hasMetadata ? resultSet.resultSetMetadata().columnInfo() : List.of();
    List<Column> cols = new ArrayList<>(infos.size());
    ValueConverter[] convs = new ValueConverter[infos.size()];
    Set<String> usedNames = new HashSet<>();
    for (int i = 0; i < infos.size(); i++) {
      ColumnInfo info = infos.get(i);
      String label =
          info.label() != null ? info.label() : Objects.toString(info.name(), "_col" + i);
      AthenaType type = columnType(label, info);
      cols.add(new Column(uniqueName(label, usedNames), label, type));
      convs[i] = ValueConverters.forType(type);
    }
    this.columns = List.copyOf(cols);
    this.converters = convs;
  }

  private AthenaType columnType(String label, ColumnInfo info) {
    AthenaType reported = AthenaType.fromColumnInfo(info.type(), info.precision(), info.scale());
    // Athena lower-cases unquoted identifiers in its column labels (SELECT userName -> username):
    // a hint written as in the SQL must still match, so an exact label wins, then any case.
    AthenaType hint = columnTypes.get(label);
    if (hint == null) {
      hint = hintsByLowerLabel.get(label.toLowerCase(Locale.ROOT));
    }
    if (hint == null) {
      return reported;
    }
    if (hint.kind() != reported.kind()) {
      LOG.warn(
          "type hint {} for column '{}' does not match Athena's type {}; using Athena's",
          hint.signature(),
          label,
          reported.signature());
      return reported;
    }
    return hint;
  }

  private static Map<String, AthenaType> byLowerLabel(Map<String, AthenaType> hints) {
    Map<String, AthenaType> out = new HashMap<>();
    Set<String> clashing = new HashSet<>();
    hints.forEach(
        (label, type) -> {
          String lower = label.toLowerCase(Locale.ROOT);
          if (out.putIfAbsent(lower, type) != null) {
            clashing.add(lower);
          }
        });
    clashing.forEach(out::remove);
    return Map.copyOf(out);
  }

  private static String uniqueName(String label, Set<String> used) {
    String name = label;
    for (int k = 2; !used.add(name); k++) {
      name = label + "_" + k;
    }
    return name;
  }

  /**
   * Configures a {@link ResultSetMapper}. Not thread-safe; {@link #build()} may be called
   * repeatedly, each mapper gets its own copy of the settings. Setters throw {@link
   * NullPointerException} for null and {@link IllegalArgumentException} for a bad value, naming the
   * parameter.
   */
  public static final class Builder {
    private StatementKind statementKind = StatementKind.SELECT;
    private final Map<String, AthenaType> columnTypes = new HashMap<>();
    private boolean strict;
    private MappingListener listener = Builder::logUnparsable;
    private int firstPageNumber = 1;

    private Builder() {}

    /**
     * Sets the statement kind; it decides the header row. Default SELECT.
     *
     * @param kind the statement kind of the query
     * @return this builder
     */
    public Builder statementKind(StatementKind kind) {
      this.statementKind = Objects.requireNonNull(kind, "statementKind");
      return this;
    }

    /**
     * Sets column type hints; they replace earlier hints.
     *
     * @param hints column label to type, e.g. {@code NamedQuery.columnTypeHints()}; no null keys or
     *     values
     * @return this builder
     */
    public Builder columnTypes(Map<String, AthenaType> hints) {
      Objects.requireNonNull(hints, "columnTypes");
      hints.forEach(
          (k, v) -> {
            Objects.requireNonNull(k, "columnTypes key");
            Objects.requireNonNull(v, "columnTypes value for " + k);
          });
      this.columnTypes.clear();
      this.columnTypes.putAll(hints);
      return this;
    }

    /**
     * Chooses strict or lenient mapping. Default lenient.
     *
     * @param strict true to throw on the first unparsable value instead of keeping the raw string
     * @return this builder
     */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /**
     * Sets who hears of unparsable values; by default they are logged (column and type only).
     *
     * @param listener told once per column about unparsable values (lenient mode)
     * @return this builder
     */
    public Builder listener(MappingListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Starts numbering at a later page, for a mapper that resumes a result from a {@code NextToken}
     * (a later page never carries the header row).
     *
     * @param pageNumber the number of the first page this mapper sees, >= 1
     * @return this builder
     * @throws IllegalArgumentException if pageNumber is below 1
     */
    public Builder firstPageNumber(int pageNumber) {
      if (pageNumber < 1) {
        throw new IllegalArgumentException("firstPageNumber must be >= 1: " + pageNumber);
      }
      this.firstPageNumber = pageNumber;
      return this;
    }

    /**
     * @return a new mapper
     */
    public ResultSetMapper build() {
      return new ResultSetMapper(this);
    }

    private static void logUnparsable(Column column, ValueFormatException e) {
      // The value is user data: log the column and type only.
      LOG.warn(
          "column '{}' has a value that is not a valid {}; it is passed on as text",
          column.label(),
          column.type().signature());
    }
  }
}
