package dev.athenaws.cdk;

import dev.athenaws.lambda.workflow.PushWorkflowDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * The Standard state machine of the stepfunctions mode (and of inline mode's hand-off). Its
 * definition is {@link PushWorkflowDefinition} from lambda-adapter, the same JSON the local stack
 * executes; this construct only fills in the deploy-time values: the work group, the configured
 * database in {@code QueryExecutionContext} (with the catalog the handlers use), the query timeout
 * and, through {@code DefinitionSubstitutions}, the push function's alias ARN.
 *
 * <p>Not thread-safe (a CDK construct). Throws what CDK throws for invalid constructs.
 */
final class PushStateMachine extends Construct {

  /** The substitution key of {@link PushWorkflowDefinition#PUSH_FUNCTION_PLACEHOLDER}. */
  static final String PUSH_FUNCTION_KEY = "PushResultsFunctionArn";

  private final StateMachine stateMachine;

  PushStateMachine(
      Construct scope,
      String id,
      IFunction pushResults,
      ResultsStorage storage,
      AthenaAccess access,
      StackSettings settings) {
    super(scope, id);
    PushWorkflowDefinition definition =
        new PushWorkflowDefinition(
            Aws.PARTITION,
            PushWorkflowDefinition.PUSH_FUNCTION_PLACEHOLDER,
            storage.workGroupName(),
            settings.database(),
            Optional.of(AthenaWsStack.ATHENA_CATALOG),
            java.time.Duration.ofMinutes(settings.queryTimeoutMinutes()));
    this.stateMachine =
        StateMachine.Builder.create(this, "StateMachine")
            // Standard: only Standard workflows support .sync; Express would also cap at 5 min.
            .stateMachineType(StateMachineType.STANDARD)
            // The execution timeout is the definition's own TimeoutSeconds.
            .definitionBody(DefinitionBody.fromString(definition.toJson()))
            .definitionSubstitutions(Map.of(PUSH_FUNCTION_KEY, pushResults.getFunctionArn()))
            .tracingEnabled(true)
            .build();
    // A definition given as text grants nothing by itself: invoke the push alias only.
    stateMachine.addToRolePolicy(
        AthenaAccess.allow(
            List.of("lambda:InvokeFunction"), List.of(pushResults.getFunctionArn())));
    access.runQueries().forEach(stateMachine::addToRolePolicy);
  }

  StateMachine stateMachine() {
    return stateMachine;
  }

  /**
   * @return the ARN pattern of this state machine's executions, as {@code grantExecution} builds it
   *     (the Step Functions service authorization reference: resource type execution)
   */
  String executionArns() {
    return Stack.of(this)
        .formatArn(
            ArnComponents.builder()
                .service("states")
                .resource("execution")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .resourceName(stateMachine.getStateMachineName() + ":*")
                .build());
  }
}
