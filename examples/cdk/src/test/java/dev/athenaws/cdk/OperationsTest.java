package dev.athenaws.cdk;

import static dev.athenaws.cdk.Synthesized.resources;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** What to watch: JSON logs, the metrics dashboard and the failed-queries alarm. */
class OperationsTest {
  private static Template template;

  @BeforeAll
  static void synth() {
    template = Synthesized.template(Mode.INLINE);
  }

  @Test
  void everyFunctionLogsInJsonAtInfo() {
    template.allResourcesProperties(
        "AWS::Lambda::Function",
        Map.of(
            "LoggingConfig",
            Map.of("LogFormat", "JSON", "ApplicationLogLevel", "INFO", "SystemLogLevel", "INFO")));
  }

  @Test
  void aDashboardGraphsTheEmbeddedMetrics() {
    template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    String body = template.toJSON().toString();
    assertThat(body)
        .contains(Operations.NAMESPACE)
        .contains("QueriesCompleted")
        .contains("QueriesFailed")
        .contains("EngineTime")
        .contains("QueueTime")
        .contains("PostsThrottled")
        .contains("AthenaRetries");
  }

  @Test
  void anAlarmFiresOnAFailedQueryOfEitherHandler() {
    Map<String, Object> alarm =
        resources(template, "AWS::CloudWatch::Alarm").values().stream()
            .map(Synthesized::properties)
            .findFirst()
            .orElseThrow();
    assertThat(resources(template, "AWS::CloudWatch::Alarm")).hasSize(1);
    assertThat(alarm)
        .containsEntry("Threshold", 1)
        .containsEntry("EvaluationPeriods", 1)
        .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
        .containsEntry("TreatMissingData", "notBreaching");
    String metrics = alarm.get("Metrics").toString();
    assertThat(metrics)
        .contains("q + p")
        .contains("QueriesFailed")
        .contains(Operations.NAMESPACE)
        .contains("FunctionName");
  }
}
