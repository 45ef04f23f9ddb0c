import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AthenaWsClient, PING_INTERVAL_MS, type ClientMessage, type QueryRun } from '../../src/protocol';
import { FakeSockets, type FakeWebSocket } from './FakeWebSocket';
import { chunk, CLOUDTRAIL_CATALOG, rowsFrom } from './fixtures';

let sockets: FakeSockets;

const BACKOFF = { baseMs: 100, maxMs: 1000, multiplier: 2, jitter: 0.5 };

function newClient(extra: Partial<ConstructorParameters<typeof AthenaWsClient>[0]> = {}) {
  return new AthenaWsClient({
    url: 'ws://localhost:8080/dev',
    webSocket: sockets.factory,
    random: () => 0,
    backoff: BACKOFF,
    requestIdPrefix: 't-',
    ...extra,
  });
}

/** Opens the latest socket and answers its listQueries. */
function open(socket: FakeWebSocket): FakeWebSocket {
  socket.open();
  socket.serverSends({ type: 'catalog', requestId: socket.lastRequestId('listQueries'), queries: CLOUDTRAIL_CATALOG });
  return socket;
}

function connected(extra = {}): { client: AthenaWsClient; socket: FakeWebSocket } {
  const client = newClient(extra);
  client.connect();
  return { client, socket: open(sockets.last) };
}

/** A run the server accepted with a resume token. */
function acceptedRun(client: AthenaWsClient, socket: FakeWebSocket, token = 'tok-1'): QueryRun {
  const run = client.runQuery({ query: 'events-by-name' });
  socket.serverSends({
    type: 'accepted', requestId: run.requestId, queryExecutionId: 'qe-1', resumeToken: token, message: 'Query accepted',
  });
  return run;
}

/** Drops the socket (no close frame), waits out the backoff and opens the next one. */
function dropAndReconnect(socket: FakeWebSocket): FakeWebSocket {
  socket.serverCloses(1006);
  vi.runOnlyPendingTimers();
  const next = sockets.last;
  expect(next).not.toBe(socket);
  return open(next);
}

function sentOf(socket: FakeWebSocket, action: ClientMessage['action']): ClientMessage[] {
  return socket.sent.filter((m) => m.action === action);
}

beforeEach(() => {
  sockets = new FakeSockets();
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('resume after a dropped connection', () => {
  it('resumes with the highest contiguous seq and completes once across both connections', () => {
    const { client, socket } = connected();
    const run = acceptedRun(client, socket);
    for (const seq of [0, 1, 2]) socket.serverSends(chunk(run.requestId, seq, rowsFrom(seq * 2, 2)));
    socket.serverCloses(1006);
    expect(run.status).toBe('running');
    expect(run.interrupted).toBe(true);
    expect(run.heldSeq).toBe(2);

    vi.runOnlyPendingTimers();
    const next = open(sockets.last);
    const resume = sentOf(next, 'resume');
    expect(resume).toEqual([
      { action: 'resume', requestId: expect.any(String), queryExecutionId: 'qe-1', resumeToken: 'tok-1', afterSeq: 2 },
    ]);
    next.serverSends({
      type: 'accepted', requestId: run.requestId, queryExecutionId: 'qe-1', resumeToken: 'tok-2', resumed: true, message: 'Resumed',
    });
    expect(run.interrupted).toBe(false);
    expect(run.resumeToken).toBe('tok-2');
    expect(run.resumes).toEqual([{ afterSeq: 2, at: expect.any(Number) }]);
    for (const seq of [3, 4]) next.serverSends(chunk(run.requestId, seq, rowsFrom(seq * 2, 2)));
    // complete counts the whole result, over both connections
    next.serverSends({ type: 'complete', requestId: run.requestId, queryExecutionId: 'qe-1', rowCount: 10, chunks: 5 });
    expect(run.status).toBe('complete');
    expect(run.rows.map((r) => r.n)).toEqual(rowsFrom(0, 10).map((r) => r.n));
    expect(run.missingSeqs).toEqual([]);
  });

  it('drops seqs it holds when the server sends them again, and asks only after the contiguous prefix', () => {
    const { client, socket } = connected({ gapGraceMs: 1000 });
    const run = acceptedRun(client, socket);
    // seq 2 arrived before seq 1 (posts in flight); seq 1 is lost with the connection
    socket.serverSends(chunk(run.requestId, 0, rowsFrom(0, 2)));
    socket.serverSends(chunk(run.requestId, 2, rowsFrom(4, 2)));
    socket.serverCloses(1006);
    // the gap grace does not run out while the run waits to resume
    vi.advanceTimersByTime(100);
    vi.advanceTimersByTime(5000);
    expect(run.missingSeqs).toEqual([]);
    const next = open(sockets.last);
    expect(sentOf(next, 'resume')).toMatchObject([{ afterSeq: 0 }]);
    next.serverSends({ type: 'accepted', requestId: run.requestId, queryExecutionId: 'qe-1', resumeToken: 'tok-2', resumed: true, message: 'ok' });
    // the server re-sends seq 0 (already held) as well as 1, 2 (held, buffered) and 3
    for (const seq of [0, 1, 2, 3]) next.serverSends(chunk(run.requestId, seq, rowsFrom(seq * 2, 2)));
    next.serverSends({ type: 'complete', requestId: run.requestId, queryExecutionId: 'qe-1', rowCount: 8, chunks: 4 });
    expect(run.status).toBe('complete');
    expect(run.rows.map((r) => r.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(run.result.duplicates).toBe(2);
    expect(new Set(run.rows.map((r) => r.n)).size).toBe(run.rows.length);
  });

  it('sends afterSeq -1 when no rows were held, and uses the token of the latest accepted', () => {
    const { client, socket } = connected();
    const run = acceptedRun(client, socket, 'tok-1');
    let next = dropAndReconnect(socket);
    expect(sentOf(next, 'resume')).toMatchObject([{ afterSeq: -1, resumeToken: 'tok-1' }]);
    next.serverSends({ type: 'accepted', requestId: run.requestId, queryExecutionId: 'qe-1', resumeToken: 'tok-2', resumed: true, message: 'ok' });
    next.serverSends(chunk(run.requestId, 0, rowsFrom(0, 1)));
    next = dropAndReconnect(next);
    expect(sentOf(next, 'resume')).toMatchObject([{ afterSeq: 0, resumeToken: 'tok-2' }]);
  });

  it('waits between reconnect attempts with the backoff while a run waits to resume', () => {
    const { client, socket } = connected();
    const run = acceptedRun(client, socket);
    socket.serverCloses(1006);
    // random 0: no jitter: 100, 200, 400 ms
    for (const delay of [100, 200, 400]) {
      const before = sockets.all.length;
      vi.advanceTimersByTime(delay - 1);
      expect(sockets.all).toHaveLength(before);
      vi.advanceTimersByTime(1);
      expect(sockets.all).toHaveLength(before + 1);
      sockets.last.serverCloses(1006);
    }
    expect(run.interrupted).toBe(true);
    expect(run.status).toBe('accepted');
    vi.advanceTimersByTime(800);
    const next = open(sockets.last);
    expect(sentOf(next, 'resume')).toHaveLength(1);
  });

  it('fails a run that had no queryExecutionId or token at the drop, with a clear message', () => {
    const { client, socket } = connected();
    const early = client.runQuery({});
    const noToken = client.runQuery({});
    socket.serverSends({ type: 'accepted', requestId: noToken.requestId, queryExecutionId: 'qe-2', message: 'ok' });
    const resumable = acceptedRun(client, socket);
    socket.serverCloses(1006);
    expect(early.status).toBe('failed');
    expect(early.error).toEqual({
      code: 'CONNECTION_LOST',
      message: "The connection dropped before the server sent the query's execution id and resume token, so it cannot be resumed. Run it again.",
    });
    expect(noToken.status).toBe('failed');
    expect(noToken.error?.message).toContain('sent no resume token');
    expect(resumable.interrupted).toBe(true);
    const next = dropAndReconnectAfter();
    expect(sentOf(next, 'resume')).toMatchObject([{ queryExecutionId: 'qe-1' }]);
  });

  it.each(['RESULT_EXPIRED', 'INVALID_TOKEN'])('ends the run when the resume gets %s, without retrying', (code) => {
    const { client, socket } = connected();
    const run = acceptedRun(client, socket);
    const next = dropAndReconnect(socket);
    const resume = sentOf(next, 'resume')[0];
    next.serverSends({ type: 'error', requestId: resume?.requestId, code, message: 'Athena no longer holds this query.' });
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe(code);
    expect(run.error?.message).toMatch(/^The query could not be resumed after the connection dropped: .*Run it again\.$/);
    const again = dropAndReconnect(next);
    expect(sentOf(again, 'resume')).toEqual([]);
  });

  it('ends the run when the server sends its error with the query request id', () => {
    const { client, socket } = connected();
    const run = acceptedRun(client, socket);
    const next = dropAndReconnect(socket);
    next.serverSends({ type: 'error', requestId: run.requestId, queryExecutionId: 'qe-1', code: 'RESULT_EXPIRED', message: 'gone' });
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('RESULT_EXPIRED');
  });

  it('a close the client asked for fails the runs instead of resuming them', () => {
    const { client, socket } = connected();
    const run = acceptedRun(client, socket);
    client.setUrl('ws://localhost:8080/dev');
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('CONNECTION_LOST');
    open(sockets.last);
    expect(sentOf(sockets.last, 'resume')).toEqual([]);
  });
});

/** After a drop already happened: waits out the backoff and opens the next socket. */
function dropAndReconnectAfter(): FakeWebSocket {
  vi.runOnlyPendingTimers();
  return open(sockets.last);
}

describe('messages after the final one', () => {
  it('ignores rows, progress and a second final message after the error', () => {
    const { client, socket } = connected();
    const run = acceptedRun(client, socket);
    socket.serverSends(chunk(run.requestId, 0, rowsFrom(0, 2)));
    socket.serverSends({ type: 'error', requestId: run.requestId, queryExecutionId: 'qe-1', code: 'QUERY_CANCELLED', message: 'The query was cancelled.' });
    socket.serverSends(chunk(run.requestId, 1, rowsFrom(2, 2)));
    socket.serverSends({ type: 'progress', requestId: run.requestId, state: 'RUNNING', elapsedMillis: 5 });
    socket.serverSends({ type: 'complete', requestId: run.requestId, rowCount: 4, chunks: 2 });
    expect(run.status).toBe('cancelled');
    expect(run.rows).toHaveLength(2);
    expect(run.progress).toBeUndefined();
    expect(run.complete).toBeUndefined();
  });

  it('ignores an error, progress and rows beyond its chunks after complete', () => {
    const { client, socket } = connected();
    const run = acceptedRun(client, socket);
    socket.serverSends(chunk(run.requestId, 0, rowsFrom(0, 2)));
    socket.serverSends({ type: 'complete', requestId: run.requestId, rowCount: 2, chunks: 1 });
    socket.serverSends({ type: 'error', requestId: run.requestId, code: 'QUERY_CANCELLED', message: 'late' });
    socket.serverSends(chunk(run.requestId, 1, rowsFrom(2, 2)));
    socket.serverSends({ type: 'complete', requestId: run.requestId, rowCount: 4, chunks: 2 });
    expect(run.status).toBe('complete');
    expect(run.error).toBeUndefined();
    expect(run.rows).toHaveLength(2);
    expect(run.complete?.rowCount).toBe(2);
  });
});

describe('cancel', () => {
  it('sends cancel with the execution id and token; QUERY_CANCELLED ends the run as cancelled', () => {
    const { client, socket } = connected();
    const run = client.runQuery({});
    expect(run.hasSession).toBe(false);
    expect(client.cancel(run)).toBe(false);
    socket.serverSends({ type: 'accepted', requestId: run.requestId, queryExecutionId: 'qe-1', resumeToken: 'tok-1', message: 'ok' });
    socket.serverSends(chunk(run.requestId, 0, rowsFrom(0, 2)));
    expect(client.cancel(run)).toBe(true);
    expect(sentOf(socket, 'cancel')).toEqual([
      { action: 'cancel', requestId: expect.any(String), queryExecutionId: 'qe-1', resumeToken: 'tok-1' },
    ]);
    expect(run.cancelRequested).toBe(true);
    // rows in flight still arrive before the final error
    socket.serverSends(chunk(run.requestId, 1, rowsFrom(2, 2)));
    socket.serverSends({ type: 'error', requestId: run.requestId, queryExecutionId: 'qe-1', code: 'QUERY_CANCELLED', message: 'The query was cancelled.' });
    expect(run.status).toBe('cancelled');
    expect(run.finished).toBe(true);
    expect(run.cancelRequested).toBe(false);
    expect(run.rows).toHaveLength(4);
    expect(client.cancel(run)).toBe(false);
  });

  it('QUERY_FINISHED keeps the result of a query that had finished', () => {
    const { client, socket } = connected();
    const run = acceptedRun(client, socket);
    socket.serverSends(chunk(run.requestId, 0, rowsFrom(0, 2)));
    client.cancel(run);
    const cancelId = sentOf(socket, 'cancel')[0]?.requestId;
    socket.serverSends({ type: 'complete', requestId: run.requestId, queryExecutionId: 'qe-1', rowCount: 2, chunks: 1 });
    socket.serverSends({ type: 'error', requestId: cancelId, code: 'QUERY_FINISHED', message: 'The query had already finished.' });
    expect(run.status).toBe('complete');
    expect(run.rows).toHaveLength(2);
    expect(run.cancelRefused?.code).toBe('QUERY_FINISHED');
    expect(run.cancelRequested).toBe(false);
  });

  it('a refused cancel (INVALID_TOKEN) leaves the run running', () => {
    const { client, socket } = connected();
    const run = acceptedRun(client, socket);
    client.cancel(run);
    const cancelId = sentOf(socket, 'cancel')[0]?.requestId;
    socket.serverSends({ type: 'error', requestId: cancelId, code: 'INVALID_TOKEN', message: 'bad token', field: 'resumeToken' });
    expect(run.status).toBe('accepted');
    expect(run.cancelRefused).toEqual({ code: 'INVALID_TOKEN', message: 'bad token', field: 'resumeToken' });
  });

  it('cannot cancel while the connection is down', () => {
    const { client, socket } = connected();
    const run = acceptedRun(client, socket);
    socket.serverCloses(1006);
    expect(client.cancel(run)).toBe(false);
    expect(run.cancelRequested).toBe(false);
  });
});

describe('ping', () => {
  it('pings every 5 minutes while a query runs and stops when none does', () => {
    const { client, socket } = connected();
    const pings = () => sentOf(socket, 'ping').length;
    vi.advanceTimersByTime(2 * PING_INTERVAL_MS);
    expect(pings()).toBe(0);
    const run = acceptedRun(client, socket);
    vi.advanceTimersByTime(PING_INTERVAL_MS - 1);
    expect(pings()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(sentOf(socket, 'ping')).toEqual([{ action: 'ping' }]);
    socket.serverSends({ type: 'pong' });
    vi.advanceTimersByTime(PING_INTERVAL_MS);
    expect(pings()).toBe(2);
    socket.serverSends(chunk(run.requestId, 0, []));
    socket.serverSends({ type: 'complete', requestId: run.requestId, rowCount: 0, chunks: 1 });
    vi.advanceTimersByTime(10 * PING_INTERVAL_MS);
    expect(pings()).toBe(2);
  });

  it('accepts pong silently', () => {
    const { client, socket } = connected();
    const unmatched: unknown[] = [];
    const problems: unknown[] = [];
    client.on('unmatched', (m) => unmatched.push(m));
    client.on('protocolError', (p) => problems.push(p));
    socket.serverSends({ type: 'pong' });
    socket.serverSends({ type: 'pong', requestId: 'x' });
    expect(unmatched).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('stops while the connection is down and starts again on the new one', () => {
    const { client, socket } = connected({ pingIntervalMs: 1000 });
    acceptedRun(client, socket);
    socket.serverCloses(1006);
    vi.advanceTimersByTime(99);
    expect(sentOf(socket, 'ping')).toEqual([]);
    vi.advanceTimersByTime(1);
    const next = open(sockets.last);
    vi.advanceTimersByTime(1000);
    expect(sentOf(next, 'ping')).toHaveLength(1);
  });
});
