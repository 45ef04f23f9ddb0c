import type { Column, QueryRun, ResultRow } from '../protocol';
import { formatBytes, formatCount, formatExpiry, formatMillis } from './format';
import { RowsProgress } from './RowsProgress';
import { VirtualTable } from './VirtualTable';

export interface RunViewProps {
  run: QueryRun | undefined;
  /** Changes whenever the run changed (the run object is updated in place). */
  version: number;
  /** Whether the connection is open (a cancel can be sent). */
  connected?: boolean;
  /** Sends `cancel` for the run; no button without it. */
  onCancel?(run: QueryRun): void;
}

const STATUS_TEXT: Record<QueryRun['status'], string> = {
  sending: 'sent, waiting for the server',
  accepted: 'accepted',
  running: 'running',
  complete: 'complete',
  incomplete: 'finished, but the result is incomplete',
  cancelled: 'Cancelled',
  failed: 'failed',
};

/** Why the cancel button is disabled, or undefined when it is enabled. */
function cancelBlocked(run: QueryRun, connected: boolean): string | undefined {
  if (run.cancelRequested) return 'Cancel sent; waiting for the server to stop the query.';
  if (!connected) return 'Not connected: a cancel can be sent once the connection is back.';
  if (run.queryExecutionId === undefined || run.resumeToken === undefined) {
    return run.accepted !== undefined && run.queryExecutionId !== undefined
      ? 'The server sent no resume token for this query (sessions are off), so it cannot be cancelled.'
      : 'Waiting for the server to accept the query: a cancel needs its execution id and token.';
  }
  return undefined;
}

/** Cancel button, and the notes about resumes and a refused cancel. */
function SessionNotes({ run, connected, onCancel }: { run: QueryRun; connected: boolean; onCancel?(run: QueryRun): void }) {
  const blocked = cancelBlocked(run, connected);
  const last = run.resumes[run.resumes.length - 1];
  return (
    <>
      {onCancel !== undefined && !run.finished && (
        <button
          type="button"
          className="cancel"
          data-testid="cancel-button"
          disabled={blocked !== undefined}
          title={blocked ?? 'Stop this query on the server'}
          onClick={() => onCancel(run)}
        >
          {run.cancelRequested ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
      {run.interrupted && (
        <p className="warning" data-testid="run-interrupted" data-held-seq={run.heldSeq}>
          Connection lost: the query resumes when the connection is back (rows held up to seq {run.heldSeq}).
        </p>
      )}
      {last !== undefined && (
        <p className="muted" data-testid="run-resumed" data-count={run.resumes.length} data-after-seq={last.afterSeq}>
          Reconnected, resumed at seq {last.afterSeq + 1}
          {run.resumes.length > 1 ? ` (${run.resumes.length} resumes)` : ''}.
        </p>
      )}
      {run.cancelRefused !== undefined && (
        <p className="muted" data-testid="cancel-refused" data-code={run.cancelRefused.code}>
          {run.cancelRefused.code === 'QUERY_FINISHED'
            ? 'The query had already finished when the cancel arrived; its result is kept.'
            : `The cancel was refused: ${run.cancelRefused.code}: ${run.cancelRefused.message}`}
        </p>
      )}
    </>
  );
}

/** Columns from `seq` 0, or (when that chunk is missing) from the keys of the first row. */
function columnsOf(run: QueryRun): Column[] {
  if (run.columns !== undefined) return run.columns;
  const first: ResultRow | undefined = run.rows[0];
  return first === undefined ? [] : Object.keys(first).map((name) => ({ name, type: '?' }));
}

/** 1 -> "1 row", 12345 -> "12,345 rows". */
function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

function seqList(seqs: number[]): string {
  const shown = seqs.slice(0, 20).join(', ');
  return seqs.length > 20 ? `${shown}, … (${seqs.length} in all)` : shown;
}

/** Status, progress, completion statistics, completeness warnings and the result table of a run. */
export function RunView({ run, connected = false, onCancel }: RunViewProps) {
  if (run === undefined) {
    return (
      <section className="panel run-view muted" data-testid="run-empty">
        Choose a query and run it; results appear here as they arrive.
      </section>
    );
  }
  const { progress, complete, accepted } = run;
  const stats = complete?.statistics;
  const missing = run.missingSeqs;
  const columns = columnsOf(run);
  const rowCount = run.rows.length;
  return (
    <section className="panel run-view">
      <div className="run-head">
        <span
          className={`badge status-${run.status}`}
          data-testid="run-status"
          data-status={run.status}
          data-request-id={run.requestId}
          data-resumable={run.resumeToken !== undefined}
        >
          {STATUS_TEXT[run.status]}
        </span>
        <span className="muted">
          {run.query ?? '(default query)'} · request {run.requestId}
          {run.queryExecutionId !== undefined && (
            <>
              {' '}
              · execution <code data-testid="query-execution-id">{run.queryExecutionId}</code>
            </>
          )}
        </span>
      </div>
      <SessionNotes run={run} connected={connected} onCancel={onCancel} />
      {accepted !== undefined && (
        <p className="accepted" data-testid="accepted-message">
          {accepted.message}
        </p>
      )}
      {progress !== undefined && (
        <p className="progress" data-testid="progress" data-state={progress.state}>
          <strong>{progress.state}</strong> · {formatMillis(progress.elapsedMillis)} elapsed
          {progress.dataScannedBytes !== undefined && <> · {formatBytes(progress.dataScannedBytes)} scanned</>}
        </p>
      )}
      <RowsProgress run={run} />
      {run.download !== undefined && (
        <p className="download" data-testid="download" data-bytes={run.download.bytes}>
          <a
            href={run.download.url}
            download
            rel="noopener noreferrer"
            referrerPolicy="no-referrer"
            data-testid="download-link"
          >
            Download CSV
          </a>
          {run.download.bytes !== undefined && <> · {formatBytes(run.download.bytes)}</>} · link expires{' '}
          <span data-testid="download-expiry">{formatExpiry(run.download.expiresAt, run.updatedAt)}</span>
        </p>
      )}
      {run.error !== undefined && (
        <p className="error" data-testid="run-error" data-code={run.error.code}>
          {run.error.code}: {run.error.message}
        </p>
      )}
      <p className="counts">
        <span data-testid="row-count" data-count={rowCount}>
          {plural(rowCount, 'row')}
        </span>
        <span className="muted">
          {' '}
          in {plural(run.result.chunks, 'chunk')}
          {run.result.buffered > 0 && <> · {run.result.buffered} early chunks waiting for seq {run.result.expectedSeq}</>}
          {run.result.duplicates > 0 && <> · {run.result.duplicates} duplicate chunks ignored</>}
        </span>
      </p>
      {complete !== undefined && (
        <div
          className="complete"
          data-testid="complete-stats"
          data-row-count={complete.rowCount}
          data-chunks={complete.chunks}
        >
          <strong>Complete:</strong> {plural(complete.rowCount, 'row')} in {plural(complete.chunks, 'chunk')}
          {stats?.engineExecutionTimeMillis !== undefined && <> · engine {formatMillis(stats.engineExecutionTimeMillis)}</>}
          {stats?.totalExecutionTimeMillis !== undefined && <> · total {formatMillis(stats.totalExecutionTimeMillis)}</>}
          {stats?.queryQueueTimeMillis !== undefined && <> · queued {formatMillis(stats.queryQueueTimeMillis)}</>}
          {stats?.dataScannedBytes !== undefined && <> · {formatBytes(stats.dataScannedBytes)} scanned</>}
          {stats?.reusedPreviousResult === true && <> · reused a previous result</>}
          {run.status === 'complete' && run.download !== undefined && (
            <span className="ok" data-testid="complete-verified">
              {' '}
              ✓ delivered as a file
            </span>
          )}
          {run.status === 'complete' && run.download === undefined && (
            <span className="ok" data-testid="complete-verified">
              {' '}
              ✓ seq 0..{complete.chunks - 1} contiguous, row count matches
            </span>
          )}
        </div>
      )}
      {missing.length > 0 && (
        <p className="warning" role="alert" data-testid="seq-gap-warning" data-missing={missing.join(',')}>
          Gap in the result: chunk{missing.length > 1 ? 's' : ''} with seq {seqList(missing)} never arrived
          {complete !== undefined ? ` (of ${complete.chunks})` : ''}. The rows shown are incomplete.
        </p>
      )}
      {complete !== undefined && missing.length === 0 && run.rowCountMatches === false && (
        <p className="warning" role="alert" data-testid="row-count-mismatch">
          Received {formatCount(rowCount)} rows but the server counted {formatCount(complete.rowCount)}.
        </p>
      )}
      {columns.length > 0 && (
        <VirtualTable key={run.requestId} columns={columns} rows={run.rows} rowCount={rowCount} />
      )}
    </section>
  );
}
