package dev.athenaws;

import dev.athenaws.internal.publish.PublishTarget;
import dev.athenaws.internal.publish.ResultPublisher;
import dev.athenaws.internal.query.CancellationFlag;
import dev.athenaws.internal.query.CompletionWaiter;
import dev.athenaws.internal.query.QueryProgress;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.StatementKind;
import java.time.Duration;
import java.util.OptionalLong;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * The {@code progress} with state SUCCEEDED that precedes the first rows, in both run modes, with
 * the result's row count ({@code totalRows}) when Athena's runtime statistics give it: one {@code
 * GetQueryRuntimeStatistics} call per query (through {@link CompletionWaiter#outputRows}), only for
 * a SELECT (other statements' results are not rows of a query output), and a failed call only means
 * no total. Thread-safe: no state.
 */
final class KnownTotals {
  private final CompletionWaiter waiter;
  private final ResultPublisher publisher;

  KnownTotals(CompletionWaiter waiter, ResultPublisher publisher) {
    this.waiter = waiter;
    this.publisher = publisher;
  }

  /**
   * Reads the total and tells the client the query finished.
   *
   * @param target the client and query
   * @param kind the statement kind: only a SELECT's total is read
   * @param seen the SUCCEEDED progress to send (a wait's last, or {@link #fromStats} for a query
   *     that finished before this host looked at it); null when the waiter reported none: then a
   *     progress is sent only when a total is known, derived from the statistics
   * @return the statistics with {@link QueryStats#outputRows()} when known; null when the
   *     connection is gone
   */
  QueryStats announce(
      PublishTarget target, StatementKind kind, QueryProgress seen, QueryStats stats) {
    OptionalLong rows =
        kind.hasHeaderRow() ? waiter.outputRows(target.queryExecutionId()) : OptionalLong.empty();
    QueryStats known = rows.isPresent() ? stats.withOutputRows(rows.getAsLong()) : stats;
    if (seen == null && known.outputRows() == null) {
      return known;
    }
    QueryProgress progress = seen != null ? seen : fromStats(stats);
    CancellationFlag gone = new CancellationFlag();
    publisher.sendProgress(target, progress.withTotalRows(known.outputRows()), gone);
    return gone.isCancelled() ? null : known;
  }

  /**
   * @return a SUCCEEDED progress with the query's total time as elapsed, and its data scanned
   */
  static QueryProgress fromStats(QueryStats stats) {
    Long total = stats.totalExecutionTimeMillis();
    return new QueryProgress(
        QueryExecutionState.SUCCEEDED,
        Duration.ofMillis(total == null ? 0 : total),
        stats.dataScannedBytes(),
        stats.engineExecutionTimeMillis());
  }
}
