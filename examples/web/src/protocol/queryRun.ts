import { ResultAssembler } from './assembler';
import type {
  AcceptedMessage,
  Column,
  CompleteMessage,
  DownloadMessage,
  ErrorMessage,
  ParameterValue,
  ProgressMessage,
  ResultRow,
  RowsMessage,
} from './messages';
import type { Timers } from './timers';

/** Where a query run stands. `complete`, `incomplete`, `cancelled` and `failed` are final. */
export type RunStatus = 'sending' | 'accepted' | 'running' | 'complete' | 'incomplete' | 'cancelled' | 'failed';

/** Errors made by the client itself, next to the server's codes. */
export type ClientErrorCode = 'NOT_CONNECTED' | 'CONNECTION_LOST' | 'NO_RESPONSE';

/** One resume of a run on a new connection, answered by an `accepted` with `resumed` true. */
export interface ResumeNote {
  /** The `afterSeq` sent: rows came again from `afterSeq + 1`. */
  afterSeq: number;
  /** When the `accepted` arrived (ms, from the injected clock). */
  at: number;
}

/** Why a run failed: the server's `error` message, or a client-side cause. */
export interface RunError {
  code: string;
  message: string;
  field?: string;
  athenaErrorCategory?: number;
  athenaErrorType?: number;
  retryable?: boolean;
}

/** What a run needs from the client that owns it. */
export interface RunContext {
  readonly timers: Timers;
  /** How long to wait for a missing chunk before declaring a gap. */
  readonly gapGraceMs: number;
  /** How long to wait for the first reply before failing with NO_RESPONSE; 0: forever. */
  readonly responseTimeoutMs: number;
  /** Called after every change of the run. */
  readonly onChange: (run: QueryRun) => void;
}

/**
 * The state of one `query` request, fed with the server messages that carry its `requestId`.
 *
 * Rows are assembled in `seq` order. When a chunk is missing (a later one arrived, or `complete`
 * counts more chunks than were received), the run waits `gapGraceMs` for it, since API Gateway does
 * not guarantee order; then it gives up: {@link missingSeqs} lists the gap and a completed run ends
 * `incomplete` instead of `complete`. A chunk that still arrives later is appended and the verdict
 * is re-evaluated.
 */
export class QueryRun {
  readonly result = new ResultAssembler();
  status: RunStatus = 'sending';
  queryExecutionId: string | undefined;
  accepted: AcceptedMessage | undefined;
  progress: ProgressMessage | undefined;
  complete: CompleteMessage | undefined;
  /** From the latest `accepted` (a resumed one replaces it): what `cancel` and `resume` need. */
  resumeToken: string | undefined;
  /** The connection dropped and the run waits for a new one to `resume` on. */
  interrupted = false;
  /** Every resume the server accepted, oldest first. */
  readonly resumes: ResumeNote[] = [];
  /** A `cancel` was sent and its answer (the final `error`, or QUERY_FINISHED) has not come. */
  cancelRequested = false;
  /** Why the last `cancel` changed nothing (QUERY_FINISHED, INVALID_TOKEN ...), for display. */
  cancelRefused: RunError | undefined;
  /** The result as a file, when the server sent a link instead of rows. */
  download: DownloadMessage | undefined;
  error: RunError | undefined;
  /** Last time anything changed (ms, from the injected clock). */
  readonly startedAt: number;
  updatedAt: number;
  finishedAt: number | undefined;
  /** The result's row count from `progress.totalRows`, once known. */
  totalRows: number | undefined;
  /** When the first and the latest `rows` message arrived (ms, from the injected clock). */
  firstRowsAt: number | undefined;
  lastRowsAt: number | undefined;
  private gapTimer: unknown;
  private responseTimer: unknown;
  private resumeAfterSeq: number | undefined;

  constructor(
    readonly requestId: string,
    /** The query name sent; undefined runs the catalog's default. */
    readonly query: string | undefined,
    readonly parameters: Readonly<Record<string, ParameterValue>>,
    private readonly context: RunContext,
  ) {
    this.startedAt = context.timers.now();
    this.updatedAt = this.startedAt;
    this.startResponseTimer('the request may have been lost. Run it again.');
  }

  private startResponseTimer(what: string): void {
    const { timers, responseTimeoutMs } = this.context;
    if (responseTimeoutMs <= 0) return;
    this.stopResponseTimer();
    this.responseTimer = timers.setTimeout(() => {
      this.responseTimer = undefined;
      const seconds = Math.round(responseTimeoutMs / 1000);
      this.fail({ code: 'NO_RESPONSE', message: `No answer from the server within ${seconds} s; ${what}` });
    }, responseTimeoutMs);
  }

  get rows(): ResultRow[] {
    return this.result.rows;
  }

  get columns(): Column[] | undefined {
    return this.result.columns;
  }

  /**
   * Rows received per second, from the first to the latest `rows` message: undefined until two
   * messages some time apart arrived (one message gives no rate).
   */
  get rowsPerSecond(): number | undefined {
    if (this.firstRowsAt === undefined || this.lastRowsAt === undefined) return undefined;
    const ms = this.lastRowsAt - this.firstRowsAt;
    return ms > 0 ? (this.rows.length * 1000) / ms : undefined;
  }

  get finished(): boolean {
    return (
      this.status === 'complete' || this.status === 'incomplete' || this.status === 'cancelled' || this.status === 'failed'
    );
  }

  /** Not finished and both `queryExecutionId` and `resumeToken` known: `cancel` and `resume` can be sent. */
  get hasSession(): boolean {
    return !this.finished && this.queryExecutionId !== undefined && this.resumeToken !== undefined;
  }

  /** The highest seq held with every seq below it: the `afterSeq` of a `resume` (-1: none). */
  get heldSeq(): number {
    return this.result.contiguousSeq;
  }

  /** Seqs given up as missing (the gap), ascending; empty when none. */
  get missingSeqs(): number[] {
    return this.result.skippedSeqs;
  }

  /** With `complete`: whether the rows received add up to its `rowCount`. */
  get rowCountMatches(): boolean | undefined {
    return this.complete === undefined ? undefined : this.rows.length === this.complete.rowCount;
  }

  /** Feeds one server message of this request. */
  handle(
    message:
      | AcceptedMessage
      | ProgressMessage
      | RowsMessage
      | CompleteMessage
      | ErrorMessage
      | DownloadMessage,
  ): void {
    if (this.afterFinal(message)) return;
    this.stopResponseTimer();
    this.queryExecutionId = message.queryExecutionId ?? this.queryExecutionId;
    switch (message.type) {
      case 'accepted':
        this.accepted = message;
        this.resumeToken = message.resumeToken ?? this.resumeToken;
        if (message.resumed === true) this.resumed();
        if (this.status === 'sending') this.status = 'accepted';
        break;
      case 'progress':
        this.progress = message;
        this.totalRows = message.totalRows ?? this.totalRows;
        this.markRunning();
        break;
      case 'rows':
        this.lastRowsAt = this.context.timers.now();
        this.firstRowsAt ??= this.lastRowsAt;
        this.result.add(message);
        this.markRunning();
        this.evaluate();
        break;
      case 'complete':
        this.complete = message;
        this.evaluate();
        break;
      case 'download':
        this.download = message;
        this.markRunning();
        break;
      case 'error':
        this.fail(errorOf(message), message.code === 'QUERY_CANCELLED' ? 'cancelled' : 'failed');
        return;
    }
    this.touch();
  }

  /**
   * Whether a message comes after the run's final message and is dropped (a cancel races with rows
   * in flight). After `complete` only the rows it counts (stragglers, seq < chunks) and the
   * `accepted` of a resume are still taken; after an `error` or a final verdict nothing is.
   */
  private afterFinal(message: { type: string; seq?: number; resumed?: boolean }): boolean {
    if (this.finished && !(this.status === 'incomplete' && message.type === 'rows')) return true;
    if (this.complete === undefined) return false;
    if (message.type === 'rows') return (message.seq ?? 0) >= this.complete.chunks;
    return !(message.type === 'accepted' && message.resumed === true);
  }

  /** The connection dropped: wait (no timers) for {@link resumeSent} on a new one. */
  suspend(): void {
    if (this.finished) return;
    this.stopTimer();
    this.stopResponseTimer();
    this.interrupted = true;
    this.cancelRequested = false;
    this.touch();
  }

  /** A `resume` with `afterSeq` went out: the run waits for its `accepted` (or an error). */
  resumeSent(afterSeq: number): void {
    this.resumeAfterSeq = afterSeq;
    this.startResponseTimer('the query could not be resumed. Run it again.');
    this.touch();
  }

  private resumed(): void {
    this.interrupted = false;
    this.resumes.push({ afterSeq: this.resumeAfterSeq ?? -1, at: this.context.timers.now() });
    this.resumeAfterSeq = undefined;
  }

  /** A `cancel` went out. */
  cancelSent(): void {
    this.cancelRequested = true;
    this.cancelRefused = undefined;
    this.touch();
  }

  /** The server refused the `cancel` (QUERY_FINISHED: the query had ended; its result stands). */
  cancelAnswered(error: RunError): void {
    this.cancelRequested = false;
    this.cancelRefused = error;
    this.touch();
  }

  /** Ends the run with an error (no effect on a finished run). */
  fail(error: RunError, status: 'failed' | 'cancelled' = 'failed'): void {
    if (this.finished) return;
    this.stopTimer();
    this.stopResponseTimer();
    this.result.skipMissing();
    this.error = error;
    this.status = status;
    this.interrupted = false;
    this.cancelRequested = false;
    this.finishedAt = this.context.timers.now();
    this.touch();
  }

  /** Stops every timer (the client drops the run or is closing). */
  dispose(): void {
    this.stopTimer();
    this.stopResponseTimer();
  }

  private markRunning(): void {
    if (this.status === 'sending' || this.status === 'accepted') this.status = 'running';
  }

  private touch(): void {
    this.updatedAt = this.context.timers.now();
    this.context.onChange(this);
  }

  /** Decides the verdict, or starts waiting for missing chunks. */
  private evaluate(): void {
    const total = this.complete?.chunks;
    const waiting = this.result.buffered > 0 || (total !== undefined && this.result.expectedSeq < total);
    if (waiting) {
      if (this.gapTimer === undefined) {
        const { timers, gapGraceMs } = this.context;
        this.gapTimer = timers.setTimeout(() => this.giveUp(), gapGraceMs);
      }
      return;
    }
    this.stopTimer();
    if (this.complete !== undefined) this.finish();
  }

  private giveUp(): void {
    this.gapTimer = undefined;
    this.result.skipMissing(this.complete?.chunks);
    if (this.complete !== undefined) this.finish();
    this.touch();
  }

  private finish(): void {
    const whole = this.missingSeqs.length === 0 && this.rowCountMatches === true;
    this.status = whole ? 'complete' : 'incomplete';
    this.finishedAt ??= this.context.timers.now();
  }

  private stopResponseTimer(): void {
    if (this.responseTimer !== undefined) {
      this.context.timers.clearTimeout(this.responseTimer);
      this.responseTimer = undefined;
    }
  }

  private stopTimer(): void {
    if (this.gapTimer !== undefined) {
      this.context.timers.clearTimeout(this.gapTimer);
      this.gapTimer = undefined;
    }
  }
}

/** The run error an `error` message stands for. */
export function errorOf(m: ErrorMessage): RunError {
  const error: RunError = { code: m.code, message: m.message };
  if (m.field !== undefined) error.field = m.field;
  if (m.athenaErrorCategory !== undefined) error.athenaErrorCategory = m.athenaErrorCategory;
  if (m.athenaErrorType !== undefined) error.athenaErrorType = m.athenaErrorType;
  if (m.retryable !== undefined) error.retryable = m.retryable;
  return error;
}
