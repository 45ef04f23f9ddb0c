package dev.athenaws.cdk;

import static dev.athenaws.cdk.Synthesized.flatten;
import static dev.athenaws.cdk.Synthesized.logicalId;
import static dev.athenaws.cdk.Synthesized.properties;
import static dev.athenaws.cdk.Synthesized.resources;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ResultsStorageTest {

  private static Template template;

  @BeforeAll
  static void synth() {
    template = Synthesized.template(Mode.STEPFUNCTIONS);
  }

  @Test
  void bucketIsEncryptedPrivateAndExpiresResults() {
    template.resourceCountIs("AWS::S3::Bucket", 1);
    template.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "BucketEncryption",
                Map.of(
                    "ServerSideEncryptionConfiguration",
                    List.of(
                        Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
            "PublicAccessBlockConfiguration",
                Map.of(
                    "BlockPublicAcls", true,
                    "BlockPublicPolicy", true,
                    "IgnorePublicAcls", true,
                    "RestrictPublicBuckets", true),
            "OwnershipControls",
                Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))),
            "LifecycleConfiguration",
                Map.of(
                    "Rules",
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Status",
                                "Enabled",
                                "Prefix",
                                "results/",
                                "ExpirationInDays",
                                7,
                                "AbortIncompleteMultipartUpload",
                                Map.of("DaysAfterInitiation", 1)))))));
  }

  @Test
  void bucketIsRetainedSoDestroyNeverFailsOnObjects() {
    template.hasResource(
        "AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
  }

  @Test
  void bucketPolicyRefusesPlainHttp() {
    String bucket = logicalId(template, "AWS::S3::Bucket", "ResultsBucket");
    Map<String, Object> policy =
        properties(resources(template, "AWS::S3::BucketPolicy").values().iterator().next());
    assertThat(flatten(policy.get("Bucket"))).isEqualTo("REF(" + bucket + ")");
    template.hasResourceProperties(
        "AWS::S3::BucketPolicy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Effect", "Deny",
                            "Principal", Map.of("AWS", "*"),
                            "Condition",
                                Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))));
  }

  @Test
  void workGroupEnforcesTheOutputLocationAndACutoff() {
    String bucket = logicalId(template, "AWS::S3::Bucket", "ResultsBucket");
    Map<String, Object> workGroup =
        properties(resources(template, "AWS::Athena::WorkGroup").values().iterator().next());
    assertThat(workGroup)
        .containsEntry("Name", "athena-ws-dev")
        .containsEntry("State", "ENABLED")
        .containsEntry("RecursiveDeleteOption", true);
    Map<?, ?> configuration = (Map<?, ?>) workGroup.get("WorkGroupConfiguration");
    assertThat(configuration.get("EnforceWorkGroupConfiguration")).isEqualTo(true);
    assertThat(((Number) configuration.get("BytesScannedCutoffPerQuery")).longValue())
        .isEqualTo(StackSettings.DEFAULT_BYTES_SCANNED_CUTOFF);
    Map<?, ?> result = (Map<?, ?>) configuration.get("ResultConfiguration");
    assertThat(flatten(result.get("OutputLocation")))
        .isEqualTo("s3://REF(" + bucket + ")/results/");
    assertThat(result.get("EncryptionConfiguration"))
        .isEqualTo(Map.of("EncryptionOption", "SSE_S3"));
  }
}
