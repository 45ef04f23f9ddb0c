package dev.athenaws.local.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.duckdb.DuckDBConnection;

/**
 * The six Athena operations on parsed JSON 1.1 request bodies (Athena API reference:
 * StartQueryExecution, GetQueryExecution, BatchGetQueryExecution, GetQueryResults,
 * StopQueryExecution, GetQueryRuntimeStatistics). Validation failures throw {@link ApiException}.
 *
 * <p>Thread-safety: safe for concurrent requests; state lives in the {@link QueryStore} and the
 * executions.
 */
final class Operations {
  static final int MAX_RESULTS = 1000;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Settings fixed at construction. */
  record Settings(String outputLocation, String workGroup, Duration queueDelay) {}

  private final QueryStore store;
  private final QueryRunner runner;
  private final ScheduledExecutorService executor;
  private final DuckDBConnection root;
  private final Clock clock;
  private final Settings settings;
  private final Consumer<Execution> evicted;

  Operations(
      QueryStore store,
      QueryRunner runner,
      ScheduledExecutorService executor,
      DuckDBConnection root,
      Clock clock,
      Settings settings,
      Consumer<Execution> evicted) {
    this.store = store;
    this.runner = runner;
    this.executor = executor;
    this.root = root;
    this.clock = clock;
    this.settings = settings;
    this.evicted = evicted;
  }

  /** Whether a repeated start (same ClientRequestToken) asks for the same query. */
  private static boolean sameRequest(
      Execution e,
      String sql,
      List<String> params,
      String database,
      String catalog,
      String workGroup,
      String outputDir) {
    return e.query.equals(sql)
        && e.parameters.equals(params)
        && e.database.equals(database)
        && e.catalog.equals(catalog)
        && e.workGroup.equals(workGroup)
        && e.outputLocation.equals(outputDir);
  }

  ObjectNode start(JsonNode req) {
    String sql = text(req, "QueryString");
    if (sql == null || sql.isEmpty() || sql.length() > 262_144) {
      throw ApiException.invalidRequest("QueryString must be 1 to 262144 characters");
    }
    List<String> params = new ArrayList<>();
    for (JsonNode p : req.path("ExecutionParameters")) {
      params.add(p.asText());
    }
    JsonNode ctx = req.path("QueryExecutionContext");
    String database = ctx.hasNonNull("Database") ? ctx.get("Database").asText() : "default";
    String catalog = ctx.hasNonNull("Catalog") ? ctx.get("Catalog").asText() : "AwsDataCatalog";
    String workGroup =
        req.hasNonNull("WorkGroup") ? req.get("WorkGroup").asText() : settings.workGroup();
    String output =
        req.path("ResultConfiguration").path("OutputLocation").asText(settings.outputLocation());
    String outputDir = output.endsWith("/") ? output : output + "/";
    Duration reuseAge = ResultReuse.maxAge(req);
    QueryStore.Started started =
        store.start(
            text(req, "ClientRequestToken"),
            () -> {
              Instant now = clock.instant();
              Execution fresh =
                  new Execution(
                      UUID.randomUUID().toString(),
                      sql,
                      params,
                      database,
                      catalog,
                      workGroup,
                      outputDir,
                      kindOf(sql),
                      now,
                      reuseAge,
                      null);
              Execution previous = ResultReuse.find(store.all(), fresh, reuseAge, now);
              return previous == null ? fresh : fresh.reusing(previous);
            });
    if (!started.created()
        && !sameRequest(
            started.execution(), sql, params, database, catalog, workGroup, outputDir)) {
      // "An error is returned if a parameter, such as QueryString, has changed"
      // (StartQueryExecution
      // API reference, ClientRequestToken); the reference names no error type: Athena's 400 for a
      // request it refuses is InvalidRequestException.
      throw ApiException.invalidRequest(
          "The ClientRequestToken was used before with other parameters (QueryString,"
              + " ExecutionParameters, QueryExecutionContext, WorkGroup or OutputLocation)");
    }
    if (started.created()) {
      Execution e = started.execution();
      if (e.reusedFrom != null) {
        e.reuse(clock.instant()); // not run: the previous result is the answer
      } else {
        executor.schedule(
            () -> runner.run(e), settings.queueDelay().toNanos(), TimeUnit.NANOSECONDS);
      }
    }
    // A result table shared with a retained execution that reuses it stays until that one goes.
    List<Execution> retained = store.all();
    started.evicted().stream().filter(e -> !shared(e, retained)).forEach(evicted);
    return F.objectNode().put("QueryExecutionId", started.execution().id);
  }

  private static boolean shared(Execution gone, List<Execution> retained) {
    QueryResult r = gone.snapshot().result();
    if (r == null || r.table() == null) {
      return false;
    }
    return retained.stream()
        .map(x -> x.snapshot().result())
        .anyMatch(x -> x != null && r.table().equals(x.table()));
  }

  /**
   * GetQueryRuntimeStatistics (Athena API reference): the Timeline once the query is SUCCEEDED or
   * FAILED, and for a result with rows {@code Rows} with {@code OutputRows} (the result's data
   * rows), {@code InputBytes} and {@code OutputBytes} (the emulator's text-size estimate, as
   * DataScannedInBytes); {@code InputRows} and {@code OutputStage} are left out (optional members;
   * DuckDB does not report them per query). Earlier states are refused like GetQueryResults.
   */
  ObjectNode runtimeStatistics(JsonNode req) {
    Execution e = find(text(req, "QueryExecutionId"));
    Execution.Snapshot s = e.snapshot();
    if (s.state() != Execution.State.SUCCEEDED && s.state() != Execution.State.FAILED) {
      throw ApiException.invalidRequest(
          "Query has not yet finished. Current state: " + s.state().name());
    }
    ObjectNode out = F.objectNode();
    ObjectNode stats = out.putObject("QueryRuntimeStatistics");
    ExecutionJson.timeline(stats.putObject("Timeline"), e, s, clock.instant());
    QueryResult r = s.result();
    if (r != null && r.table() != null) {
      stats
          .putObject("Rows")
          .put("InputBytes", e.reusedFrom != null ? 0 : r.bytes())
          .put("OutputBytes", r.bytes())
          .put("OutputRows", r.rowCount());
    }
    return out;
  }

  ObjectNode get(JsonNode req) {
    Execution e = find(text(req, "QueryExecutionId"));
    ObjectNode out = F.objectNode();
    out.set("QueryExecution", ExecutionJson.render(e, clock.instant()));
    return out;
  }

  ObjectNode batchGet(JsonNode req) {
    JsonNode ids = req.path("QueryExecutionIds");
    if (!ids.isArray() || ids.size() < 1 || ids.size() > 50) {
      throw ApiException.invalidRequest("QueryExecutionIds must hold 1 to 50 ids");
    }
    ObjectNode out = F.objectNode();
    ArrayNode found = out.putArray("QueryExecutions");
    ArrayNode missing = out.putArray("UnprocessedQueryExecutionIds");
    for (JsonNode id : ids) {
      Execution e = store.get(id.asText());
      if (e == null) {
        missing
            .addObject()
            .put("QueryExecutionId", id.asText())
            .put("ErrorCode", "INVALID_INPUT")
            .put("ErrorMessage", "QueryExecution " + id.asText() + " was not found");
      } else {
        found.add(ExecutionJson.render(e, clock.instant()));
      }
    }
    return out;
  }

  ObjectNode stop(JsonNode req) {
    find(text(req, "QueryExecutionId")).cancel(clock.instant());
    return F.objectNode();
  }

  ObjectNode results(JsonNode req) throws SQLException {
    Execution e = find(text(req, "QueryExecutionId"));
    int max = req.hasNonNull("MaxResults") ? req.get("MaxResults").asInt() : MAX_RESULTS;
    if (max < 1 || max > MAX_RESULTS) {
      throw ApiException.invalidRequest(
          "1 validation error detected: Value '"
              + max
              + "' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000");
    }
    Execution.Snapshot s = e.snapshot();
    if (s.state() != Execution.State.SUCCEEDED) {
      throw ApiException.invalidRequest(
          s.reason() != null
              ? s.reason()
              : "Query has not yet finished. Current state: " + s.state().name());
    }
    QueryResult r = s.result();
    long position =
        req.hasNonNull("NextToken") ? PageToken.decode(req.get("NextToken").asText(), e.id) : 0;
    boolean header = e.kind.isSelect();
    long first = header ? Math.max(position - 1, 0) : position;
    int count = header && position == 0 ? max - 1 : max;
    List<String[]> rows = r.table() == null || count == 0 ? List.of() : page(r, first, count);
    ObjectNode out = F.objectNode();
    if (r.updateCount() != null) {
      out.put("UpdateCount", r.updateCount());
    }
    ObjectNode rs = out.putObject("ResultSet");
    ArrayNode rowsJson = rs.putArray("Rows");
    if (header && position == 0) {
      ArrayNode data = rowsJson.addObject().putArray("Data");
      r.columns().forEach(c -> data.addObject().put("VarCharValue", c.label()));
    }
    for (String[] row : rows) {
      ArrayNode data = rowsJson.addObject().putArray("Data");
      for (String v : row) {
        ObjectNode datum = data.addObject();
        if (v != null) {
          datum.put("VarCharValue", v);
        }
      }
    }
    columnInfo(rs.putObject("ResultSetMetadata").putArray("ColumnInfo"), r.columns());
    long next = first + rows.size() + (header ? 1 : 0);
    long total = r.rowCount() + (header ? 1 : 0);
    if (next < total && next > position) {
      out.put("NextToken", PageToken.encode(e.id, next));
    }
    return out;
  }

  private List<String[]> page(QueryResult r, long first, int count) throws SQLException {
    try (Connection c = root.duplicate()) {
      return ResultTable.page(c, r.table(), r.columns().size(), first, count);
    }
  }

  private static void columnInfo(ArrayNode info, List<ColumnMeta> columns) {
    for (ColumnMeta c : columns) {
      ObjectNode ci = info.addObject();
      ci.put("CatalogName", "hive");
      ci.put("SchemaName", "");
      ci.put("TableName", "");
      ci.put("Name", c.label());
      ci.put("Label", c.label());
      ci.put("Type", c.typeName());
      ci.put("Precision", c.precision());
      ci.put("Scale", c.scale());
      ci.put("Nullable", "UNKNOWN");
      ci.put("CaseSensitive", c.caseSensitive());
    }
  }

  private Execution find(String id) {
    if (id == null || id.isEmpty()) {
      throw ApiException.invalidRequest("QueryExecutionId is required");
    }
    Execution e = store.get(id);
    if (e == null) {
      throw ApiException.invalidRequest("QueryExecution " + id + " was not found");
    }
    return e;
  }

  private static StatementKind kindOf(String sql) {
    try {
      return StatementKind.of(SqlTokens.of(sql));
    } catch (IllegalArgumentException e) {
      return new StatementKind(StatementKind.UTILITY, "UNKNOWN");
    }
  }

  private static String text(JsonNode req, String field) {
    JsonNode n = req.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
