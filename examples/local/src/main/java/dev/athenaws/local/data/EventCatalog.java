package dev.athenaws.local.data;

import java.util.List;

/**
 * The fixed vocabularies of the synthetic CloudTrail events: regions, API calls (with their event
 * source, read-only flag and a weight), user agents, error codes, accounts and names.
 *
 * <p>Thread-safety: immutable constants.
 */
final class EventCatalog {
  private EventCatalog() {}

  /** One API call: who serves it, whether it only reads, how often it occurs relative to others. */
  record Api(String source, String name, boolean readOnly, int weight) {}

  static final List<String> REGIONS =
      List.of(
          "us-east-1",
          "us-east-2",
          "us-west-1",
          "us-west-2",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-south-1",
          "eu-west-1",
          "eu-central-1",
          "sa-east-1");

  /** Relative weights of {@link #REGIONS}: ap-northeast-1 and us-east-1 are the busiest. */
  static final int[] REGION_WEIGHTS = {6, 2, 1, 3, 6, 1, 2, 1, 1, 3, 2, 1};

  static final List<Api> APIS =
      List.of(
          new Api("glue.amazonaws.com", "CreateTable", false, 4),
          new Api("glue.amazonaws.com", "GetTable", true, 10),
          new Api("glue.amazonaws.com", "GetTables", true, 4),
          new Api("glue.amazonaws.com", "GetDatabase", true, 6),
          new Api("glue.amazonaws.com", "UpdateTable", false, 2),
          new Api("glue.amazonaws.com", "DeleteTable", false, 1),
          new Api("glue.amazonaws.com", "GetPartitions", true, 6),
          new Api("glue.amazonaws.com", "BatchCreatePartition", false, 2),
          new Api("s3.amazonaws.com", "GetObject", true, 20),
          new Api("s3.amazonaws.com", "PutObject", false, 10),
          new Api("s3.amazonaws.com", "HeadObject", true, 6),
          new Api("s3.amazonaws.com", "DeleteObject", false, 2),
          new Api("s3.amazonaws.com", "ListObjects", true, 5),
          new Api("s3.amazonaws.com", "GetBucketLocation", true, 4),
          new Api("s3.amazonaws.com", "ListBuckets", true, 2),
          new Api("sts.amazonaws.com", "AssumeRole", false, 8),
          new Api("sts.amazonaws.com", "GetCallerIdentity", true, 3),
          new Api("sts.amazonaws.com", "GetSessionToken", false, 1),
          new Api("athena.amazonaws.com", "StartQueryExecution", false, 6),
          new Api("athena.amazonaws.com", "GetQueryExecution", true, 10),
          new Api("athena.amazonaws.com", "GetQueryResults", true, 6),
          new Api("athena.amazonaws.com", "StopQueryExecution", false, 1),
          new Api("ec2.amazonaws.com", "DescribeInstances", true, 5),
          new Api("ec2.amazonaws.com", "RunInstances", false, 1),
          new Api("ec2.amazonaws.com", "TerminateInstances", false, 1),
          new Api("ec2.amazonaws.com", "DescribeSecurityGroups", true, 3),
          new Api("ec2.amazonaws.com", "CreateTags", false, 1),
          new Api("iam.amazonaws.com", "CreateUser", false, 1),
          new Api("iam.amazonaws.com", "AttachRolePolicy", false, 1),
          new Api("iam.amazonaws.com", "ListRoles", true, 2),
          new Api("iam.amazonaws.com", "GetRole", true, 2),
          new Api("lambda.amazonaws.com", "Invoke", false, 4),
          new Api("lambda.amazonaws.com", "CreateFunction20150331", false, 1),
          new Api("kms.amazonaws.com", "Decrypt", true, 5),
          new Api("kms.amazonaws.com", "GenerateDataKey", true, 3),
          new Api("dynamodb.amazonaws.com", "DescribeTable", true, 2),
          new Api("signin.amazonaws.com", "ConsoleLogin", false, 1));

  static final List<String> USER_AGENTS =
      List.of(
          "aws-cli/2.2.5 Python/3.8.8 Linux/5.4.0-1045-aws exe/x86_64.ubuntu.20 prompt/off command/s3.cp",
          "aws-sdk-java/2.16.98 Linux/4.14.238-182.422.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/11.0.11+9-LTS Java/11.0.11 vendor/Amazon.com_Inc. io/sync http/Apache",
          "Boto3/1.17.97 Python/3.8.10 Linux/4.14.231-173.361.amzn2.x86_64 Botocore/1.20.97",
          "aws-sdk-go/1.38.60 (go1.16.5; linux; amd64)",
          "console.amazonaws.com",
          "AWS Internal",
          "[Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/92.0.4515.107 Safari/537.36]");

  /** Error code, message pairs; about 5% of events carry one. */
  static final List<String[]> ERRORS =
      List.of(
          new String[] {"AccessDenied", "Access Denied"},
          new String[] {
            "AccessDeniedException", "User is not authorized to perform this operation"
          },
          new String[] {"EntityNotFoundException", "Entity Not Found"},
          new String[] {"NoSuchKey", "The specified key does not exist."},
          new String[] {"ThrottlingException", "Rate exceeded"},
          new String[] {"ValidationException", "1 validation error detected"});

  static final List<String> ACCOUNTS = List.of("123456789012", "210987654321", "555555555555");
  static final List<String> USERS =
      List.of("alice", "bob", "carol", "dave", "erin", "analytics-bot");
  static final List<String> ROLES =
      List.of(
          "AthenaQueryRole",
          "DataPipelineRole",
          "LambdaExecutionRole",
          "AdminRole",
          "ReadOnlyRole");
  static final List<String> BUCKETS =
      List.of(
          "athena-query-results-123456789012",
          "cloudtrail-logs-123456789012",
          "data-lake-raw",
          "data-lake-curated");
  static final List<String> DATABASES = List.of("default", "sampledb", "analytics", "security");
  static final List<String> SERVICES =
      List.of(
          "athena.amazonaws.com",
          "glue.amazonaws.com",
          "lambda.amazonaws.com",
          "ec2.amazonaws.com");
}
