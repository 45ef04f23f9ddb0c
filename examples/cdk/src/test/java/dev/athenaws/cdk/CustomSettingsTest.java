package dev.athenaws.cdk;

import static dev.athenaws.cdk.Synthesized.logicalId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** One synthesis with every context key set away from its default. */
class CustomSettingsTest {

  private static Template template;

  @BeforeAll
  static void synth() {
    template =
        Synthesized.synth(
            Map.ofEntries(
                Map.entry("mode", "inline"),
                Map.entry("stage", "prod"),
                Map.entry("workGroup", "reports"),
                Map.entry("database", "logs"),
                Map.entry("dataBucket", "my-trail-bucket"),
                Map.entry("bytesScannedCutoff", "1000000000"),
                Map.entry("resultExpiryDays", "2"),
                Map.entry("queryTimeoutMinutes", "10"),
                Map.entry("queryCatalog", "classpath:reports.json"),
                Map.entry("allowedOrigins", "https://reports.example.com"),
                Map.entry("resumeTokenPreviousSecretArn", PREVIOUS)));
  }

  private static final String PREVIOUS =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:athena-ws-previous-AbC123";

  @Test
  void aPreviousResumeTokenSecretIsPassedAndReadableByTheTwoTokenFunctionsOnly() {
    for (String role : List.of("QueryRouteFunctionServiceRole", "PushResultsFunctionServiceRole")) {
      assertThat(Statements.ofRole(template, role))
          .as(role)
          .anyMatch(
              s ->
                  s.actions().contains("secretsmanager:GetSecretValue")
                      && s.resources().contains(PREVIOUS));
    }
    assertThat(
            Statements.all(template).stream()
                .filter(s -> s.resources().contains(PREVIOUS))
                .map(Statements::owner))
        .allMatch(o -> o.startsWith("QueryRoute") || o.startsWith("PushResults"));
    String json = template.toJSON().toString();
    assertThat(json.split("RESUME_TOKEN_PREVIOUS_SECRET_ARN=" + PREVIOUS, -1)).hasSize(3);
  }

  @Test
  void stageAndWorkGroupFollowTheContext() {
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("StageName", "prod"));
    template.hasResourceProperties(
        "AWS::Athena::WorkGroup",
        Map.of(
            "Name",
            "reports",
            "WorkGroupConfiguration",
            Match.objectLike(Map.of("BytesScannedCutoffPerQuery", 1_000_000_000))));
    template.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "LifecycleConfiguration",
            Map.of("Rules", List.of(Match.objectLike(Map.of("ExpirationInDays", 2))))));
  }

  @Test
  void manageConnectionsFollowsTheStage() {
    String api = logicalId(template, "AWS::ApiGatewayV2::Api", "WebSocketApi");
    assertThat(
            Statements.all(template).stream()
                .filter(s -> s.actions().contains("execute-api:ManageConnections"))
                .flatMap(s -> s.resources().stream())
                .distinct())
        .containsExactly(
            "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:REF("
                + api
                + ")/prod/POST/@connections/*");
  }

  @Test
  void dataBucketIsReadableByWhoeverRunsQueries() {
    String bucket = "arn:${AWS::Partition}:s3:::my-trail-bucket";
    for (String role : List.of("PushStateMachineRole", "QueryRouteFunctionServiceRole")) {
      List<Statements> data =
          Statements.ofRole(template, role).stream()
              .filter(s -> s.resources().stream().anyMatch(r -> r.startsWith(bucket)))
              .toList();
      assertThat(data).as(role).hasSize(2);
      assertThat(data)
          .allSatisfy(
              s ->
                  assertThat(s.actions())
                      .isSubsetOf("s3:GetBucketLocation", "s3:ListBucket", "s3:GetObject"));
    }
    assertThat(Statements.ofRole(template, "PushResultsFunctionServiceRole"))
        .noneMatch(s -> s.resources().stream().anyMatch(r -> r.startsWith(bucket)));
  }

  @Test
  void glueRightsFollowTheDatabase() {
    assertThat(
            Statements.all(template).stream()
                .filter(s -> s.actions().contains("glue:GetTable"))
                .flatMap(s -> s.resources().stream())
                .distinct())
        .allMatch(
            r ->
                r.endsWith(":catalog")
                    || r.endsWith(":database/logs")
                    || r.endsWith(":table/logs/*"))
        .hasSize(3);
  }

  @Test
  void handlersGetTheCatalogOriginsAndTimeouts() {
    assertThat(HandlerFunctionsTest.environment(template, "QueryRoute"))
        .containsEntry("QUERY_CATALOG", "classpath:reports.json")
        .containsEntry("ALLOWED_ORIGINS", "https://reports.example.com")
        .containsEntry("ATHENA_DATABASE", "logs")
        .containsEntry("WEBSOCKET_STAGE", "prod")
        .containsEntry("QUERY_TIMEOUT_SECONDS", "600");
    assertThat(HandlerFunctionsTest.environment(template, "Connection"))
        .containsOnly(Map.entry("ALLOWED_ORIGINS", "https://reports.example.com"));
    assertThat(
            Synthesized.stateMachineDefinition(template)
                .at("/States/Start query/TimeoutSeconds")
                .asInt())
        .isEqualTo(600);
    for (String start : java.util.List.of("Start query", "Start query with parameters")) {
      assertThat(
              Synthesized.stateMachineDefinition(template)
                  .at("/States/" + start + "/Parameters/QueryExecutionContext/Database")
                  .asText())
          .isEqualTo("logs");
    }
  }

  @Test
  void aMissingJarIsReportedWithTheWayToBuildIt() {
    App app = App.Builder.create().build();
    StackSettings settings =
        StackSettings.fromContext(Map.<String, Object>of("lambdaJar", "target/no-such.jar")::get);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AthenaWsStack(app, "Missing", StackProps.builder().build(), settings))
        .withMessageStartingWith("lambdaJar: no file at ")
        .withMessageContaining("mvn -pl lambda-adapter -am package");
  }
}
