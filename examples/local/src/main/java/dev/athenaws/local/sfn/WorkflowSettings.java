package dev.athenaws.local.sfn;

import java.time.Duration;
import java.util.Objects;

/**
 * What the local Step Functions endpoint needs beyond the definition (the work group, database and
 * timeouts of the workflow are in the definition itself).
 *
 * @param functionTimeout the Lambda timeout of the functions the definition invokes: their
 *     remaining time counts down from it
 * @param pollInterval how often the {@code .sync} integration looks at a running query
 */
public record WorkflowSettings(Duration functionTimeout, Duration pollInterval) {
  /**
   * @throws NullPointerException when a field is null
   */
  public WorkflowSettings {
    Objects.requireNonNull(functionTimeout, "functionTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
  }
}
