package dev.athenaws.cdk;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One lambda-adapter handler as a Lambda function on Java 21 with SnapStart, X-Ray tracing and a
 * log group with a retention period, plus the {@code live} alias that callers invoke. SnapStart
 * only applies to published versions, so API Gateway and Step Functions call the alias, never
 * {@code $LATEST} (docs.aws.amazon.com/lambda/latest/dg/snapstart.html).
 *
 * <p>Not thread-safe (a CDK construct). Throws what CDK throws for invalid properties.
 */
final class JavaFunction extends Construct {

  /** The alias API Gateway and Step Functions invoke. */
  static final String ALIAS = "live";

  /** Handler logs carry ids and counts; a month covers an incident review. */
  static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;

  private final Function function;
  private final Alias alias;

  /**
   * @param handlerClass one of {@link HandlerClasses}
   * @param memoryMb Lambda allots CPU in proportion to memory; Java needs CPU for class loading,
   *     TLS and JSON, so even light handlers get more than the minimum
   * @param timeout the function's hard limit
   */
  JavaFunction(
      Construct scope,
      String id,
      Code code,
      String handlerClass,
      int memoryMb,
      Duration timeout,
      Map<String, String> environment) {
    super(scope, id);
    LogGroup logs =
        LogGroup.Builder.create(this, "Logs")
            .retention(LOG_RETENTION)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    this.function =
        Function.Builder.create(this, "Function")
            .description("athena-ws " + handlerClass.substring(handlerClass.lastIndexOf('.') + 1))
            // Java 21: the newest LTS runtime with SnapStart; the adapter is built for Java 17.
            .runtime(Runtime.JAVA_21)
            // x86_64: SnapStart on arm64 arrived later than on x86_64; keep the widest support.
            .architecture(Architecture.X86_64)
            .handler(HandlerClasses.handlerString(handlerClass))
            .code(code)
            .memorySize(memoryMb)
            .timeout(timeout)
            .environment(environment)
            .tracing(Tracing.ACTIVE)
            // JSON: the handlers write JSON lines (ids and counts) that Lambda keeps as they are;
            // the application log level reaches them as AWS_LAMBDA_LOG_LEVEL.
            .loggingFormat(LoggingFormat.JSON)
            .applicationLogLevelV2(ApplicationLogLevel.INFO)
            .systemLogLevelV2(SystemLogLevel.INFO)
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .logGroup(logs)
            .build();
    this.alias =
        Alias.Builder.create(this, "Live")
            .aliasName(ALIAS)
            .version(function.getCurrentVersion())
            .build();
  }

  Function function() {
    return function;
  }

  /** What integrations and tasks invoke: a published, SnapStart-enabled version. */
  Alias alias() {
    return alias;
  }
}
