package dev.athenaws.cdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * athena-ws on AWS: the WebSocket API, the three lambda-adapter handlers, the push state machine,
 * the results bucket and the Athena work group, with least-privilege IAM.
 *
 * <p>Not thread-safe (a CDK construct: build it on one thread).
 */
public final class AthenaWsStack extends Stack {

  /** Lambda's Athena catalog for Glue tables. */
  static final String ATHENA_CATALOG = "AwsDataCatalog";

  /**
   * Inline mode's polling deadline: well below API Gateway's 29 s integration timeout, leaving the
   * handler time to hand a still-running query to the state machine.
   */
  static final int INLINE_DEADLINE_SECONDS = 20;

  /** The push handler returns a continuation when less than this is left of its invocation. */
  static final int PUSH_TIME_RESERVE_MILLIS = 10_000;

  // Memory: Lambda gives CPU in proportion to memory (a full vCPU at 1,769 MB). The connection
  // handler only checks an origin: 512 MB keeps its JVM start quick. The query and push handlers
  // encode JSON and open TLS connections to Athena, Step Functions and the management API: 1 GB.
  static final int CONNECTION_MEMORY_MB = 512;
  static final int QUERY_MEMORY_MB = 1024;
  static final int PUSH_MEMORY_MB = 1024;

  // Timeouts: API Gateway stops waiting for a WebSocket integration after 29 s, so no route handler
  // needs longer. In stepfunctions mode the route handler only validates, starts an execution and
  // posts "accepted" (15 s covers SDK retries); inline it polls for up to INLINE_DEADLINE_SECONDS
  // and then hands off, so it gets all 29 s. The push handler runs as a Step Functions task: five
  // minutes of paging per invocation means one state transition pair per ~5 minutes of pushing.
  static final Duration CONNECTION_TIMEOUT = Duration.seconds(10);
  static final Duration QUERY_TIMEOUT_STEPFUNCTIONS = Duration.seconds(15);
  static final Duration QUERY_TIMEOUT_INLINE = Duration.seconds(29);
  static final Duration PUSH_TIMEOUT = Duration.minutes(5);

  /**
   * Builds the stack.
   *
   * @param scope the CDK app
   * @param id the stack's construct id (and, by default, its CloudFormation name)
   * @param props stack properties (environment, description), may be null
   * @param settings what the deployment chose
   * @throws IllegalArgumentException when the Lambda jar does not exist
   */
  public AthenaWsStack(Construct scope, String id, StackProps props, StackSettings settings) {
    super(scope, id, props);
    Path jar = Path.of(settings.lambdaJar());
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          "lambdaJar: no file at "
              + jar.toAbsolutePath().normalize()
              + "; build it with `mvn -pl lambda-adapter -am package` or pass -c lambdaJar=<path>");
    }
    Code code = Code.fromAsset(jar.toString());

    ResultsStorage storage = new ResultsStorage(this, "Results", settings);
    AthenaAccess access = new AthenaAccess(this, storage, settings);

    // The resume-token secret (docs/security.md): generated once, the same for every function.
    Secret sessions =
        Secret.Builder.create(this, "ResumeTokenSecret")
            .description("athena-ws: signs the resume tokens of cancel and resume")
            .generateSecretString(
                SecretStringGenerator.builder().passwordLength(64).excludePunctuation(true).build())
            .build();

    Map<String, String> common = new LinkedHashMap<>();
    common.put("ATHENA_WORK_GROUP", storage.workGroupName());
    common.put("ATHENA_CATALOG", ATHENA_CATALOG);
    common.put("ATHENA_DATABASE", settings.database());
    common.put("WEBSOCKET_STAGE", settings.stageName());
    common.put("QUERY_TIMEOUT_SECONDS", Long.toString(settings.queryTimeoutMinutes() * 60L));
    settings.queryCatalog().ifPresent(c -> common.put("QUERY_CATALOG", c));
    settings.allowedOrigins().ifPresent(o -> common.put("ALLOWED_ORIGINS", o));
    // The functions read the value from Secrets Manager at init (GetSecretValue, granted below to
    // the two functions that sign or check tokens): the value is in no template and in no
    // function's configuration. docs/security.md, "Resume tokens", says how to rotate it.
    common.put("RESUME_TOKEN_SECRET_ARN", sessions.getSecretArn());
    // During a rotation the previous value, kept in a secret of its own, is still accepted; a
    // change of this setting changes the functions' configuration, so new versions are published
    // and their (SnapStart) init reads both secrets again.
    ISecret previous =
        settings
            .previousTokenSecretArn()
            .map(a -> Secret.fromSecretCompleteArn(this, "PreviousResumeTokenSecret", a))
            .orElse(null);
    if (previous != null) {
      common.put("RESUME_TOKEN_PREVIOUS_SECRET_ARN", previous.getSecretArn());
    }

    Map<String, String> pushEnv = new LinkedHashMap<>(common);
    pushEnv.put("PUSH_TIME_RESERVE_MILLIS", Integer.toString(PUSH_TIME_RESERVE_MILLIS));
    JavaFunction push =
        new JavaFunction(
            this,
            "PushResults",
            code,
            HandlerClasses.PUSH_RESULTS,
            PUSH_MEMORY_MB,
            PUSH_TIMEOUT,
            pushEnv);
    access.readResults().forEach(push.function()::addToRolePolicy);
    access.acknowledgeCancels().forEach(push.function()::addToRolePolicy);
    sessions.grantRead(push.function());
    if (previous != null) {
      previous.grantRead(push.function());
    }

    PushStateMachine flow =
        new PushStateMachine(this, "Push", push.alias(), storage, access, settings);

    boolean inline = settings.mode() == Mode.INLINE;
    Map<String, String> queryEnv = new LinkedHashMap<>(common);
    queryEnv.put("ATHENA_WS_MODE", settings.mode().envValue());
    // Inline mode needs it too: that is where a slow query is handed off to.
    queryEnv.put("STATE_MACHINE_ARN", flow.stateMachine().getStateMachineArn());
    if (inline) {
      queryEnv.put("INLINE_DEADLINE_SECONDS", Integer.toString(INLINE_DEADLINE_SECONDS));
      queryEnv.put("PUSH_TIME_RESERVE_MILLIS", Integer.toString(PUSH_TIME_RESERVE_MILLIS));
    }
    JavaFunction query =
        new JavaFunction(
            this,
            "QueryRoute",
            code,
            HandlerClasses.QUERY_ROUTE,
            QUERY_MEMORY_MB,
            inline ? QUERY_TIMEOUT_INLINE : QUERY_TIMEOUT_STEPFUNCTIONS,
            queryEnv);
    // Execution names are deterministic per request; DescribeExecution tells a duplicate apart,
    // StopExecution serves a client's cancel.
    flow.stateMachine().grantStartExecution(query.function());
    flow.stateMachine()
        .grantExecution(query.function(), "states:DescribeExecution", "states:StopExecution");
    // Both modes start the query here (stepfunctions mode then hands it to the state machine), and
    // a cancel stops it. Its s3:PutObject and s3:ListBucket on the results also serve cancel marks:
    // in inline mode a cancel reaches rows another instance streams through an empty object beside
    // the result, and a HeadObject of one not (yet) written must answer 404, not 403.
    access.runQueries().forEach(query.function()::addToRolePolicy);
    sessions.grantRead(query.function());
    if (previous != null) {
      previous.grantRead(query.function());
    }
    if (inline) {
      access.readResults().forEach(query.function()::addToRolePolicy);
    }
    // The push task asks about its own execution (stopped by a cancel?). A policy of its own, not
    // the role's default one: the function does not wait for it, so no dependency cycle arises
    // (state machine -> push alias -> function -> default policy -> state machine).
    Policy pushWatch =
        Policy.Builder.create(this, "PushWatchesItsExecution")
            .statements(
                List.of(
                    PolicyStatement.Builder.create()
                        .actions(List.of("states:DescribeExecution"))
                        .resources(List.of(flow.executionArns()))
                        .build()))
            .build();
    pushWatch.attachToRole(push.function().getRole());

    Map<String, String> connectionEnv = new LinkedHashMap<>();
    settings.allowedOrigins().ifPresent(o -> connectionEnv.put("ALLOWED_ORIGINS", o));
    JavaFunction connection =
        new JavaFunction(
            this,
            "Connection",
            code,
            HandlerClasses.CONNECTION,
            CONNECTION_MEMORY_MB,
            CONNECTION_TIMEOUT,
            connectionEnv);

    // With authIssuer/authAudience: a JWT authorizer on $connect (docs/security.md).
    ConnectAuthentication authentication =
        settings
            .auth()
            .map(a -> new ConnectAuthentication(this, "ConnectAuth", code, a))
            .orElse(null);

    WebSocketFrontDoor frontDoor =
        new WebSocketFrontDoor(
            this,
            "WebSocket",
            connection.alias(),
            query.alias(),
            settings.stageName(),
            authentication == null ? null : authentication.authorizer());
    query.function().addToRolePolicy(frontDoor.postToConnections());
    push.function().addToRolePolicy(frontDoor.postToConnections());

    new Operations(this, "Operations", query.function(), push.function());

    output(
        "WebSocketUrl", frontDoor.url(), "wscat -c <this URL>, then send {\"action\":\"query\"}");
    output("ManagementEndpoint", frontDoor.callbackUrl(), "PostToConnection endpoint");
    output("StateMachineArn", flow.stateMachine().getStateMachineArn(), "push state machine");
    output(
        "ResultsBucket", storage.bucket().getBucketName(), "Athena results; retained on destroy");
    output("WorkGroup", storage.workGroupName(), "Athena work group");
    output("Mode", settings.mode().envValue(), "ATHENA_WS_MODE of the route handler");
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
  }
}
