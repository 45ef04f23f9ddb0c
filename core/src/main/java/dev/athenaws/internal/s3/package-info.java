/**
 * Reading a finished SELECT's result object ({@code OutputLocation}, Athena's CSV) from S3 into the
 * same pages the {@code GetQueryResults} path yields, so the same mapper and chunker produce the
 * same messages; with a per-query fallback to the API path where S3 cannot serve.
 *
 * <p><b>Unsupported internal API.</b> Public only because other packages of athena-ws use it; it
 * may change in any release without notice. Build on the supported packages instead (docs/api.md
 * lists them).
 */
package dev.athenaws.internal.s3;
