/**
 * The Athena half of the query lifecycle: start a query idempotently ({@link
 * dev.athenaws.internal.query.QueryStarter}), wait for it to end ({@link
 * dev.athenaws.internal.query.CompletionWaiter}), and read its result pages one page ahead ({@link
 * dev.athenaws.internal.query.PageFetcher}, {@link dev.athenaws.internal.query.ResultPages}).
 *
 * <p>Every Athena call (start, status, results, stop) that fails transiently, as the AWS SDK
 * classifies it (rate limits, the concurrent query limit, 500/502/503/504, a connection reset or
 * refused, a timeout), is retried in a bounded loop ({@link
 * dev.athenaws.internal.query.AthenaRetry}) that waits with an injected {@link
 * dev.athenaws.retry.Sleeper}; a start can also be bounded by a deadline, and waiting for
 * completion always is. Terminal errors (a rejected request, access denied, an unknown id, FAILED
 * or CANCELLED) are never retried. Build the {@code AthenaClient} with {@code
 * AwsRetryStrategy.doNotRetry()} and an {@code apiCallAttemptTimeout}, so that the SDK adds no
 * waits of its own outside these bounds. Failures surface as {@link
 * dev.athenaws.error.QueryFailedException} (Athena rejected the statement, code QUERY_FAILED) or
 * {@link dev.athenaws.error.ThrottledException} (retries or time ran out, code ATHENA_BUSY).
 *
 * <p><b>Unsupported internal API.</b> Public only because other packages of athena-ws use it; it
 * may change in any release without notice. Build on the supported packages instead (docs/api.md
 * lists them).
 */
package dev.athenaws.internal.query;
