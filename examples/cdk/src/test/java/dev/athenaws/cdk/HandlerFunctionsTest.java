package dev.athenaws.cdk;

import static dev.athenaws.cdk.Synthesized.flatten;
import static dev.athenaws.cdk.Synthesized.logicalId;
import static dev.athenaws.cdk.Synthesized.properties;
import static dev.athenaws.cdk.Synthesized.resources;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class HandlerFunctionsTest {

  private static Template template;

  @BeforeAll
  static void synth() {
    template = Synthesized.template(Mode.STEPFUNCTIONS);
  }

  @Test
  void threeFunctionsNamedByTheHandlerClasses() {
    Map<String, String> handlers =
        resources(template, "AWS::Lambda::Function").values().stream()
            .map(Synthesized::properties)
            .collect(
                Collectors.toMap(
                    p -> p.get("Description").toString(), p -> p.get("Handler").toString()));
    assertThat(handlers)
        .containsOnly(
            Map.entry(
                "athena-ws QueryRouteHandler",
                "dev.athenaws.lambda.QueryRouteHandler::handleRequest"),
            Map.entry("athena-ws PushResultsHandler", "dev.athenaws.lambda.PushResultsHandler"),
            Map.entry(
                "athena-ws ConnectionHandler",
                "dev.athenaws.lambda.ConnectionHandler::handleRequest"));
  }

  @Test
  void java21WithSnapStartTracingAndTheSharedJar() {
    template.allResourcesProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Runtime", "java21",
            "Architectures", java.util.List.of("x86_64"),
            "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
            "TracingConfig", Map.of("Mode", "Active")));
    assertThat(
            resources(template, "AWS::Lambda::Function").values().stream()
                .map(r -> flatten(((Map<?, ?>) properties(r).get("Code")).get("S3Key")))
                .distinct())
        .as("one asset: the shaded lambda-adapter jar")
        .singleElement()
        .asString()
        .endsWith(".jar");
  }

  @Test
  void memoryAndTimeoutsPerHandler() {
    assertThat(function("PushResults"))
        .containsEntry("MemorySize", AthenaWsStack.PUSH_MEMORY_MB)
        .containsEntry("Timeout", 300);
    assertThat(function("QueryRoute"))
        .containsEntry("MemorySize", AthenaWsStack.QUERY_MEMORY_MB)
        .containsEntry("Timeout", 15);
    assertThat(function("Connection"))
        .containsEntry("MemorySize", AthenaWsStack.CONNECTION_MEMORY_MB)
        .containsEntry("Timeout", 10);
  }

  @Test
  void routeHandlersStayWithinApiGatewaysIntegrationTimeout() {
    // docs: API Gateway WebSocket integration timeout 29 s (docs/aws-behaviour.md).
    assertThat(AthenaWsStack.QUERY_TIMEOUT_INLINE.toSeconds().intValue()).isLessThanOrEqualTo(29);
    assertThat(AthenaWsStack.QUERY_TIMEOUT_STEPFUNCTIONS.toSeconds().intValue())
        .isLessThanOrEqualTo(29);
    assertThat(AthenaWsStack.CONNECTION_TIMEOUT.toSeconds().intValue()).isLessThanOrEqualTo(29);
    assertThat(AthenaWsStack.INLINE_DEADLINE_SECONDS)
        .isLessThan(AthenaWsStack.QUERY_TIMEOUT_INLINE.toSeconds().intValue());
  }

  @Test
  void everyFunctionLogsToAGroupWithRetention() {
    template.resourceCountIs("AWS::Logs::LogGroup", 3);
    template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    for (String fn : new String[] {"PushResults", "QueryRoute", "Connection"}) {
      String group = logicalId(template, "AWS::Logs::LogGroup", fn + "Logs");
      assertThat(flatten(((Map<?, ?>) function(fn).get("LoggingConfig")).get("LogGroup")))
          .isEqualTo("REF(" + group + ")");
    }
  }

  @Test
  void everyFunctionHasALiveAliasOnItsPublishedVersion() {
    template.resourceCountIs("AWS::Lambda::Alias", 3);
    template.resourceCountIs("AWS::Lambda::Version", 3);
    template.allResourcesProperties("AWS::Lambda::Alias", Map.of("Name", JavaFunction.ALIAS));
  }

  @Test
  void environmentCarriesTheAdapterSettings() {
    String workGroup = logicalId(template, "AWS::Athena::WorkGroup", "ResultsWorkGroup");
    String machine = logicalId(template, "AWS::StepFunctions::StateMachine", "PushStateMachine");
    Map<String, String> query = environment("QueryRoute");
    assertThat(query)
        .containsEntry("ATHENA_WS_MODE", "stepfunctions")
        .containsEntry("STATE_MACHINE_ARN", "REF(" + machine + ")")
        .containsEntry("ATHENA_WORK_GROUP", "REF(" + workGroup + ")")
        .containsEntry("ATHENA_CATALOG", "AwsDataCatalog")
        .containsEntry("ATHENA_DATABASE", "default")
        .containsEntry("WEBSOCKET_STAGE", "dev")
        .containsEntry("QUERY_TIMEOUT_SECONDS", "1800")
        // The work group enforces the output location; the handlers must not set another.
        .doesNotContainKey("ATHENA_OUTPUT_LOCATION")
        // Handlers build the endpoint from the event; only custom domains need it.
        .doesNotContainKey("WEBSOCKET_ENDPOINT");
    assertThat(environment("PushResults"))
        .containsEntry("PUSH_TIME_RESERVE_MILLIS", "10000")
        .containsEntry("ATHENA_WORK_GROUP", "REF(" + workGroup + ")")
        .doesNotContainKey("ATHENA_OUTPUT_LOCATION");
    assertThat(function("Connection")).doesNotContainKey("Environment");
  }

  @Test
  void theTwoTokenFunctionsGetTheResumeTokenSecretsArnNeverItsValue() {
    String secret =
        "REF(" + logicalId(template, "AWS::SecretsManager::Secret", "ResumeTokenSecret") + ")";
    for (String fn : new String[] {"QueryRoute", "PushResults"}) {
      assertThat(environment(fn))
          .as(fn)
          .containsEntry("RESUME_TOKEN_SECRET_ARN", secret)
          .doesNotContainKey("RESUME_TOKEN_SECRET");
    }
    assertThat(template.toJSON().toString()).doesNotContain("resolve:secretsmanager");
  }

  private static Map<String, Object> function(String prefix) {
    return properties(
        resources(template, "AWS::Lambda::Function")
            .get(logicalId(template, "AWS::Lambda::Function", prefix + "Function")));
  }

  static Map<String, String> environment(Template template, String prefix) {
    Map<String, Object> fn =
        properties(
            resources(template, "AWS::Lambda::Function")
                .get(logicalId(template, "AWS::Lambda::Function", prefix + "Function")));
    Map<?, ?> variables = (Map<?, ?>) ((Map<?, ?>) fn.get("Environment")).get("Variables");
    return variables.entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().toString(), e -> flatten(e.getValue())));
  }

  private static Map<String, String> environment(String prefix) {
    return environment(template, prefix);
  }
}
