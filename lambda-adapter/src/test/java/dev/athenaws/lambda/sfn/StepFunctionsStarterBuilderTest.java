package dev.athenaws.lambda.sfn;

import static dev.athenaws.lambda.sfn.Fixtures.ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sfn.SfnClient;

class StepFunctionsStarterBuilderTest {
  private final StepFunctionsStarter.Builder builder =
      StepFunctionsStarter.builder(mock(SfnClient.class));

  @Test
  void stateMachineArnIsRequired() {
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stateMachineArn is required");
    assertThat(builder.stateMachineArn(ARN).build()).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:states:eu-west-1:123456789012:stateMachine:athena_ws-1",
        "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:m",
        "arn:aws-us-gov:states:us-gov-west-1:123456789012:stateMachine:m"
      })
  void acceptsStateMachineArns(String arn) {
    assertThat(builder.stateMachineArn(arn).build()).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "athena-ws",
        "arn:aws:states:us-east-1:123456789012:activity:m",
        "arn:aws:states:us-east-1:12345678901:stateMachine:m",
        "arn:aws:states:us-east-1:123456789012:stateMachine:m:version1",
        "arn:aws:states:us-east-1:123456789012:execution:m:e",
        "arn:aws:lambda:us-east-1:123456789012:stateMachine:m"
      })
  void rejectsOtherArnsNamingTheParameter(String arn) {
    assertThatThrownBy(() -> builder.stateMachineArn(arn))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stateMachineArn is not a state machine ARN: " + arn);
  }

  @Test
  void rejectsAStateMachineNameOfMoreThanEightyCharacters() {
    String prefix = "arn:aws:states:us-east-1:123456789012:stateMachine:";
    assertThat(builder.stateMachineArn(prefix + "m".repeat(80)).build()).isNotNull();
    assertThatThrownBy(() -> builder.stateMachineArn(prefix + "m".repeat(81)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void validatesEachSetterAtOnce() {
    assertThatThrownBy(() -> StepFunctionsStarter.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("client");
    assertThatThrownBy(() -> builder.stateMachineArn(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("stateMachineArn");
    assertThatThrownBy(() -> builder.retry(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("retry");
    assertThatThrownBy(() -> builder.sleeper(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("sleeper");
    assertThatThrownBy(() -> builder.random(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("random");
  }
}
