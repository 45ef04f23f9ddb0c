package dev.athenaws.lambda.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The generated definition's contract with the push handler and Athena. The full structure is
 * asserted on the synthesized template in examples/cdk (StateMachineTest) and executed by the local
 * stack; the build validates it against the States Language (asl-validator).
 */
class PushWorkflowDefinitionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void startStatesPassTheDatabaseAndTheCatalogOnlyWhenGiven() throws Exception {
    JsonNode without = JSON.readTree(DefinitionFiles.cdk().toJson()).path("States");
    JsonNode with = JSON.readTree(DefinitionFiles.local().toJson()).path("States");
    for (String start :
        List.of(PushWorkflowDefinition.START, PushWorkflowDefinition.START_WITH_PARAMETERS)) {
      assertThat(without.at("/" + start + "/Parameters/QueryExecutionContext").toString())
          .isEqualTo("{\"Database\":\"default\"}");
      assertThat(with.at("/" + start + "/Parameters/QueryExecutionContext").toString())
          .isEqualTo("{\"Database\":\"reports\",\"Catalog\":\"AwsDataCatalog\"}");
      assertThat(with.at("/" + start + "/Parameters/WorkGroup").asText()).isEqualTo("primary");
      // The starter resolves reuse (named query's age, else the deployment's) into the input.
      assertThat(with.at("/" + start + "/Parameters/ResultReuseConfiguration.$").asText())
          .isEqualTo("$.query.resultReuseConfiguration");
      assertThat(with.at("/" + start + "/Resource").asText())
          .isEqualTo("arn:aws:states:::athena:startQueryExecution.sync");
    }
  }

  @Test
  void bothLambdaTasksInvokeTheGivenFunction() throws Exception {
    JsonNode states = JSON.readTree(DefinitionFiles.local().toJson()).path("States");
    assertThat(states.at("/Push results/Resource").asText()).isEqualTo(DefinitionFiles.LOCAL_ARN);
    assertThat(states.at("/Report error/Resource").asText()).isEqualTo(DefinitionFiles.LOCAL_ARN);
    JsonNode cdk = JSON.readTree(DefinitionFiles.cdk().toJson()).path("States");
    assertThat(cdk.at("/Push results/Resource").asText())
        .isEqualTo(PushWorkflowDefinition.PUSH_FUNCTION_PLACEHOLDER);
  }

  @Test
  void timeoutsFollowTheQueryTimeout() throws Exception {
    JsonNode root =
        JSON.readTree(
            PushWorkflowDefinition.inAws("f", "w", "d", Optional.empty(), Duration.ofMinutes(10))
                .toJson());
    assertThat(root.at("/States/Start query/TimeoutSeconds").asLong()).isEqualTo(600);
    assertThat(root.path("TimeoutSeconds").asLong()).isEqualTo(600 + 1800);
  }

  @Test
  void sameInputsSameText() {
    assertThat(DefinitionFiles.local().toJson()).isEqualTo(DefinitionFiles.local().toJson());
  }

  @Test
  void rejectsMissingAndBlankInputs() {
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                PushWorkflowDefinition.inAws(
                    null, "w", "d", Optional.empty(), Duration.ofMinutes(1)))
        .withMessage("pushFunctionArn");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                PushWorkflowDefinition.inAws(
                    "f", "w", " ", Optional.empty(), Duration.ofMinutes(1)))
        .withMessageContaining("database");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                PushWorkflowDefinition.inAws("f", "w", "d", Optional.of(""), Duration.ofMinutes(1)))
        .withMessageContaining("catalog");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                PushWorkflowDefinition.inAws(
                    "f", "w", "d", Optional.empty(), Duration.ofMillis(10)))
        .withMessageContaining("queryTimeout");
  }
}
