package dev.athenaws.cdk;

import static dev.athenaws.cdk.Synthesized.logicalId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class StateMachineTest {

  private static final String START_SYNC =
      "arn:${AWS::Partition}:states:::athena:startQueryExecution.sync";

  private static Template template;
  private static JsonNode definition;
  private static JsonNode states;
  private static String pushAlias;

  @BeforeAll
  static void synth() {
    template = Synthesized.template(Mode.STEPFUNCTIONS);
    definition = Synthesized.stateMachineDefinition(template);
    states = definition.get("States");
    pushAlias = "REF(" + logicalId(template, "AWS::Lambda::Alias", "PushResultsLive") + ")";
  }

  @Test
  void standardWorkflowWithTracing() {
    // Only Standard workflows support .sync (docs/aws-behaviour.md, Step Functions).
    template.hasResourceProperties(
        "AWS::StepFunctions::StateMachine",
        Map.of("StateMachineType", "STANDARD", "TracingConfiguration", Map.of("Enabled", true)));
    assertThat(definition.get("TimeoutSeconds").asInt()).isEqualTo((30 + 30) * 60);
  }

  @Test
  void theFirstStateNotesTheExecutionArnForThePushTask() {
    assertThat(definition.get("StartAt").asText()).isEqualTo("Note execution");
    JsonNode note = states.get("Note execution");
    assertThat(note.get("Type").asText()).isEqualTo("Pass");
    assertThat(note.at("/Parameters/arn.$").asText()).isEqualTo("$$.Execution.Id");
    assertThat(note.get("ResultPath").asText()).isEqualTo("$.execution");
    assertThat(note.get("Next").asText()).isEqualTo("Already started?");
  }

  @Test
  void aHandedOffQuerySkipsTheStart() {
    JsonNode choice = states.get("Already started?");
    assertThat(choice.get("Type").asText()).isEqualTo("Choice");
    assertThat(choice.at("/Choices/0/Variable").asText()).isEqualTo("$.query.queryExecutionId");
    assertThat(choice.at("/Choices/0/IsPresent").asBoolean()).isTrue();
    assertThat(choice.at("/Choices/0/Next").asText()).isEqualTo("Push results");
    assertThat(choice.get("Default").asText()).isEqualTo("Has parameters?");
  }

  @Test
  void emptyParameterListsTakeTheStartWithoutExecutionParameters() {
    // Athena rejects an empty ExecutionParameters list.
    JsonNode choice = states.get("Has parameters?");
    assertThat(choice.at("/Choices/0/Variable").asText())
        .isEqualTo("$.query.executionParameters[0]");
    assertThat(choice.at("/Choices/0/IsPresent").asBoolean()).isTrue();
    assertThat(choice.at("/Choices/0/Next").asText()).isEqualTo("Start query with parameters");
    assertThat(choice.get("Default").asText()).isEqualTo("Start query");
    assertThat(states.at("/Start query with parameters/Parameters/ExecutionParameters.$").asText())
        .isEqualTo("$.query.executionParameters");
    assertThat(states.get("Start query").get("Parameters").has("ExecutionParameters")).isFalse();
    assertThat(states.get("Start query").get("Parameters").has("ExecutionParameters.$")).isFalse();
  }

  @Test
  void startsRunTheSyncIntegrationInTheStacksWorkGroup() {
    String workGroup =
        "REF(" + logicalId(template, "AWS::Athena::WorkGroup", "ResultsWorkGroup") + ")";
    for (String name : List.of("Start query", "Start query with parameters")) {
      JsonNode start = states.get(name);
      assertThat(start.get("Type").asText()).isEqualTo("Task");
      assertThat(start.get("Resource").asText()).isEqualTo(START_SYNC);
      assertThat(start.at("/Parameters/QueryString.$").asText()).isEqualTo("$.query.sql");
      assertThat(start.at("/Parameters/ClientRequestToken.$").asText())
          .isEqualTo("$.clientRequestToken");
      assertThat(start.at("/Parameters/WorkGroup").asText()).isEqualTo(workGroup);
      // Result reuse as the starter resolved it into the input (query's age, else deployment's).
      assertThat(start.at("/Parameters/ResultReuseConfiguration.$").asText())
          .isEqualTo("$.query.resultReuseConfiguration");
      // Unqualified table names resolve in the configured database, as for the route handler.
      assertThat(start.at("/Parameters/QueryExecutionContext").toString())
          .isEqualTo("{\"Database\":\"default\",\"Catalog\":\"AwsDataCatalog\"}");
      // Only the id is kept from the GetQueryExecution answer.
      assertThat(fieldNames(start.get("ResultSelector"))).containsExactly("queryExecutionId.$");
      assertThat(start.at("/ResultSelector/queryExecutionId.$").asText())
          .isEqualTo("$.QueryExecution.QueryExecutionId");
      assertThat(start.get("ResultPath").asText()).isEqualTo("$.started");
      assertThat(start.get("TimeoutSeconds").asInt()).isEqualTo(1800);
      assertThat(start.at("/Retry/0/ErrorEquals").toString())
          .isEqualTo("[\"Athena.TooManyRequestsException\",\"Athena.InternalServerException\"]");
      assertThat(start.at("/Retry/0/IntervalSeconds").asInt()).isEqualTo(2);
      assertThat(start.at("/Retry/0/BackoffRate").asInt()).isEqualTo(2);
      assertThat(start.at("/Retry/0/MaxAttempts").asInt()).isEqualTo(5);
      assertCatchesInto(start, "Report error");
      assertThat(start.get("Next").asText()).isEqualTo("Lift query id");
    }
  }

  @Test
  void theIdIsLiftedToTheTopLevelForThePushHandler() {
    JsonNode lift = states.get("Lift query id");
    assertThat(lift.get("Type").asText()).isEqualTo("Pass");
    assertThat(lift.at("/Parameters/state.$").asText())
        .isEqualTo("States.JsonMerge($, $.started, false)");
    assertThat(lift.get("OutputPath").asText()).isEqualTo("$.state");
    assertThat(lift.get("Next").asText()).isEqualTo("Push results");
  }

  @Test
  void pushTaskLoopsWhileNotDone() {
    JsonNode push = states.get("Push results");
    assertThat(push.get("Type").asText()).isEqualTo("Task");
    // payloadResponseOnly: the alias ARN itself, the whole state as payload, its output as state.
    assertThat(push.get("Resource").asText()).isEqualTo(pushAlias);
    assertThat(push.has("Parameters")).isFalse();
    assertThat(push.has("ResultPath")).isFalse();
    assertThat(push.get("Next").asText()).isEqualTo("More pages?");
    assertCatchesInto(push, "Report error");

    JsonNode more = states.get("More pages?");
    assertThat(more.get("Type").asText()).isEqualTo("Choice");
    assertThat(more.at("/Choices/0/Variable").asText()).isEqualTo("$.done");
    assertThat(more.at("/Choices/0/BooleanEquals").asBoolean()).isFalse();
    assertThat(more.at("/Choices/0/Next").asText()).isEqualTo("Push results");
    assertThat(more.get("Default").asText()).isEqualTo("Done");
    assertThat(states.at("/Done/Type").asText()).isEqualTo("Succeed");
  }

  @Test
  void errorsReachTheClientThenFailTheExecution() {
    JsonNode report = states.get("Report error");
    assertThat(report.get("Resource").asText()).isEqualTo(pushAlias);
    assertThat(report.get("ResultPath").isNull()).isTrue();
    assertThat(report.has("Catch")).isFalse();
    assertThat(report.get("Next").asText()).isEqualTo("Failed");
    JsonNode failed = states.get("Failed");
    assertThat(failed.get("Type").asText()).isEqualTo("Fail");
    assertThat(failed.get("ErrorPath").asText()).isEqualTo("$.error.Error");
    assertThat(failed.get("CausePath").asText()).isEqualTo("$.error.Cause");
  }

  @Test
  void onlyIdsAndTokensTravelThroughTheState() {
    // State payloads are capped at 256 KiB: no state fetches result rows into the state.
    assertThat(definition.toString()).doesNotContain("getQueryResults");
    assertThat(fieldNames(states))
        .containsExactlyInAnyOrder(
            "Note execution",
            "Already started?",
            "Has parameters?",
            "Start query",
            "Start query with parameters",
            "Lift query id",
            "Push results",
            "More pages?",
            "Done",
            "Report error",
            "Failed");
  }

  private static void assertCatchesInto(JsonNode state, String target) {
    assertThat(state.get("Catch")).hasSize(1);
    JsonNode c = state.get("Catch").get(0);
    assertThat(c.get("ErrorEquals").toString()).isEqualTo("[\"States.ALL\"]");
    assertThat(c.get("ResultPath").asText()).isEqualTo("$.error");
    assertThat(c.get("Next").asText()).isEqualTo(target);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
