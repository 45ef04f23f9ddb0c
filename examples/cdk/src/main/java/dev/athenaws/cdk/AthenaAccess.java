package dev.athenaws.cdk;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The IAM statements for running and reading Athena queries in the stack's work group, each scoped
 * to named resources: Athena actions to the work group, S3 to the results prefix (and the data
 * bucket when one is configured), Glue to the configured database. No statement has a wildcard
 * action. Sources: "Access to Athena" and "Athena access to the AWS Glue Data Catalog" in the
 * Athena user guide, and the Step Functions Athena integration's IAM policy page.
 *
 * <p>Immutable; thread-safe. Throws nothing beyond CDK's own argument checks.
 */
final class AthenaAccess {

  private final Construct scope;
  private final ResultsStorage storage;
  private final StackSettings settings;

  AthenaAccess(Construct scope, ResultsStorage storage, StackSettings settings) {
    this.scope = scope;
    this.storage = storage;
    this.settings = settings;
  }

  /**
   * Starting a query and waiting for it: the state machine's {@code .sync} start, and the route
   * handler in inline mode. Athena runs the query with the caller's permissions, so the caller also
   * needs the catalog, the data and the results location.
   */
  List<PolicyStatement> runQueries() {
    List<PolicyStatement> all = new ArrayList<>();
    all.add(
        allow(
            List.of(
                "athena:StartQueryExecution",
                "athena:GetQueryExecution",
                "athena:StopQueryExecution"),
            List.of(storage.workGroupArn())));
    all.add(
        allow(
            List.of("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"),
            List.of(storage.bucket().getBucketArn())));
    all.add(
        allow(
            List.of(
                "s3:GetObject",
                "s3:PutObject",
                "s3:AbortMultipartUpload",
                "s3:ListMultipartUploadParts"),
            List.of(resultObjects())));
    all.add(glueRead());
    settings.dataBucket().ifPresent(b -> all.addAll(dataRead(b)));
    return all;
  }

  /**
   * Reading a finished query's pages and stopping it when the client is gone: the push handler, and
   * the route handler in inline mode. {@code GetQueryResults} reads the result file from S3 with
   * the caller's credentials, and the S3 result path ({@code RESULT_FETCH} auto or s3) reads it
   * itself: {@code s3:GetObject} on the results prefix only. {@code GetQueryRuntimeStatistics}: the
   * result's row count, read once before the rows for the client's known total (a denied call only
   * means no total).
   */
  List<PolicyStatement> readResults() {
    return List.of(
        allow(
            List.of(
                "athena:GetQueryExecution",
                "athena:GetQueryResults",
                "athena:GetQueryRuntimeStatistics",
                "athena:StopQueryExecution"),
            List.of(storage.workGroupArn())),
        allow(List.of("s3:GetBucketLocation"), List.of(storage.bucket().getBucketArn())),
        allow(List.of("s3:GetObject"), List.of(resultObjects())));
  }

  /**
   * A push task's part in a client's cancel of rows it streams: it looks for the cancel mark beside
   * the result (HeadObject: {@code s3:GetObject} from {@link #readResults}, and {@code
   * s3:ListBucket} so that a mark not written is 404, not 403) and acknowledges it by writing
   * {@code <result>.<id>.cancel-ack} (PutObject on those names only).
   */
  List<PolicyStatement> acknowledgeCancels() {
    return List.of(
        allow(List.of("s3:ListBucket"), List.of(storage.bucket().getBucketArn())),
        allow(
            List.of("s3:PutObject"),
            List.of(
                storage.bucket().arnForObjects(ResultsStorage.RESULTS_PREFIX + "*.cancel-ack"))));
  }

  private String resultObjects() {
    return storage.bucket().arnForObjects(ResultsStorage.RESULTS_PREFIX + "*");
  }

  private PolicyStatement glueRead() {
    String db = settings.database();
    return allow(
        List.of(
            "glue:GetDatabase",
            "glue:GetTable",
            "glue:GetPartition",
            "glue:GetPartitions",
            "glue:BatchGetPartition"),
        List.of(glueArn("catalog", null), glueArn("database", db), glueArn("table", db + "/*")));
  }

  private static List<PolicyStatement> dataRead(String bucket) {
    String arn = "arn:" + software.amazon.awscdk.Aws.PARTITION + ":s3:::" + bucket;
    return List.of(
        allow(List.of("s3:GetBucketLocation", "s3:ListBucket"), List.of(arn)),
        allow(List.of("s3:GetObject"), List.of(arn + "/*")));
  }

  private String glueArn(String resource, String name) {
    ArnComponents.Builder b = ArnComponents.builder().service("glue").resource(resource);
    if (name != null) {
      b.resourceName(name);
    }
    return Stack.of(scope).formatArn(b.build());
  }

  static PolicyStatement allow(List<String> actions, List<String> resources) {
    return PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(actions)
        .resources(resources)
        .build();
  }
}
