package dev.athenaws.lambda.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Writes the definitions the build checks with {@code asl-validator} (lambda-adapter/pom.xml runs
 * it after compiling the tests): the CDK form (function ARN placeholder, no catalog), the local
 * form (a real ARN and a catalog), and a deliberately broken one that the validator must reject, so
 * the check is known to be able to fail.
 */
final class DefinitionFiles {
  static final String LOCAL_ARN = "arn:aws:lambda:us-east-1:000000000000:function:athena-ws-push";

  private DefinitionFiles() {}

  /**
   * @param args the target directory
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir.resolve("valid"));
    Files.createDirectories(dir.resolve("broken"));
    Files.writeString(dir.resolve("valid/push-workflow-cdk.json"), cdk().toJson());
    Files.writeString(dir.resolve("valid/push-workflow-local.json"), local().toJson());
    Files.writeString(dir.resolve("broken/next-to-missing-state.json"), brokenTransition());
    Files.writeString(dir.resolve("broken/fail-with-unknown-field.json"), brokenField());
  }

  static PushWorkflowDefinition cdk() {
    return PushWorkflowDefinition.inAws(
        PushWorkflowDefinition.PUSH_FUNCTION_PLACEHOLDER,
        "athena-ws-dev",
        "default",
        Optional.empty(),
        Duration.ofMinutes(30));
  }

  static PushWorkflowDefinition local() {
    return PushWorkflowDefinition.inAws(
        LOCAL_ARN, "primary", "reports", Optional.of("AwsDataCatalog"), Duration.ofMinutes(30));
  }

  /** The lift state leads to a state that does not exist. */
  static String brokenTransition() throws IOException {
    ObjectNode tree = cdk().toTree();
    ((ObjectNode) tree.path("States").path(PushWorkflowDefinition.LIFT_QUERY_ID))
        .put("Next", "Push result");
    return new ObjectMapper().writeValueAsString(tree);
  }

  /** A Fail state with a field the language does not have. */
  static String brokenField() throws IOException {
    ObjectNode tree = cdk().toTree();
    ((ObjectNode) tree.path("States").path(PushWorkflowDefinition.FAILED)).put("Reason", "x");
    return new ObjectMapper().writeValueAsString(tree);
  }
}
