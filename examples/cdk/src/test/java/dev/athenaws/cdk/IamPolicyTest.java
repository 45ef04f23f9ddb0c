package dev.athenaws.cdk;

import static dev.athenaws.cdk.Synthesized.logicalId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.assertions.Template;

class IamPolicyTest {

  private static final String STATE_MACHINE_ROLE = "PushStateMachineRole";
  private static final String QUERY_ROLE = "QueryRouteFunctionServiceRole";
  private static final String PUSH_ROLE = "PushResultsFunctionServiceRole";
  private static final String CONNECTION_ROLE = "ConnectionFunctionServiceRole";

  @ParameterizedTest
  @EnumSource(Mode.class)
  void noAllowStatementHasAWildcardAction(Mode mode) {
    List<Statements> all = Statements.all(Synthesized.template(mode));
    assertThat(all).isNotEmpty();
    for (Statements s : all) {
      if (s.effect().equals("Allow")) {
        assertThat(s.actions()).as("%s", s).isNotEmpty().noneMatch(a -> a.contains("*"));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theOnlyDenyIsTheBucketsTlsGuard(Mode mode) {
    // enforceSSL: deny every S3 action without TLS. A wildcard in a Deny removes rights only.
    List<Statements> denies =
        Statements.all(Synthesized.template(mode)).stream()
            .filter(s -> s.effect().equals("Deny"))
            .toList();
    assertThat(denies)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.actions()).containsExactly("s3:*");
              assertThat(s.condition())
                  .isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
            });
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void manageConnectionsOnlyForPostOnThisApisStage(Mode mode) {
    Template template = Synthesized.template(mode);
    String api = logicalId(template, "AWS::ApiGatewayV2::Api", "WebSocketApi");
    List<Statements> grants =
        Statements.all(template).stream()
            .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("execute-api:")))
            .toList();
    assertThat(grants).hasSize(2);
    assertThat(grants).anyMatch(s -> s.owner().startsWith(QUERY_ROLE));
    assertThat(grants).anyMatch(s -> s.owner().startsWith(PUSH_ROLE));
    for (Statements s : grants) {
      assertThat(s.actions()).containsExactly("execute-api:ManageConnections");
      assertThat(s.resources())
          .containsExactly(
              "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:REF("
                  + api
                  + ")/dev/POST/@connections/*");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theResumeTokenSecretIsReadableByTheQueryAndPushFunctionsOnly(Mode mode) {
    Template template = Synthesized.template(mode);
    String secret =
        "REF(" + logicalId(template, "AWS::SecretsManager::Secret", "ResumeTokenSecret") + ")";
    List<Statements> grants =
        Statements.all(template).stream()
            .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("secretsmanager:")))
            .toList();
    assertThat(grants).hasSize(2);
    assertThat(grants).anyMatch(s -> s.owner().startsWith(QUERY_ROLE));
    assertThat(grants).anyMatch(s -> s.owner().startsWith(PUSH_ROLE));
    assertThat(grants).noneMatch(s -> s.owner().startsWith(CONNECTION_ROLE));
    for (Statements s : grants) {
      assertThat(s.effect()).isEqualTo("Allow");
      assertThat(s.actions())
          .containsExactlyInAnyOrder(
              "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret");
      assertThat(s.resources()).containsExactly(secret);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void thePushTaskMayWriteCancelAcknowledgementsOnlyAndListTheResultsBucket(Mode mode) {
    Template template = Synthesized.template(mode);
    String bucket = "ATT(" + logicalId(template, "AWS::S3::Bucket", "ResultsBucket") + ".Arn)";
    List<Statements> push = Statements.ofRole(template, PUSH_ROLE);
    assertThat(push)
        .filteredOn(s -> s.actions().contains("s3:PutObject"))
        .singleElement()
        .satisfies(
            s -> assertThat(s.resources()).containsExactly(bucket + "/results/*.cancel-ack"));
    assertThat(push)
        .filteredOn(s -> s.actions().contains("s3:ListBucket"))
        .singleElement()
        .satisfies(s -> assertThat(s.resources()).containsExactly(bucket));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void athenaActionsOnlyOnTheStacksWorkGroup(Mode mode) {
    Template template = Synthesized.template(mode);
    String workGroup =
        "arn:${AWS::Partition}:athena:${AWS::Region}:${AWS::AccountId}:workgroup/REF("
            + logicalId(template, "AWS::Athena::WorkGroup", "ResultsWorkGroup")
            + ")";
    List<Statements> athena =
        Statements.all(template).stream()
            .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("athena:")))
            .toList();
    assertThat(athena).isNotEmpty();
    for (Statements s : athena) {
      assertThat(s.actions()).as("%s", s).allMatch(a -> a.startsWith("athena:"));
      assertThat(s.resources()).as("%s", s).containsExactly(workGroup);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void s3OnlyOnTheResultsBucketAndGlueOnlyOnTheDatabase(Mode mode) {
    Template template = Synthesized.template(mode);
    String bucket = "ATT(" + logicalId(template, "AWS::S3::Bucket", "ResultsBucket") + ".Arn)";
    for (Statements s : Statements.all(template)) {
      if (!s.effect().equals("Allow")) {
        continue;
      }
      if (s.actions().stream().anyMatch(a -> a.startsWith("s3:"))) {
        assertThat(s.resources())
            .as("%s", s)
            .allMatch(
                r ->
                    r.equals(bucket)
                        || r.equals(bucket + "/results/*")
                        || r.equals(bucket + "/results/*.cancel-ack"));
        assertThat(s.actions())
            .as("%s", s)
            .noneMatch(
                a ->
                    a.startsWith("s3:Delete")
                        || a.startsWith("s3:Put") && !a.equals("s3:PutObject"));
      }
      if (s.actions().stream().anyMatch(a -> a.startsWith("glue:"))) {
        assertThat(s.actions())
            .as("%s", s)
            .allMatch(a -> a.startsWith("glue:Get") || a.equals("glue:BatchGetPartition"));
        String prefix = "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:";
        assertThat(s.resources())
            .containsExactlyInAnyOrder(
                prefix + "catalog", prefix + "database/default", prefix + "table/default/*");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void stateMachineRightsOnlyOnThisStateMachine(Mode mode) {
    Template template = Synthesized.template(mode);
    String machine = logicalId(template, "AWS::StepFunctions::StateMachine", "PushStateMachine");
    List<Statements> states =
        Statements.all(template).stream()
            .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("states:")))
            .toList();
    // The route starts executions, recognises a resent request and stops a cancelled query's
    // execution; the push task only reads its own execution (was it stopped by a cancel?).
    assertThat(states)
        .extracting(s -> s.owner().startsWith(PUSH_ROLE) ? "push " + s.actions() : s.actions())
        .containsExactlyInAnyOrder(
            List.of("states:StartExecution"),
            List.of("states:DescribeExecution", "states:StopExecution"),
            "push [states:DescribeExecution]");
    for (Statements s : states) {
      assertThat(s.owner())
          .satisfiesAnyOf(
              o -> assertThat(o).startsWith(QUERY_ROLE), o -> assertThat(o).startsWith(PUSH_ROLE));
      assertThat(s.resources())
          .singleElement()
          .asString()
          .satisfiesAnyOf(
              r -> assertThat(r).isEqualTo("REF(" + machine + ")"),
              r ->
                  assertThat(r)
                      .startsWith(
                          "arn:${AWS::Partition}:states:${AWS::Region}:"
                              + "${AWS::AccountId}:execution:")
                      .endsWith(":*"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void stateMachineInvokesOnlyThePushAlias(Mode mode) {
    Template template = Synthesized.template(mode);
    String alias = "REF(" + logicalId(template, "AWS::Lambda::Alias", "PushResultsLive") + ")";
    List<Statements> invokes =
        Statements.all(template).stream()
            .filter(s -> s.actions().contains("lambda:InvokeFunction"))
            .toList();
    assertThat(invokes)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.owner()).startsWith(STATE_MACHINE_ROLE);
              assertThat(s.resources()).containsExactly(alias);
            });
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void whoMayRunQueries(Mode mode) {
    Template template = Synthesized.template(mode);
    assertThat(actions(template, STATE_MACHINE_ROLE)).contains("athena:StartQueryExecution");
    assertThat(actions(template, PUSH_ROLE))
        .contains("athena:GetQueryResults", "athena:GetQueryRuntimeStatistics")
        .doesNotContain("athena:StartQueryExecution");
    // The .sync start reads no results: no runtime statistics for the state machine.
    assertThat(actions(template, STATE_MACHINE_ROLE))
        .doesNotContain("athena:GetQueryRuntimeStatistics");
    assertThat(actions(template, CONNECTION_ROLE))
        .containsOnly("xray:PutTraceSegments", "xray:PutTelemetryRecords");
    // Both modes start the query in the route (stepfunctions mode so that accepted names it), and
    // a cancel stops it; only inline mode reads results.
    assertThat(actions(template, QUERY_ROLE))
        .contains(
            "athena:StartQueryExecution", "athena:GetQueryExecution", "athena:StopQueryExecution");
    if (mode == Mode.INLINE) {
      assertThat(actions(template, QUERY_ROLE))
          .contains("athena:GetQueryResults", "athena:GetQueryRuntimeStatistics", "s3:PutObject");
    } else {
      assertThat(actions(template, QUERY_ROLE))
          .doesNotContain("athena:GetQueryResults", "athena:GetQueryRuntimeStatistics");
    }
  }

  /** The S3 result path reads the result object with the function's own credentials. */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void functionsThatReadResultsMayGetTheResultObjectsAndNothingWider(Mode mode) {
    Template template = Synthesized.template(mode);
    String objects =
        "ATT(" + logicalId(template, "AWS::S3::Bucket", "ResultsBucket") + ".Arn)/results/*";
    List<String> readers =
        mode == Mode.INLINE ? List.of(PUSH_ROLE, QUERY_ROLE) : List.of(PUSH_ROLE);
    for (String role : readers) {
      List<Statements> gets =
          Statements.ofRole(template, role).stream()
              .filter(s -> s.effect().equals("Allow") && s.actions().contains("s3:GetObject"))
              .toList();
      assertThat(gets).as(role).isNotEmpty();
      gets.forEach(s -> assertThat(s.resources()).as("%s", s).containsOnly(objects));
    }
  }

  private static List<String> actions(Template template, String rolePrefix) {
    return Statements.ofRole(template, rolePrefix).stream()
        .flatMap(s -> s.actions().stream())
        .toList();
  }
}
