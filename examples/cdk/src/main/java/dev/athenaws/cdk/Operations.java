package dev.athenaws.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * What to watch (docs/operations.md): a dashboard of the handlers' embedded-format metrics, which
 * CloudWatch extracts from their log lines (namespace {@value #NAMESPACE}, dimension {@code
 * FunctionName}), and an alarm when queries fail.
 */
final class Operations extends Construct {
  /** The adapter's default METRICS_NAMESPACE. */
  static final String NAMESPACE = "AthenaWs";

  static final Duration PERIOD = Duration.minutes(5);

  private final Alarm failedQueries;

  Operations(Construct scope, String id, IFunction queryRoute, IFunction push) {
    super(scope, id);
    List<IFunction> both = List.of(queryRoute, push);
    Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard").build();
    dashboard.addWidgets(
        graph("Queries", both, "QueriesCompleted", "QueriesFailed", "Refused", "HandOffs"),
        graph("Athena time (ms)", both, "QueueTime", "EngineTime"),
        graph("Delivery", both, "Rows", "Messages", "PostsRetried", "PostsThrottled"),
        graph("Athena calls", both, "AthenaCalls", "AthenaRetries"));
    // Failed queries of either handler: the route handler (inline) and the push task both report.
    this.failedQueries =
        Alarm.Builder.create(this, "FailedQueries")
            .alarmDescription(
                "athena-ws queries ended with an error (QueriesFailed > 0 in 5 minutes)")
            .metric(
                MathExpression.Builder.create()
                    .expression("q + p")
                    .usingMetrics(
                        Map.of(
                            "q",
                            metric(queryRoute, "QueriesFailed"),
                            "p",
                            metric(push, "QueriesFailed")))
                    .label("QueriesFailed")
                    .period(PERIOD)
                    .build())
            .threshold(1)
            .evaluationPeriods(1)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            // No line means no query: not a failure.
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
  }

  Alarm failedQueries() {
    return failedQueries;
  }

  private static GraphWidget graph(String title, List<IFunction> functions, String... names) {
    java.util.List<IMetric> metrics = new java.util.ArrayList<>();
    for (IFunction f : functions) {
      for (String name : names) {
        metrics.add(metric(f, name));
      }
    }
    return GraphWidget.Builder.create().title(title).left(metrics).width(12).build();
  }

  private static Metric metric(IFunction function, String name) {
    return Metric.Builder.create()
        .namespace(NAMESPACE)
        .metricName(name)
        .dimensionsMap(Map.of("FunctionName", function.getFunctionName()))
        .statistic("Sum")
        .period(PERIOD)
        .build();
  }
}
