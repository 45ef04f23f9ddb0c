package dev.athenaws.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.lambda.workflow.PushWorkflowDefinition;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the interpreter refuses at startup, naming the state and field; and that it takes ours. */
class DefinitionTest {
  private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:f";

  @Test
  void theDeployedDefinitionParsesWithAndWithoutCatalog() {
    for (Optional<String> catalog :
        java.util.List.of(Optional.<String>empty(), Optional.of("AwsDataCatalog"))) {
      Definition d =
          Definition.parse(
              PushWorkflowDefinition.inAws(
                      FN, "primary", "reports", catalog, Duration.ofMinutes(30))
                  .toJson(),
              Set.of(FN));
      assertThat(d.startAt()).isEqualTo(PushWorkflowDefinition.NOTE_EXECUTION);
      assertThat(d.states()).hasSize(11);
      assertThat(d.timeout()).isEqualTo(Duration.ofMinutes(60));
    }
  }

  @Test
  void unsupportedThingsAreStartupErrorsNamingStateAndField() {
    refused("{'StartAt':'M','States':{'M':{'Type':'Map','End':true}}}", "state 'M', field Type");
    refused(task("'HeartbeatSeconds':10"), "state 'T', field HeartbeatSeconds");
    refused(
        "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':"
            + "'arn:aws:states:::lambda:invoke','End':true}}}",
        "state 'T', field Resource");
    refused(
        "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':"
            + "'arn:aws:lambda:us-east-1:000000000000:function:other','End':true}}}",
        "state 'T', field Resource");
    refused(
        "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a',"
            + "'StringEquals':'x','Next':'C'}]}}}",
        "state 'C', field Choices.StringEquals");
    refused(task("'Parameters':{'x.$':'States.Format($.a)'}"), "state 'T', field Parameters.x.$");
    refused(task("'Parameters':{'x.$':'States.JsonMerge($.a, $.b, true)'}"), "deep merge");
    refused(task("'Parameters':{'x.$':'$.list[*]'}"), "selects several values");
    refused(task("'ResultPath':'$.list[0]'"), "state 'T', field ResultPath");
    refused(task("'Retry':[{'ErrorEquals':['X'],'JitterStrategy':'FULL'}]"), "JitterStrategy");
    refused(
        "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':"
            + "'arn:aws:states:::athena:startQueryExecution.sync','Parameters':{'QueryString':'x',"
            + "'ResultConfiguration':{}},'End':true}}}",
        "Parameters.ResultConfiguration");
    refused(
        "{'StartAt':'T','QueryLanguage':'JSONata','States':{'T':{'Type':'Succeed'}}}",
        "field QueryLanguage");
    refused(task("'Next':'Nowhere','End':null").replace(",'End':true", ""), "no state named");
    refused(task("'Parameters':{'t.$':'$$.Task.Token'}"), "$$.Task.Token");
    refused(task("'Parameters':{'r.$':'$$.Execution.RoleArn'}"), "state 'T', field Parameters.r.$");
    refused(task("'Parameters':{'n.$':'$$.State.RetryCount'}"), "$$.State.RetryCount");
    refused(task("'Parameters':{'all.$':'$$'}"), "context object path not supported");
    refused(task("'ResultSelector':{'e.$':'$$.Execution'}"), "field ResultSelector.e.$");
    refused(task("'InputPath':'$$.Execution.Input'"), "only in Parameters and ResultSelector");
    refused(
        task("'Parameters':{'x.$':'States.JsonMerge($$.Execution.Input, $.b, false)'}"),
        "only in Parameters");
  }

  private static String task(String fields) {
    return "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'"
        + FN
        + "',"
        + fields
        + ",'End':true}}}";
  }

  private static void refused(String definition, String message) {
    assertThatThrownBy(() -> Definition.parse(definition.replace('\'', '"'), Set.of(FN)))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining(message);
  }
}
