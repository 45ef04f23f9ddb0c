package dev.athenaws.local.sfn;

import java.time.Duration;

/**
 * The push workflow's settings, as the deployed state machine has them.
 *
 * @param workGroup the work group the start state names
 * @param queryTimeout the start state's timeout: the query is stopped after it
 * @param pushTimeout the push function's Lambda timeout
 * @param pollInterval how often the {@code .sync} wait looks at the query
 */
public record WorkflowSettings(
    String workGroup, Duration queryTimeout, Duration pushTimeout, Duration pollInterval) {}
