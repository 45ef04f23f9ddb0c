package dev.athenaws.cdk;

import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk synth|deploy|destroy [-c mode=inline|stepfunctions] [-c key=value ...]}
 * run from examples/cdk (see cdk.json and {@link StackSettings} for the context keys).
 *
 * <p>Not thread-safe; run once per process.
 */
public final class AthenaWsApp {

  /** The stack's construct id and default CloudFormation stack name ({@code -c stackName=...}). */
  public static final String STACK_ID = "AthenaWs";

  private AthenaWsApp() {}

  static String stackName(Object context) {
    String name = context == null ? STACK_ID : context.toString().trim();
    // CloudFormation: letters, digits and hyphens, starting with a letter, at most 128 characters.
    if (!name.matches("[A-Za-z][A-Za-z0-9-]{0,127}")) {
      throw new IllegalArgumentException(
          "stackName: not a CloudFormation stack name: '" + name + "'");
    }
    return name;
  }

  /**
   * Synthesizes the stack into {@code cdk.out}.
   *
   * @param args ignored; configuration comes from CDK context
   * @throws IllegalArgumentException when a context value is malformed; a Lambda jar that is
   *     missing or not self-contained (the thin jar without the AWS SDK and Jackson) ends the
   *     process with status 1 and the reason on stderr
   */
  public static void main(String[] args) {
    App app = new App();
    StackSettings settings = StackSettings.fromContext(app.getNode()::tryGetContext);
    // Before any construct: a jar without the SDK and Jackson would deploy and then fail every
    // call.
    // The CLI shows the app's stderr: the reason alone, without a stack trace.
    try {
      LambdaJar.requireSelfContained(Path.of(settings.lambdaJar()));
    } catch (IllegalArgumentException e) {
      System.err.println("athena-ws: " + e.getMessage());
      System.exit(1);
    }
    // Account and region from the CLI's profile, when it has them; the stack itself is
    // environment-agnostic (every ARN is built from AWS::Region and AWS::AccountId).
    String account = System.getenv("CDK_DEFAULT_ACCOUNT");
    String region = System.getenv("CDK_DEFAULT_REGION");
    StackProps.Builder props =
        StackProps.builder()
            .stackName(stackName(app.getNode().tryGetContext("stackName")))
            .description(
                "athena-ws: Athena queries pushed over API Gateway WebSockets ("
                    + settings.mode().envValue()
                    + " mode)");
    if (account != null && region != null) {
      props.env(Environment.builder().account(account).region(region).build());
    }
    new AthenaWsStack(app, STACK_ID, props.build(), settings);
    app.synth();
  }
}
