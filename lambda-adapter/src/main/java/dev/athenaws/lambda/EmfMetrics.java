package dev.athenaws.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.RunListener;
import dev.athenaws.RunListener.Measure;
import dev.athenaws.RunListener.Result;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one CloudWatch embedded metric format (EMF) line to stdout for every call of the front
 * door: CloudWatch Logs extracts the metrics from the function's log group, with no CloudWatch API
 * call and no AWS dependency. Per the specification (CloudWatch User Guide, "Specification:
 * Embedded metric format"): the root holds {@code _aws} with {@code Timestamp} (epoch milliseconds)
 * and one {@code CloudWatchMetrics} directive ({@code Namespace}, {@code Dimensions} as arrays of
 * dimension names, {@code Metrics} as {@code Name}/{@code Unit}), and every metric and dimension
 * value as a root member; the line is a single JSON object. Dimensions stay low in cardinality: the
 * function name, and the catalog query name when there is one; ids and codes are plain members
 * (searchable in Logs Insights, not dimensions). Metric names and units: docs/operations.md.
 *
 * <p>Thread-safety: thread-safe (each line is one {@code println} of a complete string). Never
 * throws: a failure to write is the stream's concern ({@link PrintStream} swallows it).
 */
final class EmfMetrics implements RunListener {
  static final String FUNCTION = "FunctionName";
  static final String QUERY = "Query";

  /** A metric: its name in CloudWatch and its unit (from the specification's list). */
  record Metric(String name, String unit) {}

  /** Each measure's metric. */
  static final Map<Measure, Metric> MEASURES = measures();

  /** Metrics counting how calls ended: 1 on the line of such a call, else 0. */
  static final Map<Result, Metric> RESULTS = results();

  static final Metric DURATION = new Metric("Duration", "Milliseconds");
  static final Metric RESUMES = new Metric("Resumes", "Count");
  static final Metric CANCELS = new Metric("QueriesCancelled", "Count");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String namespace;
  private final String functionName;
  private final PrintStream out;
  private final Clock clock;

  EmfMetrics(String namespace, String functionName, PrintStream out, Clock clock) {
    this.namespace = namespace;
    this.functionName = functionName == null ? "local" : functionName;
    this.out = out;
    this.clock = clock;
  }

  @Override
  public void runEnded(RunEnded run) {
    out.println(line(run));
  }

  /**
   * @return the EMF document of one call, as one line of JSON
   */
  String line(RunEnded run) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode aws = root.putObject("_aws");
    aws.put("Timestamp", clock.millis());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", namespace);
    ArrayNode dimensions = directive.putArray("Dimensions");
    dimensions.addArray().add(FUNCTION);
    root.put(FUNCTION, functionName);
    if (run.queryName() != null) {
      dimensions.addArray().add(FUNCTION).add(QUERY);
      root.put(QUERY, run.queryName());
    }
    ArrayNode metrics = directive.putArray("Metrics");
    Map<Metric, Long> values = new LinkedHashMap<>();
    RESULTS.forEach((result, metric) -> values.put(metric, run.result() == result ? 1L : 0L));
    values.put(RESUMES, run.phase() == Phase.RESUME ? 1L : 0L);
    values.put(CANCELS, run.errorCode() == dev.athenaws.error.ErrorCode.QUERY_CANCELLED ? 1L : 0L);
    values.put(DURATION, run.elapsed().toMillis());
    run.measures().forEach((measure, value) -> values.put(MEASURES.get(measure), value));
    values.forEach(
        (metric, value) -> {
          metrics.addObject().put("Name", metric.name()).put("Unit", metric.unit());
          root.put(metric.name(), value);
        });
    root.put("phase", run.phase().name());
    root.put("result", run.result().name());
    if (run.errorCode() != null) {
      root.put("errorCode", run.errorCode().name());
    }
    if (run.queryExecutionId() != null) {
      root.put("queryExecutionId", run.queryExecutionId());
    }
    return root.toString();
  }

  private static Map<Measure, Metric> measures() {
    Map<Measure, Metric> m = new java.util.EnumMap<>(Measure.class);
    m.put(Measure.QUEUE_TIME_MILLIS, new Metric("QueueTime", "Milliseconds"));
    m.put(Measure.ENGINE_TIME_MILLIS, new Metric("EngineTime", "Milliseconds"));
    m.put(Measure.DATA_SCANNED_BYTES, new Metric("DataScanned", "Bytes"));
    m.put(Measure.ROWS, new Metric("Rows", "Count"));
    m.put(Measure.MESSAGES, new Metric("Messages", "Count"));
    m.put(Measure.MESSAGE_BYTES, new Metric("MessageBytes", "Bytes"));
    m.put(Measure.POSTS_RETRIED, new Metric("PostsRetried", "Count"));
    m.put(Measure.POSTS_THROTTLED, new Metric("PostsThrottled", "Count"));
    m.put(Measure.ATHENA_CALLS, new Metric("AthenaCalls", "Count"));
    m.put(Measure.ATHENA_RETRIES, new Metric("AthenaRetries", "Count"));
    for (Measure measure : Measure.values()) {
      if (!m.containsKey(measure)) {
        throw new IllegalStateException("no metric for " + measure);
      }
    }
    return m;
  }

  private static Map<Result, Metric> results() {
    Map<Result, Metric> m = new java.util.EnumMap<>(Result.class);
    for (Result r : List.of(Result.values())) {
      m.put(
          r,
          new Metric(
              switch (r) {
                case LISTED -> "CatalogsListed";
                case ANSWERED -> "Pings";
                case CANCELLED -> "QueriesCancelled";
                case REFUSED -> "Refused";
                case COMPLETED -> "QueriesCompleted";
                case FAILED -> "QueriesFailed";
                case CONNECTION_GONE -> "ConnectionsGone";
                case UNDELIVERED -> "Undelivered";
                case PAUSED -> "Paused";
                case HANDED_OFF -> "HandOffs";
                case NOT_STARTED -> "NotStarted";
              },
              "Count"));
    }
    return m;
  }
}
