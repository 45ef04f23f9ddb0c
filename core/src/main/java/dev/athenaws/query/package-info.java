/**
 * The Athena half of the query lifecycle: start a query idempotently ({@link
 * dev.athenaws.query.QueryStarter}), wait for it to end ({@link dev.athenaws.query.CompletionWaiter}),
 * and read its result pages one page ahead ({@link dev.athenaws.query.PageFetcher}, {@link
 * dev.athenaws.query.ResultPages}).
 *
 * <p>Every call that Athena may push back on (rate limits, the concurrent query limit, 5xx) is
 * retried in a bounded loop ({@link dev.athenaws.query.AthenaRetry}) that waits with an injected
 * {@link dev.athenaws.retry.Sleeper}; waiting for completion is also bounded by a deadline.
 * Build the {@code AthenaClient} with {@code AwsRetryStrategy.doNotRetry()} (or the SDK's standard
 * strategy) so that the SDK does not add waits of its own outside these bounds. Failures surface as
 * {@link dev.athenaws.query.QueryFailedException} (Athena rejected the statement, code QUERY_FAILED)
 * or {@link dev.athenaws.query.AthenaBusyException} (retries ran out, code INTERNAL).
 */
package dev.athenaws.query;
