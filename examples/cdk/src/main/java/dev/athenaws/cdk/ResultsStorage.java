package dev.athenaws.cdk;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The query-results bucket and the Athena work group that forces every query of the stack to write
 * there and caps the bytes it may scan.
 *
 * <p>Not thread-safe (a CDK construct: build it on one thread). Throws what CDK throws for invalid
 * construct trees.
 */
final class ResultsStorage extends Construct {

  /** Prefix of Athena's result files inside the bucket. */
  static final String RESULTS_PREFIX = "results/";

  private final Bucket bucket;
  private final CfnWorkGroup workGroup;

  ResultsStorage(Construct scope, String id, StackSettings settings) {
    super(scope, id);
    // Result files may hold any row a query returned: private, encrypted, TLS only, short-lived.
    // RETAIN, because CloudFormation cannot delete a bucket that still holds objects and the
    // auto-delete custom resource would need wildcard S3 actions; docs/deployment-cdk.md removes
    // it.
    this.bucket =
        Bucket.Builder.create(this, "Bucket")
            .encryption(BucketEncryption.S3_MANAGED)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .enforceSsl(true)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .versioned(false)
            .removalPolicy(RemovalPolicy.RETAIN)
            .lifecycleRules(
                List.of(
                    LifecycleRule.builder()
                        .id("expire-query-results")
                        .prefix(RESULTS_PREFIX)
                        .expiration(Duration.days(settings.resultExpiryDays()))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
            .build();
    this.workGroup =
        CfnWorkGroup.Builder.create(this, "WorkGroup")
            .name(settings.workGroup())
            .description("athena-ws queries: results in the stack's bucket, bytes scanned capped")
            .state("ENABLED")
            // Lets `cdk destroy` delete the work group even when it holds saved queries.
            .recursiveDeleteOption(true)
            .workGroupConfiguration(
                CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                    // Clients cannot redirect results elsewhere or lift the cutoff per query.
                    .enforceWorkGroupConfiguration(true)
                    .bytesScannedCutoffPerQuery(settings.bytesScannedCutoff())
                    .publishCloudWatchMetricsEnabled(true)
                    .resultConfiguration(
                        CfnWorkGroup.ResultConfigurationProperty.builder()
                            .outputLocation("s3://" + bucket.getBucketName() + "/" + RESULTS_PREFIX)
                            .encryptionConfiguration(
                                CfnWorkGroup.EncryptionConfigurationProperty.builder()
                                    .encryptionOption("SSE_S3")
                                    .build())
                            .build())
                    .build())
            .build();
  }

  Bucket bucket() {
    return bucket;
  }

  /** The work group's name as a reference, so that users of it deploy after it. */
  String workGroupName() {
    return workGroup.getRef();
  }

  /** {@code arn:<partition>:athena:<region>:<account>:workgroup/<name>}. */
  String workGroupArn() {
    return Stack.of(this)
        .formatArn(
            software.amazon.awscdk.ArnComponents.builder()
                .service("athena")
                .resource("workgroup")
                .resourceName(workGroupName())
                .build());
  }
}
