package dev.athenaws.local.data;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fills the per-API parts of a synthetic event: requestParameters, responseElements and
 * additionalEventData as JSON text (values are plain identifiers, so no escaping is needed), and up
 * to two resources (arn, type).
 *
 * <p>Thread-safety: stateless.
 */
final class RequestDetails {
  private static final int PARAMS = 23;
  private static final int RESPONSE = 24;
  private static final int ADDITIONAL = 25;
  private static final int R1_ARN = 28;

  private RequestDetails() {}

  static void fill(
      String[] row, EventCatalog.Api api, String account, String region, SplittableRandom r) {
    String db = pick(EventCatalog.DATABASES, r);
    String table = "t_" + r.nextInt(500);
    String bucket = pick(EventCatalog.BUCKETS, r);
    String key =
        "data/year=2021/part-"
            + String.format(Locale.ROOT, "%05d", r.nextInt(100_000))
            + ".parquet";
    String service = api.source().substring(0, api.source().indexOf('.'));
    switch (service) {
      case "glue":
        row[PARAMS] =
            api.name().equals("GetDatabase") || api.name().equals("GetTables")
                ? "{\"name\":\"" + db + "\"}"
                : "{\"databaseName\":\""
                    + db
                    + "\",\"tableInput\":{\"name\":\""
                    + table
                    + "\",\"tableType\":\"EXTERNAL_TABLE\"}}";
        if (api.name().endsWith("Table") || api.name().equals("GetPartitions")) {
          resource(
              row,
              0,
              "arn:aws:glue:" + region + ":" + account + ":table/" + db + "/" + table,
              "AWS::Glue::Table");
        }
        break;
      case "s3":
        row[PARAMS] =
            "{\"bucketName\":\""
                + bucket
                + "\",\"Host\":\""
                + bucket
                + ".s3."
                + region
                + ".amazonaws.com\",\"key\":\""
                + key
                + "\"}";
        row[ADDITIONAL] =
            "{\"SignatureVersion\":\"SigV4\",\"CipherSuite\":\"ECDHE-RSA-AES128-GCM-SHA256\","
                + "\"bytesTransferredIn\":0,\"AuthenticationMethod\":\"AuthHeader\",\"bytesTransferredOut\":"
                + r.nextInt(1_000_000)
                + "}";
        if (api.name().endsWith("Object")) {
          resource(row, 0, "arn:aws:s3:::" + bucket + "/" + key, "AWS::S3::Object");
          resource(row, 1, "arn:aws:s3:::" + bucket, "AWS::S3::Bucket");
        } else {
          resource(row, 0, "arn:aws:s3:::" + bucket, "AWS::S3::Bucket");
        }
        break;
      case "sts":
        String role = pick(EventCatalog.ROLES, r);
        if (api.name().equals("AssumeRole")) {
          row[PARAMS] =
              "{\"roleArn\":\"arn:aws:iam::"
                  + account
                  + ":role/"
                  + role
                  + "\",\"roleSessionName\":\"session-"
                  + r.nextInt(10_000)
                  + "\",\"durationSeconds\":3600}";
          row[RESPONSE] =
              "{\"credentials\":{\"accessKeyId\":\"ASIAEXAMPLE"
                  + r.nextInt(100_000)
                  + "\",\"expiration\":\"Aug 1, 2021 1:00:00 PM\"},\"assumedRoleUser\":{\"arn\":\"arn:aws:sts::"
                  + account
                  + ":assumed-role/"
                  + role
                  + "/session\"}}";
          resource(row, 0, "arn:aws:iam::" + account + ":role/" + role, "AWS::IAM::Role");
        }
        break;
      case "athena":
        row[PARAMS] =
            api.name().equals("StartQueryExecution")
                ? "{\"queryString\":\"SELECT * FROM "
                    + db
                    + "."
                    + table
                    + " LIMIT 10\",\"workGroup\":\"primary\"}"
                : "{\"queryExecutionId\":\""
                    + new java.util.UUID(r.nextLong(), r.nextLong())
                    + "\"}";
        row[RESPONSE] =
            api.name().equals("StartQueryExecution")
                ? "{\"queryExecutionId\":\""
                    + new java.util.UUID(r.nextLong(), r.nextLong())
                    + "\"}"
                : null;
        break;
      case "ec2":
        row[PARAMS] =
            "{\"instancesSet\":{\"items\":[{\"instanceId\":\"i-0"
                + Long.toHexString(r.nextLong() >>> 8)
                + "\"}]},\"filterSet\":{}}";
        break;
      case "lambda":
        row[PARAMS] =
            "{\"functionName\":\"arn:aws:lambda:"
                + region
                + ":"
                + account
                + ":function:handler-"
                + r.nextInt(20)
                + "\"}";
        resource(
            row,
            0,
            "arn:aws:lambda:" + region + ":" + account + ":function:handler",
            "AWS::Lambda::Function");
        break;
      case "kms":
        row[PARAMS] = "{\"encryptionAlgorithm\":\"SYMMETRIC_DEFAULT\",\"keyId\":\"alias/aws/s3\"}";
        resource(
            row,
            0,
            "arn:aws:kms:"
                + region
                + ":"
                + account
                + ":key/"
                + new java.util.UUID(r.nextLong(), r.nextLong()),
            "AWS::KMS::Key");
        break;
      case "signin":
        row[RESPONSE] = "{\"ConsoleLogin\":\"" + (row[21] == null ? "Success" : "Failure") + "\"}";
        row[ADDITIONAL] =
            "{\"LoginTo\":\"https://console.aws.amazon.com/console/home\",\"MobileVersion\":\"No\",\"MFAUsed\":\"Yes\"}";
        break;
      case "iam":
        row[PARAMS] = "{\"roleName\":\"" + pick(EventCatalog.ROLES, r) + "\"}";
        break;
      default:
        row[PARAMS] = "{\"tableName\":\"" + table + "\"}";
        break;
    }
  }

  private static void resource(String[] row, int index, String arn, String type) {
    row[R1_ARN + 2 * index] = arn;
    row[R1_ARN + 2 * index + 1] = type;
  }

  private static <T> T pick(List<T> values, SplittableRandom r) {
    return values.get(r.nextInt(values.size()));
  }
}
