import type { ClientMessage, ErrorMessage, ServerMessage } from './messages';
import { errorOf, type QueryRun, type RunError } from './queryRun';
import type { Timers } from './timers';

/**
 * How often a client with a query running sends `ping`: half of API Gateway's 10-minute idle
 * timeout, so one lost ping still leaves time for the next (docs/protocol.md, `ping`).
 */
export const PING_INTERVAL_MS = 5 * 60_000;

/**
 * Sends `ping` every `intervalMs` while `active()` holds (a query runs and the connection is open).
 * Call {@link update} after anything that may change `active()`. Not thread-safe.
 */
export class Pinger {
  private timer: unknown;

  constructor(
    private readonly timers: Timers,
    private readonly intervalMs: number,
    private readonly active: () => boolean,
    private readonly ping: () => void,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  update(): void {
    if (!this.active()) {
      this.stop();
      return;
    }
    if (this.timer !== undefined) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (this.active()) this.ping();
      this.update();
    }, this.intervalMs);
  }

  stop(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}

/**
 * The `cancel` and `resume` messages of runs (docs/protocol.md, Sessions). Each goes out with a
 * request id of its own, so an `error` about it (QUERY_FINISHED, INVALID_TOKEN, RESULT_EXPIRED)
 * reaches the run it was sent for; replies that carry the run's own request id go to the run as
 * usual. Not thread-safe.
 */
export class Sessions {
  private readonly sentFor = new Map<string, { run: QueryRun; kind: 'cancel' | 'resume' }>();

  constructor(
    private readonly send: (message: ClientMessage) => boolean,
    private readonly nextRequestId: () => string,
  ) {}

  /** Sends `cancel` for a run that has a session. @returns whether it went out */
  cancel(run: QueryRun): boolean {
    const { queryExecutionId, resumeToken } = run;
    if (!run.hasSession || queryExecutionId === undefined || resumeToken === undefined) return false;
    const requestId = this.nextRequestId();
    if (!this.send({ action: 'cancel', requestId, queryExecutionId, resumeToken })) return false;
    this.sentFor.set(requestId, { run, kind: 'cancel' });
    run.cancelSent();
    return true;
  }

  /**
   * The connection dropped without the client asking: runs with a session wait to resume, the others
   * fail (nothing can bring their results to a new connection).
   */
  dropped(runs: Iterable<QueryRun>): void {
    for (const run of runs) {
      if (run.finished) continue;
      if (run.hasSession) run.suspend();
      else run.fail(cannotResume(run));
    }
  }

  /** A new connection is open: sends `resume` for every run that waits, after the seqs it holds. */
  reopened(runs: Iterable<QueryRun>): void {
    for (const run of runs) {
      const { queryExecutionId, resumeToken } = run;
      if (!run.interrupted || queryExecutionId === undefined || resumeToken === undefined) continue;
      const requestId = this.nextRequestId();
      const afterSeq = run.heldSeq;
      if (!this.send({ action: 'resume', requestId, queryExecutionId, resumeToken, afterSeq })) return;
      this.sentFor.set(requestId, { run, kind: 'resume' });
      run.resumeSent(afterSeq);
    }
  }

  /** Handles a reply to a `cancel` or `resume`. @returns false when it answers neither */
  route(message: ServerMessage): boolean {
    const id = message.requestId;
    const sent = id === undefined ? undefined : this.sentFor.get(id);
    if (sent === undefined || message.type === 'catalog' || message.type === 'pong') return false;
    const { run, kind } = sent;
    if (message.type !== 'error') {
      run.handle(message);
    } else if (kind === 'resume') {
      run.fail(resumeRefused(message));
    } else if (message.code === 'QUERY_CANCELLED') {
      run.handle(message);
    } else {
      run.cancelAnswered(errorOf(message));
    }
    return true;
  }

  /** Drops the request ids sent for `run`. */
  forget(run: QueryRun): void {
    for (const [id, sent] of this.sentFor) if (sent.run === run) this.sentFor.delete(id);
  }
}

function cannotResume(run: QueryRun): RunError {
  const why =
    run.queryExecutionId === undefined
      ? "before the server sent the query's execution id and resume token"
      : 'and the server sent no resume token for this query (sessions are off on the server)';
  return {
    code: 'CONNECTION_LOST',
    message: `The connection dropped ${why}, so it cannot be resumed. Run it again.`,
  };
}

function resumeRefused(m: ErrorMessage): RunError {
  const why =
    m.code === 'RESULT_EXPIRED'
      ? 'the server no longer holds its result'
      : m.code === 'INVALID_TOKEN'
        ? 'the server refused its resume token'
        : 'the server refused the resume';
  return { ...errorOf(m), message: `The query could not be resumed after the connection dropped: ${why} (${m.message}). Run it again.` };
}
