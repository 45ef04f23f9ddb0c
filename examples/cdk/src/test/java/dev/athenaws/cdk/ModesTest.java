package dev.athenaws.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.assertions.Template;

class ModesTest {

  @ParameterizedTest
  @EnumSource(Mode.class)
  void bothModesSynthesizeTheWholeStack(Mode mode) {
    Template template = Synthesized.template(mode);
    template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
    template.resourceCountIs("AWS::Lambda::Function", 3);
    // Inline mode hands slow queries to the state machine, so both modes deploy it.
    template.resourceCountIs("AWS::StepFunctions::StateMachine", 1);
    template.resourceCountIs("AWS::Athena::WorkGroup", 1);
    template.hasOutput("Mode", Map.of("Value", mode.envValue()));
    assertThat(HandlerFunctionsTest.environment(template, "QueryRoute"))
        .containsEntry("ATHENA_WS_MODE", mode.envValue())
        .containsKey("STATE_MACHINE_ARN");
  }

  @Test
  void inlineRouteHandlerPollsUnderADeadline() {
    Template template = Synthesized.template(Mode.INLINE);
    assertThat(HandlerFunctionsTest.environment(template, "QueryRoute"))
        .containsEntry("INLINE_DEADLINE_SECONDS", "20")
        .containsEntry("PUSH_TIME_RESERVE_MILLIS", "10000");
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of("Description", "athena-ws QueryRouteHandler", "Timeout", 29));
  }

  @Test
  void stepFunctionsRouteHandlerOnlyStartsExecutions() {
    Template template = Synthesized.template(Mode.STEPFUNCTIONS);
    assertThat(HandlerFunctionsTest.environment(template, "QueryRoute"))
        .doesNotContainKey("INLINE_DEADLINE_SECONDS");
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of("Description", "athena-ws QueryRouteHandler", "Timeout", 15));
  }

  @Test
  void onlyTheRouteHandlerDiffersBetweenModes() {
    Map<String, Map<String, Object>> inline =
        Synthesized.template(Mode.INLINE).findResources("AWS::StepFunctions::StateMachine");
    Map<String, Map<String, Object>> stepFunctions =
        Synthesized.template(Mode.STEPFUNCTIONS).findResources("AWS::StepFunctions::StateMachine");
    assertThat(inline).isEqualTo(stepFunctions);
    assertThat(Synthesized.template(Mode.INLINE).findResources("AWS::ApiGatewayV2::Route"))
        .isEqualTo(
            Synthesized.template(Mode.STEPFUNCTIONS).findResources("AWS::ApiGatewayV2::Route"));
  }
}
