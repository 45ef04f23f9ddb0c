/**
 * Plain AWS HTTP calls without an SDK service module: the HTTP client, region, endpoint override
 * and credentials found the SDK's way, for the few requests athena-ws signs itself (S3 reads and
 * links in {@code internal.s3}, the Lambda adapter's Secrets Manager read) to keep the Lambda jar
 * within its size budget (docs/dependencies.md).
 *
 * <p><b>Unsupported internal API.</b> Public only because other packages of athena-ws use it; it
 * may change in any release without notice. Build on the supported packages instead (docs/api.md
 * lists them).
 */
package dev.athenaws.internal.aws;
