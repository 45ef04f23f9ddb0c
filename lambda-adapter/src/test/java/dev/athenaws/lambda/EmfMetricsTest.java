package dev.athenaws.lambda;

import static dev.athenaws.lambda.Harness.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.RunListener;
import dev.athenaws.error.ErrorCode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The metric lines of real invocations, checked against the rules of the embedded metric format
 * specification (CloudWatch User Guide, "Specification: Embedded metric format",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 */
class EmfMetricsTest {
  /** The specification's MetricDefinition Unit values (the CloudWatch StandardUnit list). */
  private static final Set<String> UNITS =
      Set.of(
          "Seconds",
          "Microseconds",
          "Milliseconds",
          "Bytes",
          "Kilobytes",
          "Megabytes",
          "Gigabytes",
          "Terabytes",
          "Bits",
          "Kilobits",
          "Megabits",
          "Gigabits",
          "Terabits",
          "Percent",
          "Count",
          "Bytes/Second",
          "Kilobytes/Second",
          "Megabytes/Second",
          "Gigabytes/Second",
          "Terabytes/Second",
          "Bits/Second",
          "Kilobits/Second",
          "Megabits/Second",
          "Gigabits/Second",
          "Terabits/Second",
          "Count/Second",
          "None");

  private final Harness h =
      new Harness()
          .with("INLINE_DEADLINE_SECONDS", "5")
          .with("AWS_LAMBDA_FUNCTION_NAME", "athena-ws-query");

  @AfterEach
  void close() {
    h.close();
  }

  /** Every rule of the specification this writer's documents fall under. */
  static void assertValidEmf(JsonNode root) {
    // Root: a JSON object with the _aws metadata object.
    assertThat(root.isObject()).isTrue();
    JsonNode aws = root.path("_aws");
    assertThat(aws.isObject()).as("_aws").isTrue();
    // Timestamp: REQUIRED, a number of milliseconds since the epoch.
    assertThat(aws.path("Timestamp").isIntegralNumber()).as("Timestamp").isTrue();
    assertThat(aws.path("Timestamp").asLong()).isPositive();
    // CloudWatchMetrics: REQUIRED array of MetricDirective objects.
    JsonNode directives = aws.path("CloudWatchMetrics");
    assertThat(directives.isArray()).isTrue();
    assertThat(directives).isNotEmpty();
    for (JsonNode directive : directives) {
      // Namespace: REQUIRED string, 1..1024 characters, not only whitespace.
      String namespace = directive.path("Namespace").asText();
      assertThat(directive.path("Namespace").isTextual()).isTrue();
      assertThat(namespace.length()).isBetween(1, 1024);
      assertThat(namespace.isBlank()).isFalse();
      // Dimensions: REQUIRED array of DimensionSet (arrays of strings, at most 30 names each),
      // every name a root member whose value is a string.
      assertThat(directive.path("Dimensions").isArray()).isTrue();
      for (JsonNode set : directive.path("Dimensions")) {
        assertThat(set.isArray()).isTrue();
        assertThat(set.size()).isBetween(0, 30);
        for (JsonNode name : set) {
          assertThat(name.isTextual()).isTrue();
          assertThat(root.path(name.asText()).isTextual()).as("dimension %s", name).isTrue();
          assertThat(root.path(name.asText()).asText().length()).isBetween(1, 1024);
        }
      }
      // Metrics: REQUIRED array of at most 100 MetricDefinitions; Name REQUIRED (1..1024, unique
      // in the directive), Unit OPTIONAL from the list; the root holds each metric's value, a
      // number
      // (or an array of at most 100 numbers).
      JsonNode metrics = directive.path("Metrics");
      assertThat(metrics.isArray()).isTrue();
      assertThat(metrics.size()).isBetween(1, 100);
      Set<String> names = new HashSet<>();
      for (JsonNode metric : metrics) {
        String name = metric.path("Name").asText();
        assertThat(name.length()).isBetween(1, 1024);
        assertThat(names.add(name)).as("unique %s", name).isTrue();
        if (metric.has("Unit")) {
          assertThat(UNITS).contains(metric.path("Unit").asText());
        }
        assertThat(root.path(name).isNumber()).as("value of %s", name).isTrue();
      }
    }
  }

  @Test
  void aCompletedInlineQueryWritesOneValidLineWithItsMeasures() {
    h.athena.nextQuery(Scripts.numbers(Duration.ofSeconds(1), 2, 3));

    new QueryRouteHandler(h.wiring()).handle(Harness.event("query.json"), ScriptedTime.plenty());

    List<JsonNode> lines = h.metricLines();
    assertThat(lines).hasSize(1);
    JsonNode line = lines.get(0);
    assertValidEmf(line);
    assertThat(line.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText())
        .isEqualTo(Config.DEFAULT_METRICS_NAMESPACE);
    assertThat(line.path("FunctionName").asText()).isEqualTo("athena-ws-query");
    assertThat(line.path("Query").asText()).isEqualTo("by-region");
    assertThat(line.path("QueriesCompleted").asLong()).isEqualTo(1);
    assertThat(line.path("QueriesFailed").asLong()).isZero();
    assertThat(line.path("Rows").asLong()).isEqualTo(6);
    assertThat(line.path("Messages").asLong()).isEqualTo(h.api.posts(Harness.CONNECTION));
    assertThat(line.path("AthenaCalls").asLong()).isEqualTo(h.athena.requests().size());
    assertThat(line.path("EngineTime").asLong()).isEqualTo(1000);
    assertThat(line.path("queryExecutionId").asText()).isEqualTo(Harness.FIRST_QUERY);
    assertThat(line.toString()).doesNotContain(Harness.CONNECTION).doesNotContain("SELECT");
  }

  @Test
  void aRefusedMessageHasOnlyTheFunctionDimensionAndItsCode() {
    new QueryRouteHandler(h.wiring())
        .handle(message("{\"action\":\"query\",\"query\":\"x-y-z\"}"), ScriptedTime.plenty());

    JsonNode line = h.metricLines().get(0);
    assertValidEmf(line);
    assertThat(line.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
        .isEqualTo("[[\"FunctionName\"]]");
    assertThat(line.path("Refused").asLong()).isEqualTo(1);
    assertThat(line.path("errorCode").asText()).isEqualTo("UNKNOWN_QUERY");
    assertThat(line.toString()).doesNotContain("x-y-z");
  }

  @Test
  void theMetricsCanBeTurnedOff() {
    h.with("METRICS_DISABLED", "true");

    new QueryRouteHandler(h.wiring())
        .handle(Harness.event("list-queries.json"), ScriptedTime.plenty());

    assertThat(h.metricLines()).isEmpty();
  }

  @Test
  void everyResultAndMeasureGivesAValidDocument() {
    EmfMetrics emf = new EmfMetrics("ns/a", null, System.out, java.time.Clock.systemUTC());
    Map<RunListener.Measure, Long> all = new java.util.EnumMap<>(RunListener.Measure.class);
    for (RunListener.Measure m : RunListener.Measure.values()) {
      all.put(m, 7L);
    }
    for (RunListener.Result r : RunListener.Result.values()) {
      JsonNode line =
          Harness.read(
              emf.line(
                  new RunListener.RunEnded(
                      RunListener.Phase.RESUME,
                      "q",
                      r,
                      "id-1",
                      ErrorCode.QUERY_CANCELLED,
                      Duration.ofMillis(5),
                      all)));
      assertValidEmf(line);
      assertThat(line.path("Resumes").asLong()).isEqualTo(1);
      assertThat(line.path("QueriesCancelled").asLong()).isEqualTo(1);
    }
  }

  @Test
  void aBadNamespaceIsRefusedAtInit() {
    h.with("METRICS_NAMESPACE", "AWS/Lambda");

    org.assertj.core.api.Assertions.assertThatThrownBy(h::wiring)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("METRICS_NAMESPACE");
  }
}
