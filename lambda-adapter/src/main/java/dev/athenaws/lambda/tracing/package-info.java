/**
 * X-Ray subsegments for the adapter's AWS calls without the X-Ray SDK: {@link
 * dev.athenaws.lambda.tracing.XRayTracing} gives an AWS SDK v2 {@code ExecutionInterceptor} that,
 * when the Lambda invocation is sampled, sends one subsegment document per Athena, Step Functions
 * or API Gateway management call to the X-Ray daemon over UDP. Why not the X-Ray SDK, and what the
 * subsegments hold: docs/operations.md, "Tracing".
 */
package dev.athenaws.lambda.tracing;
