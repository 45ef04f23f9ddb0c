package dev.athenaws.local.athena;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.local.data.CloudTrailData;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Athena-compatible query engine on an embedded, in-memory DuckDB database, behind a
 * transport-neutral AWS JSON 1.1 handler: {@link #handle} takes the {@code X-Amz-Target} header
 * ({@code AmazonAthena.<Operation>}) and the request body and returns the response a real Athena
 * endpoint would give for StartQueryExecution, GetQueryExecution, BatchGetQueryExecution,
 * GetQueryResults and StopQueryExecution, so the real {@code AthenaClient} works against it.
 *
 * <p>Queries run asynchronously on a pool of worker threads (QUEUED -> RUNNING -> SUCCEEDED, FAILED
 * or CANCELLED); {@code QueryExecutionContext.Database} names the DuckDB schema ({@code default});
 * result values are formatted exactly as Athena prints them. Which Athena behaviours differ is
 * listed in the module README.
 *
 * <p>Thread-safety: thread-safe; {@link #handle} may be called concurrently from any number of
 * transport threads. {@link #close} stops the workers and closes the database.
 */
public final class AthenaEmulator implements AutoCloseable {
  /** The default database (DuckDB schema) of queries that name none. */
  public static final String DEFAULT_DATABASE = "default";

  private static final Logger LOG = LoggerFactory.getLogger(AthenaEmulator.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "AmazonAthena.";

  private final DuckDBConnection root;
  private final ScheduledExecutorService executor;
  private final Operations operations;
  private volatile Observer observer = Observer.NONE;

  private AthenaEmulator(Builder b) throws SQLException {
    root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = root.createStatement()) {
      s.execute("SET GLOBAL TimeZone = 'UTC'");
      s.execute("CREATE SCHEMA IF NOT EXISTS " + QueryRunner.quote(DEFAULT_DATABASE));
    }
    ResultTable.createSchema(root);
    if (b.sampleEvents > 0) {
      CloudTrailData.load(root, b.sampleEvents, b.sampleSeed, b.sampleDatabase);
    }
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newScheduledThreadPool(
            b.workers,
            r -> {
              Thread t = new Thread(r, "athena-emulator-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    operations =
        new Operations(
            new QueryStore(b.retainedQueries),
            new QueryRunner(root, b.clock, b.resultObjects, id -> observer.succeeded(id)),
            executor,
            root,
            b.clock,
            new Operations.Settings(b.outputLocation, b.workGroup, b.queueDelay),
            this::dropResults);
  }

  /**
   * @return a builder with the defaults documented on its setters
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Handles one AWS JSON 1.1 request. Never throws for bad input: unknown operations give 400
   * {@code UnknownOperationException}, malformed JSON 400 {@code SerializationException}, invalid
   * requests 400 {@code InvalidRequestException} with {@code Message} and {@code AthenaErrorCode},
   * and a fault of the emulator itself 500 {@code InternalServerException}.
   *
   * @param amzTarget the {@code X-Amz-Target} header, e.g. {@code AmazonAthena.GetQueryResults};
   *     may be null
   * @param jsonBody the request body; null or empty counts as {@code {}}
   * @return the response, never null
   */
  public EmulatorResponse handle(String amzTarget, byte[] jsonBody) {
    String op =
        amzTarget != null && amzTarget.startsWith(PREFIX)
            ? amzTarget.substring(PREFIX.length())
            : "";
    JsonNode req = null;
    try {
      req =
          jsonBody == null || jsonBody.length == 0
              ? JSON.createObjectNode()
              : JSON.readTree(jsonBody);
      if (req == null || !req.isObject()) {
        throw new ApiException(
            400, "SerializationException", "request body is not a JSON object", null);
      }
      ObjectNode out;
      switch (op) {
        case "StartQueryExecution":
          out = operations.start(req);
          break;
        case "GetQueryExecution":
          out = operations.get(req);
          break;
        case "BatchGetQueryExecution":
          out = operations.batchGet(req);
          break;
        case "GetQueryResults":
          out = operations.results(req);
          break;
        case "StopQueryExecution":
          out = operations.stop(req);
          break;
        case "GetQueryRuntimeStatistics":
          out = operations.runtimeStatistics(req);
          break;
        default:
          throw new ApiException(400, "UnknownOperationException", null, null);
      }
      observer.called(op, queryIds(req, out));
      return new EmulatorResponse(200, EmulatorResponse.CONTENT_TYPE, JSON.writeValueAsBytes(out));
    } catch (ApiException e) {
      if (req != null) {
        observer.called(op, queryIds(req, null));
      }
      return error(e);
    } catch (IOException e) {
      return error(
          new ApiException(400, "SerializationException", "request body is not JSON", null));
    } catch (SQLException | RuntimeException e) {
      LOG.warn("{} failed inside the emulator", op, e);
      return error(new ApiException(500, "InternalServerException", "internal error", null));
    }
  }

  /**
   * Opens a new connection to the emulator's database (for loading fixtures or sample data). The
   * caller closes it.
   *
   * @return a new connection, sharing the database with the queries
   * @throws SQLException when the database is closed
   */
  public Connection openConnection() throws SQLException {
    return root.duplicate();
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
      root.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      LOG.debug("closing the DuckDB database failed", e);
    }
  }

  /**
   * Sets what sees the calls answered and the queries that succeed from now on, replacing the
   * previous observer; {@link Observer#NONE} (the default) sees nothing.
   *
   * @param observer the observer, not null
   * @throws NullPointerException when {@code observer} is null
   */
  public void observe(Observer observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /**
   * The query ids a call names: {@code QueryExecutionId} or {@code QueryExecutionIds} of the
   * request, or for a start the id it answered.
   */
  private static List<String> queryIds(JsonNode req, JsonNode out) {
    List<String> ids = new ArrayList<>();
    if (req.path("QueryExecutionId").isTextual()) {
      ids.add(req.get("QueryExecutionId").asText());
    }
    req.path("QueryExecutionIds").forEach(id -> ids.add(id.asText()));
    if (out != null && ids.isEmpty() && out.path("QueryExecutionId").isTextual()) {
      ids.add(out.get("QueryExecutionId").asText());
    }
    return ids;
  }

  private void dropResults(Execution e) {
    QueryResult r = e.snapshot().result();
    if (r != null && r.table() != null) {
      try (Connection c = root.duplicate()) {
        ResultTable.drop(c, r.table());
      } catch (SQLException ex) {
        LOG.debug("could not drop result table of {}", e.id, ex);
      }
    }
  }

  private static EmulatorResponse error(ApiException e) {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", e.type());
    if (e.getMessage() != null) {
      body.put("Message", e.getMessage());
    }
    if (e.athenaErrorCode() != null) {
      body.put("AthenaErrorCode", e.athenaErrorCode());
    }
    try {
      return new EmulatorResponse(
          e.status(), EmulatorResponse.CONTENT_TYPE, JSON.writeValueAsBytes(body));
    } catch (JacksonException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * Sees the emulator's work as it happens, for benchmarks and tests (how many calls a query cost,
   * when it succeeded): every call answered, errors included, with its operation and the query ids
   * it names, and every query's move to SUCCEEDED.
   *
   * <p>Thread-safety: called on the emulator's request and worker threads, concurrently;
   * implementations must be thread-safe, quick and must not throw.
   */
  public interface Observer {
    /** Sees nothing. */
    Observer NONE =
        new Observer() {
          @Override
          public void called(String operation, List<String> queryExecutionIds) {}

          @Override
          public void succeeded(String queryExecutionId) {}
        };

    /**
     * A call was answered.
     *
     * @param operation the operation, e.g. {@code GetQueryResults}; empty when unknown
     * @param queryExecutionIds the ids the call named (for {@code StartQueryExecution}, the id it
     *     started); empty when none
     */
    void called(String operation, List<String> queryExecutionIds);

    /**
     * A query has just become SUCCEEDED (its result table and result object are complete).
     *
     * @param queryExecutionId the query
     */
    void succeeded(String queryExecutionId);
  }

  /**
   * Configures an {@link AthenaEmulator}. Setters validate at once (NPE for null, IAE for a bad
   * value).
   *
   * <p>Thread-safety: not thread-safe; use from one thread.
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private int workers = 4;
    private int retainedQueries = 1000;
    private String outputLocation = "s3://athena-ws-local/results/";
    private String workGroup = "primary";
    private Duration queueDelay = Duration.ZERO;
    private int sampleEvents;
    private long sampleSeed = CloudTrailData.DEFAULT_SEED;
    private String sampleDatabase = CloudTrailData.SCHEMA;
    private ResultObjects resultObjects = ResultObjects.NONE;

    private Builder() {}

    /**
     * Where each SELECT's result CSV is written ({@code <OutputLocation><QueryExecutionId>.csv}),
     * as Athena does; none unless set.
     *
     * @param objects the object writer
     * @return this builder
     */
    public Builder resultObjects(ResultObjects objects) {
      this.resultObjects = Objects.requireNonNull(objects, "objects");
      return this;
    }

    /**
     * @param clock the clock of submission/completion times and statistics; default system UTC
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @param workers how many queries run at once, 1..64; default 4
     */
    public Builder workers(int workers) {
      if (workers < 1 || workers > 64) {
        throw new IllegalArgumentException("workers: must be 1..64: " + workers);
      }
      this.workers = workers;
      return this;
    }

    /**
     * @param count executions kept (with their results) before the oldest finished are dropped;
     *     default 1000
     */
    public Builder retainedQueries(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("retainedQueries: must be positive: " + count);
      }
      this.retainedQueries = count;
      return this;
    }

    /**
     * @param location the default result OutputLocation (an s3:// URI, only echoed); default
     *     s3://athena-ws-local/results/
     */
    public Builder outputLocation(String location) {
      this.outputLocation = Objects.requireNonNull(location, "location");
      return this;
    }

    /**
     * @param workGroup the WorkGroup of queries that name none; default primary
     */
    public Builder workGroup(String workGroup) {
      this.workGroup = Objects.requireNonNull(workGroup, "workGroup");
      return this;
    }

    /**
     * @param delay how long each query stays QUEUED before it runs (latency injection); default 0
     */
    public Builder queueDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("queueDelay: must not be negative: " + delay);
      }
      this.queueDelay = delay;
      return this;
    }

    /**
     * Loads the synthetic CloudTrail table at start-up ({@link CloudTrailData#load}).
     *
     * @param events how many events, 0 for none (the default)
     * @param seed the generator seed; the same seed gives the same rows
     */
    public Builder sampleData(int events, long seed) {
      if (events < 0) {
        throw new IllegalArgumentException("events: must not be negative: " + events);
      }
      this.sampleEvents = events;
      this.sampleSeed = seed;
      return this;
    }

    /**
     * The database (DuckDB schema) the sample table is loaded into; {@code default} unless set.
     *
     * @param database the database name
     * @return this builder
     * @throws NullPointerException when {@code database} is null
     */
    public Builder sampleDatabase(String database) {
      this.sampleDatabase = java.util.Objects.requireNonNull(database, "database");
      return this;
    }

    /**
     * @return a started emulator with an empty in-memory database (plus sample data if asked)
     * @throws IllegalStateException when DuckDB cannot be opened or the sample data not loaded
     */
    public AthenaEmulator build() {
      try {
        return new AthenaEmulator(this);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot open the DuckDB database: " + e.getMessage(), e);
      }
    }
  }
}
