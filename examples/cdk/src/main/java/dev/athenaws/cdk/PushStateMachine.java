package dev.athenaws.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.CustomState;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The Standard state machine of the stepfunctions mode (and of inline mode's hand-off):
 *
 * <pre>
 * Already started? --queryExecutionId present--------------------------------+
 *   | no                                                                    v
 * Has parameters? -> Start query [with parameters] (.sync) -> Lift query id -> Push results
 *                                                                 ^            |
 *                                                                 +-- more? <--+ -> Done
 * any Catch -> Report error (push handler posts the "error" message) -> Failed
 * </pre>
 *
 * <p>Only ids and tokens travel through the state (payload limit 256 KiB): the push handler pages
 * the results itself and returns a continuation when its time runs low.
 *
 * <p>Not thread-safe (a CDK construct). Throws what CDK throws for invalid definitions.
 */
final class PushStateMachine extends Construct {

  /** Step Functions' optimised Athena integration, run-a-job (.sync) pattern. */
  static final String START_SYNC_RESOURCE =
      "arn:" + Aws.PARTITION + ":states:::athena:startQueryExecution.sync";

  /** Where a Catch puts the error: the push handler recognises it and tells the client. */
  static final String ERROR_PATH = "$.error";

  private final StateMachine stateMachine;

  PushStateMachine(
      Construct scope,
      String id,
      IFunction pushResults,
      ResultsStorage storage,
      AthenaAccess access,
      StackSettings settings) {
    super(scope, id);
    Duration queryTimeout = Duration.minutes(settings.queryTimeoutMinutes());

    LambdaInvoke reportError =
        LambdaInvoke.Builder.create(this, "ReportError")
            .stateName("Report error")
            .lambdaFunction(pushResults)
            // No payload given: the Lambda gets the whole state, including the caught
            // {"Error","Cause"} under "error".
            .payloadResponseOnly(true)
            .resultPath(JsonPath.DISCARD)
            .build();
    reportError.next(
        Fail.Builder.create(this, "Failed")
            .stateName("Failed")
            .errorPath("$.error.Error")
            .causePath("$.error.Cause")
            .build());
    CatchProps toReport =
        CatchProps.builder().errors(List.of("States.ALL")).resultPath(ERROR_PATH).build();

    LambdaInvoke push =
        LambdaInvoke.Builder.create(this, "PushResults")
            .stateName("Push results")
            .lambdaFunction(pushResults)
            // No payload given: the Lambda gets the whole state; on later rounds that is its own
            // previous output (ids, NextToken and continuation only).
            .payloadResponseOnly(true)
            .build();
    push.addCatch(reportError, toReport);
    Choice morePages =
        new Choice(this, "MorePages", software.amazon.awscdk.services.stepfunctions.ChoiceProps
            .builder().stateName("More pages?").build());
    push.next(
        morePages
            .when(Condition.booleanEquals("$.done", false), push)
            .otherwise(Succeed.Builder.create(this, "Done").stateName("Done").build()));

    // The .sync result is the whole GetQueryExecution answer; keep only the id, then lift it to
    // the top level where the push handler (and inline mode's hand-off input) have it.
    Pass liftId =
        Pass.Builder.create(this, "LiftQueryId")
            .stateName("Lift query id")
            .parameters(
                Map.of(
                    "state",
                    JsonPath.jsonMerge(JsonPath.objectAt("$"), JsonPath.objectAt("$.started"))))
            .outputPath("$.state")
            .build();
    liftId.next(push);

    String workGroup = storage.workGroupName();
    CustomState startWithParameters =
        startQuery("Start query with parameters", workGroup, true, queryTimeout);
    CustomState startPlain =
        startQuery("Start query", workGroup, false, queryTimeout);
    for (CustomState start : List.of(startWithParameters, startPlain)) {
      start.addRetry(
          RetryProps.builder()
              // Athena's StartQueryExecution quota (20/s) and concurrent-query limit, transient faults.
              .errors(List.of("Athena.TooManyRequestsException", "Athena.InternalServerException"))
              .interval(Duration.seconds(2))
              .backoffRate(2)
              .maxAttempts(5)
              .build());
      start.addCatch(reportError, toReport);
      start.next(liftId);
    }

    // Athena rejects an empty ExecutionParameters list, so a query without parameters takes the
    // state that omits the field.
    Choice hasParameters =
        new Choice(this, "HasParameters", software.amazon.awscdk.services.stepfunctions.ChoiceProps
            .builder().stateName("Has parameters?").build())
            .when(Condition.isPresent("$.query.executionParameters[0]"), startWithParameters)
            .otherwise(startPlain);
    // Inline mode hands off a query it already started.
    Choice alreadyStarted =
        new Choice(this, "AlreadyStarted", software.amazon.awscdk.services.stepfunctions.ChoiceProps
            .builder().stateName("Already started?").build())
            .when(Condition.isPresent("$.query.queryExecutionId"), push)
            .otherwise(hasParameters);

    this.stateMachine =
        StateMachine.Builder.create(this, "StateMachine")
            // Standard: only Standard workflows support .sync; Express would also cap at 5 min.
            .stateMachineType(StateMachineType.STANDARD)
            .definitionBody(DefinitionBody.fromChainable(alreadyStarted))
            .timeout(queryTimeout.plus(Duration.minutes(30)))
            .tracingEnabled(true)
            .build();
    access.runQueries().forEach(stateMachine::addToRolePolicy);
  }

  private CustomState startQuery(
      String stateName, String workGroup, boolean withParameters, Duration timeout) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("QueryString.$", "$.query.sql");
    if (withParameters) {
      parameters.put("ExecutionParameters.$", "$.query.executionParameters");
    }
    // Idempotent start: a retried state gets the same QueryExecutionId back.
    parameters.put("ClientRequestToken.$", "$.clientRequestToken");
    parameters.put("WorkGroup", workGroup);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("Type", "Task");
    json.put("Resource", START_SYNC_RESOURCE);
    json.put("Parameters", parameters);
    json.put("ResultSelector", Map.of("queryExecutionId.$", "$.QueryExecution.QueryExecutionId"));
    json.put("ResultPath", "$.started");
    // On timeout Step Functions stops the query (the .sync pattern cancels the job it started).
    json.put("TimeoutSeconds", timeout.toSeconds());
    // A CustomState's construct id is its state name.
    return CustomState.Builder.create(this, stateName).stateJson(json).build();
  }

  StateMachine stateMachine() {
    return stateMachine;
  }
}
