import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AthenaWsClient, type ConnectionStatus, type QueryRun, type ServerMessage } from '../../src/protocol';
import { FakeSockets, type FakeWebSocket } from './FakeWebSocket';
import { chunk, CLOUDTRAIL_CATALOG, rowsFrom } from './fixtures';

let sockets: FakeSockets;

function newClient(extra: Partial<ConstructorParameters<typeof AthenaWsClient>[0]> = {}) {
  return new AthenaWsClient({
    url: 'ws://localhost:8080/dev',
    webSocket: sockets.factory,
    random: () => 0,
    requestIdPrefix: 't-',
    ...extra,
  });
}

/** A connected client that has received the catalog. */
function connected(extra = {}): { client: AthenaWsClient; socket: FakeWebSocket } {
  const client = newClient(extra);
  client.connect();
  const socket = sockets.last;
  socket.open();
  socket.serverSends({ type: 'catalog', requestId: socket.lastRequestId('listQueries'), queries: CLOUDTRAIL_CATALOG });
  return { client, socket };
}

beforeEach(() => {
  sockets = new FakeSockets();
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('connecting', () => {
  it('asks for the catalog on open and reports it', () => {
    const client = newClient();
    const states: string[] = [];
    client.on('status', (s) => states.push(s.state));
    const catalogs: unknown[] = [];
    client.on('catalog', (c) => catalogs.push(c));
    client.connect();
    expect(sockets.last.url).toBe('ws://localhost:8080/dev');
    sockets.last.open();
    expect(sockets.last.sent).toEqual([{ action: 'listQueries', requestId: 't-1' }]);
    sockets.last.serverSends({ type: 'catalog', requestId: 't-1', queries: CLOUDTRAIL_CATALOG });
    expect(catalogs).toEqual([CLOUDTRAIL_CATALOG]);
    expect(client.catalog).toEqual(CLOUDTRAIL_CATALOG);
    expect(states).toEqual(['connecting', 'open']);
    expect(client.status).toEqual({ state: 'open', url: 'ws://localhost:8080/dev', attempt: 0 });
  });

  it('reports an error answering listQueries as catalogError', () => {
    const client = newClient();
    const errors: unknown[] = [];
    client.on('catalogError', (e) => errors.push(e.code));
    client.connect();
    sockets.last.open();
    sockets.last.serverSends({ type: 'error', requestId: 't-1', code: 'INTERNAL', message: 'Internal error.' });
    expect(errors).toEqual(['INTERNAL']);
    expect(client.catalog).toBeUndefined();
  });

  it('asks for the catalog again when no answer comes, then reports NO_RESPONSE', () => {
    const client = newClient({ catalogTimeoutMs: 1000, catalogRetries: 2 });
    const errors: string[] = [];
    client.on('catalogError', (e) => errors.push(`${e.code}: ${e.message}`));
    client.connect();
    sockets.last.open();
    vi.advanceTimersByTime(999);
    expect(sockets.last.sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    vi.advanceTimersByTime(1000);
    expect(sockets.last.sent.map((m) => m.action)).toEqual(['listQueries', 'listQueries', 'listQueries']);
    vi.advanceTimersByTime(1000);
    expect(errors).toEqual(['NO_RESPONSE: The server did not answer listQueries (asked 3 times).']);
    vi.advanceTimersByTime(10_000);
    expect(sockets.last.sent).toHaveLength(3);
  });

  it('stops asking once the catalog arrives (an answer to any of the requests)', () => {
    const client = newClient({ catalogTimeoutMs: 1000 });
    client.connect();
    sockets.last.open();
    vi.advanceTimersByTime(1000);
    sockets.last.serverSends({ type: 'catalog', requestId: 't-1', queries: CLOUDTRAIL_CATALOG });
    vi.advanceTimersByTime(10_000);
    expect(sockets.last.sent).toHaveLength(2);
    expect(client.catalog).toHaveLength(4);
  });

  it('an invalid URL closes at once with the reason and does not retry', () => {
    const client = newClient({
      webSocket: () => {
        throw new SyntaxError("The URL 'nope' is invalid.");
      },
    });
    client.connect();
    expect(client.status.state).toBe('closed');
    expect(client.status.lastError).toBe("Cannot connect to ws://localhost:8080/dev: The URL 'nope' is invalid.");
    vi.advanceTimersByTime(60_000);
    expect(client.status.state).toBe('closed');
  });
});

describe('reconnecting', () => {
  it('retries with exponential backoff and jitter, then resets after an open', () => {
    let r = 0.5;
    const client = newClient({
      random: () => r,
      backoff: { baseMs: 100, maxMs: 1000, multiplier: 2, jitter: 0.5 },
    });
    const statuses: ConnectionStatus[] = [];
    client.on('status', (s) => statuses.push(s));
    client.connect();
    sockets.last.serverCloses(1006);
    // attempt 0: 100 * (1 - 0.5 * 0.5) = 75
    expect(client.status).toMatchObject({ state: 'reconnecting', attempt: 1, retryInMs: 75, lastError: 'closed with code 1006' });
    vi.advanceTimersByTime(74);
    expect(sockets.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets.all).toHaveLength(2);
    expect(client.status.state).toBe('connecting');

    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      sockets.last.serverCloses(1006);
      delays.push(client.status.retryInMs ?? -1);
      vi.advanceTimersByTime(client.status.retryInMs ?? 0);
    }
    // 200, 400, 800, 1000 (cap), 1000, each * 0.75
    expect(delays).toEqual([150, 300, 600, 750, 750]);
    expect(sockets.all).toHaveLength(7);

    r = 0;
    sockets.last.open();
    expect(client.status).toEqual({ state: 'open', url: 'ws://localhost:8080/dev', attempt: 0 });
    sockets.last.serverCloses(1001, 'Going away');
    expect(client.status).toMatchObject({ attempt: 1, retryInMs: 100, lastError: 'closed with code 1001: Going away' });
    expect(statuses.filter((s) => s.state === 'open')).toHaveLength(1);
  });

  it('asks for the catalog again after reconnecting', () => {
    const { socket } = connected();
    socket.serverCloses();
    vi.runOnlyPendingTimers();
    const next = sockets.last;
    expect(next).not.toBe(socket);
    next.open();
    expect(next.sent).toEqual([{ action: 'listQueries', requestId: 't-2' }]);
  });

  it('close() stops reconnecting and closes the socket cleanly', () => {
    const { client, socket } = connected();
    socket.serverCloses();
    client.close();
    vi.advanceTimersByTime(120_000);
    expect(sockets.all).toHaveLength(1);
    expect(client.status.state).toBe('closed');

    const other = connected();
    other.client.close();
    expect(other.socket.closedByClient).toEqual({ code: 1000, reason: 'client closed' });
    other.socket.serverCloses();
    vi.advanceTimersByTime(120_000);
    expect(sockets.all).toHaveLength(2);
  });

  it('setUrl reconnects to the new URL at once', () => {
    const { client, socket } = connected();
    client.setUrl('ws://other:9000/stage');
    expect(socket.closedByClient?.code).toBe(1000);
    expect(sockets.last.url).toBe('ws://other:9000/stage');
    expect(client.status).toMatchObject({ state: 'connecting', url: 'ws://other:9000/stage' });
  });
});

describe('a query run', () => {
  it('sends the request with a request id and follows accepted, progress, rows and complete', () => {
    const { client, socket } = connected();
    const changes: string[] = [];
    client.on('run', (r) => changes.push(r.status));
    const run = client.runQuery({ query: 'top-event-names', parameters: { fromHour: 3, region: undefined } });
    expect(socket.sent[1]).toEqual({ action: 'query', requestId: 't-2', query: 'top-event-names', parameters: { fromHour: 3 } });
    expect(run.status).toBe('sending');
    socket.serverSends({ type: 'accepted', requestId: 't-2', queryExecutionId: 'qe-1', message: 'Query accepted' });
    expect(run.status).toBe('accepted');
    expect(run.queryExecutionId).toBe('qe-1');
    expect(run.accepted?.message).toBe('Query accepted');
    socket.serverSends({ type: 'progress', requestId: 't-2', queryExecutionId: 'qe-1', state: 'RUNNING', elapsedMillis: 1500, dataScannedBytes: 2048 });
    expect(run.status).toBe('running');
    expect(run.progress).toMatchObject({ state: 'RUNNING', elapsedMillis: 1500, dataScannedBytes: 2048 });
    socket.serverSends(chunk('t-2', 0, rowsFrom(0, 3)));
    socket.serverSends(chunk('t-2', 1, rowsFrom(3, 2)));
    socket.serverSends({ type: 'complete', requestId: 't-2', queryExecutionId: 'qe-1', rowCount: 5, chunks: 2, statistics: { engineExecutionTimeMillis: 812 } });
    expect(run.status).toBe('complete');
    expect(run.rows.map((r) => r.n)).toEqual([0, 1, 2, 3, 4]);
    expect(run.columns?.map((c) => c.name)).toEqual(['eventname', 'n']);
    expect(run.rowCountMatches).toBe(true);
    expect(run.missingSeqs).toEqual([]);
    expect(run.complete?.statistics?.engineExecutionTimeMillis).toBe(812);
    expect(changes).toEqual(['sending', 'accepted', 'running', 'running', 'running', 'complete']);
  });

  it('omits query and parameters when none are given (the default query)', () => {
    const { client, socket } = connected();
    client.runQuery();
    expect(socket.sent[1]).toEqual({ action: 'query', requestId: 't-2' });
  });

  it('routes replies by request id and reports messages of no known request as unmatched', () => {
    const { client, socket } = connected();
    const a = client.runQuery({ query: 'create-table-events' });
    const b = client.runQuery({ query: 'create-table-events' });
    const unmatched: ServerMessage[] = [];
    client.on('unmatched', (m) => unmatched.push(m));
    socket.serverSends(chunk(b.requestId, 0, rowsFrom(0, 2)));
    socket.serverSends(chunk(a.requestId, 0, rowsFrom(10, 1)));
    socket.serverSends(chunk('someone-else', 0, rowsFrom(0, 1)));
    socket.serverSends({ type: 'error', code: 'BAD_REQUEST', message: 'The message is not JSON.' });
    expect(a.rows.map((r) => r.n)).toEqual([10]);
    expect(b.rows.map((r) => r.n)).toEqual([0, 1]);
    expect(unmatched.map((m) => m.type)).toEqual(['rows', 'error']);
  });

  it('keeps the server error with its code, field and Athena details', () => {
    const { client, socket } = connected();
    const run = client.runQuery({ query: 'events-by-name', parameters: { eventName: 'Create Table' } });
    socket.serverSends({
      type: 'error',
      requestId: run.requestId,
      code: 'INVALID_PARAMETER',
      message: "Invalid parameter 'eventName': must match the pattern [A-Za-z]{1,64}",
      field: 'eventName',
    });
    expect(run.status).toBe('failed');
    expect(run.error).toEqual({
      code: 'INVALID_PARAMETER',
      message: "Invalid parameter 'eventName': must match the pattern [A-Za-z]{1,64}",
      field: 'eventName',
    });

    const failed = client.runQuery({ query: 'create-table-events' });
    socket.serverSends({ type: 'accepted', requestId: failed.requestId, queryExecutionId: 'qe-9', message: 'ok' });
    socket.serverSends(chunk(failed.requestId, 0, rowsFrom(0, 2)));
    socket.serverSends({
      type: 'error', requestId: failed.requestId, queryExecutionId: 'qe-9', code: 'QUERY_FAILED',
      message: 'The query failed.', athenaErrorCategory: 2, athenaErrorType: 1301, retryable: false,
    });
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual({
      code: 'QUERY_FAILED', message: 'The query failed.', athenaErrorCategory: 2, athenaErrorType: 1301, retryable: false,
    });
    expect(failed.rows).toHaveLength(2);
    // nothing more is accepted for a failed request
    socket.serverSends({ type: 'complete', requestId: failed.requestId, rowCount: 2, chunks: 1 });
    expect(failed.status).toBe('failed');
    expect(failed.complete).toBeUndefined();
  });

  it('fails with NO_RESPONSE when the server never answers the request', () => {
    const { client } = connected({ responseTimeoutMs: 30_000 });
    const run = client.runQuery({});
    vi.advanceTimersByTime(29_999);
    expect(run.status).toBe('sending');
    vi.advanceTimersByTime(1);
    expect(run.status).toBe('failed');
    expect(run.error).toEqual({
      code: 'NO_RESPONSE',
      message: 'No answer from the server within 30 s; the request may have been lost. Run it again.',
    });
  });

  it('any reply stops the response timeout, however long the query then runs', () => {
    const { client, socket } = connected({ responseTimeoutMs: 1000 });
    const run = client.runQuery({});
    socket.serverSends({ type: 'accepted', requestId: run.requestId, message: 'ok' });
    vi.advanceTimersByTime(600_000);
    expect(run.status).toBe('accepted');
  });

  it('fails at once when not connected', () => {
    const client = newClient();
    const run = client.runQuery({ query: 'x' });
    expect(run.status).toBe('failed');
    expect(run.error).toEqual({ code: 'NOT_CONNECTED', message: 'Not connected to the server.' });
  });

  it('fails runs in flight when the connection drops; finished runs stay as they were', () => {
    const { client, socket } = connected();
    const done = client.runQuery({});
    socket.serverSends(chunk(done.requestId, 0, []));
    socket.serverSends({ type: 'complete', requestId: done.requestId, rowCount: 0, chunks: 1 });
    const pending = client.runQuery({});
    socket.serverCloses(1006);
    expect(pending.status).toBe('failed');
    expect(pending.error?.code).toBe('CONNECTION_LOST');
    expect(done.status).toBe('complete');
  });

  it('keeps only the newest finished runs', () => {
    const { client, socket } = connected({ retainedRuns: 2 });
    const runs: QueryRun[] = [];
    for (let i = 0; i < 4; i++) {
      const run = client.runQuery({});
      socket.serverSends({ type: 'error', requestId: run.requestId, code: 'TIMEOUT', message: 't' });
      runs.push(run);
    }
    expect(runs.map((r) => client.run(r.requestId) !== undefined)).toEqual([false, false, true, true]);
  });
});

describe('seq gaps', () => {
  it('orders chunks posted several at a time by seq, rendering only the contiguous prefix', () => {
    // The server posts up to N rows messages at once (docs/protocol.md): here two windows of four,
    // each arriving newest first, then complete.
    const { client, socket } = connected({ gapGraceMs: 1000 });
    const run = client.runQuery({});
    const prefixes: number[] = [];
    client.on('run', (r) => prefixes.push(r.rows.length));
    for (const seq of [3, 2, 1]) socket.serverSends(chunk(run.requestId, seq, rowsFrom(seq * 2, 2)));
    expect(run.rows).toEqual([]);
    expect(run.columns).toBeUndefined();
    socket.serverSends(chunk(run.requestId, 0, rowsFrom(0, 2)));
    expect(run.rows.map((r) => r.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(run.columns?.map((c) => c.name)).toEqual(['eventname', 'n']);
    for (const seq of [7, 6]) socket.serverSends(chunk(run.requestId, seq, rowsFrom(seq * 2, 2)));
    expect(run.rows).toHaveLength(8);
    for (const seq of [5, 4]) socket.serverSends(chunk(run.requestId, seq, rowsFrom(seq * 2, 2)));
    socket.serverSends({ type: 'complete', requestId: run.requestId, rowCount: 16, chunks: 8 });
    expect(run.status).toBe('complete');
    expect(run.rows.map((r) => r.n)).toEqual(rowsFrom(0, 16).map((r) => r.n));
    expect(run.missingSeqs).toEqual([]);
    // What a view saw grew only by whole contiguous prefixes.
    expect(prefixes.filter((n, i) => i === 0 || n !== prefixes[i - 1])).toEqual([0, 8, 16]);
  });

  it('waits for an out-of-order chunk and completes when it arrives in time', () => {
    const { client, socket } = connected({ gapGraceMs: 1000 });
    const run = client.runQuery({});
    socket.serverSends(chunk(run.requestId, 0, rowsFrom(0, 2)));
    socket.serverSends(chunk(run.requestId, 2, rowsFrom(4, 2)));
    socket.serverSends({ type: 'complete', requestId: run.requestId, rowCount: 6, chunks: 3 });
    expect(run.status).toBe('running');
    vi.advanceTimersByTime(999);
    socket.serverSends(chunk(run.requestId, 1, rowsFrom(2, 2)));
    expect(run.status).toBe('complete');
    expect(run.rows.map((r) => r.n)).toEqual([0, 1, 2, 3, 4, 5]);
    vi.advanceTimersByTime(5000);
    expect(run.status).toBe('complete');
    expect(run.missingSeqs).toEqual([]);
  });

  it('reports a gap when a chunk never arrives and ends incomplete', () => {
    const { client, socket } = connected({ gapGraceMs: 1000 });
    const run = client.runQuery({});
    const seen: string[] = [];
    client.on('run', (r) => seen.push(`${r.status}:${r.missingSeqs.join(',')}`));
    socket.serverSends(chunk(run.requestId, 0, rowsFrom(0, 2)));
    socket.serverSends(chunk(run.requestId, 2, rowsFrom(4, 2)));
    socket.serverSends({ type: 'complete', requestId: run.requestId, rowCount: 8, chunks: 4 });
    vi.advanceTimersByTime(1000);
    expect(run.status).toBe('incomplete');
    expect(run.missingSeqs).toEqual([1, 3]);
    expect(run.rows.map((r) => r.n)).toEqual([0, 1, 4, 5]);
    expect(run.rowCountMatches).toBe(false);
    expect(seen[seen.length - 1]).toBe('incomplete:1,3');
    // a straggler is still taken, but the result stays incomplete while seq 3 is missing
    socket.serverSends(chunk(run.requestId, 1, rowsFrom(2, 2)));
    expect(run.missingSeqs).toEqual([3]);
    expect(run.status).toBe('incomplete');
    socket.serverSends(chunk(run.requestId, 3, rowsFrom(6, 2)));
    expect(run.status).toBe('complete');
  });

  it('reports a gap during streaming, before complete', () => {
    const { client, socket } = connected({ gapGraceMs: 500 });
    const run = client.runQuery({});
    socket.serverSends(chunk(run.requestId, 0, rowsFrom(0, 1)));
    socket.serverSends(chunk(run.requestId, 1, rowsFrom(1, 1)));
    socket.serverSends(chunk(run.requestId, 3, rowsFrom(3, 1)));
    vi.advanceTimersByTime(500);
    expect(run.status).toBe('running');
    expect(run.missingSeqs).toEqual([2]);
    expect(run.rows.map((r) => r.n)).toEqual([0, 1, 3]);
    socket.serverSends(chunk(run.requestId, 4, rowsFrom(4, 1)));
    socket.serverSends({ type: 'complete', requestId: run.requestId, rowCount: 5, chunks: 5 });
    expect(run.status).toBe('incomplete');
    expect(run.missingSeqs).toEqual([2]);
  });

  it('flags a row count that does not match complete even when seq is contiguous', () => {
    const { client, socket } = connected();
    const run = client.runQuery({});
    socket.serverSends(chunk(run.requestId, 0, rowsFrom(0, 2)));
    socket.serverSends({ type: 'complete', requestId: run.requestId, rowCount: 3, chunks: 1 });
    expect(run.status).toBe('incomplete');
    expect(run.missingSeqs).toEqual([]);
    expect(run.rowCountMatches).toBe(false);
  });

  it('ignores duplicate chunks', () => {
    const { client, socket } = connected();
    const run = client.runQuery({});
    socket.serverSends(chunk(run.requestId, 0, rowsFrom(0, 2)));
    socket.serverSends(chunk(run.requestId, 0, rowsFrom(0, 2)));
    socket.serverSends({ type: 'complete', requestId: run.requestId, rowCount: 2, chunks: 1 });
    expect(run.status).toBe('complete');
    expect(run.result.duplicates).toBe(1);
  });
});

describe('invalid frames', () => {
  it('reports frames that are not protocol messages and ignores unknown types', () => {
    const { client, socket } = connected();
    const problems: string[] = [];
    client.on('protocolError', (p) => problems.push(p.reason));
    const messages: string[] = [];
    client.on('message', (m) => messages.push(m.type));
    socket.serverSends('not json');
    socket.serverSends('{"type":"rows","seq":-1,"results":[]}');
    socket.serverSends('{"type":"futureThing","x":1}');
    socket.onmessage?.({ data: new ArrayBuffer(2) });
    expect(problems).toEqual([
      'not JSON',
      'rows: field "seq" is missing or has the wrong type',
      'binary frame',
    ]);
    expect(messages).toEqual([]);
  });
});

describe('asking for a link', () => {
  it('sends delivery link only when asked', () => {
    const { client, socket } = connected();
    client.runQuery({ query: 'events-by-name' });
    client.runQuery({ query: 'events-by-name', delivery: 'link' });
    client.runQuery({ query: 'events-by-name', delivery: 'rows' });
    const queries = socket.sent.filter((m) => m.action === 'query');
    expect(queries.map((m) => m.delivery)).toEqual([undefined, 'link', undefined]);
  });

  it('a run with a download and a complete of no rows is complete', () => {
    const { client, socket } = connected();
    const run = client.runQuery({ query: 'events-by-name', delivery: 'link' });
    socket.serverSends({ type: 'accepted', requestId: run.requestId, queryExecutionId: 'qe-1', message: 'ok' });
    socket.serverSends({
      type: 'download',
      requestId: run.requestId,
      queryExecutionId: 'qe-1',
      url: 'https://results.s3.amazonaws.com/q.csv?X-Amz-Signature=abc',
      expiresAt: '2024-05-01T12:15:00Z',
      contentType: 'text/csv',
      bytes: 1536,
    });
    expect(run.download?.url).toBe('https://results.s3.amazonaws.com/q.csv?X-Amz-Signature=abc');
    expect(run.download?.bytes).toBe(1536);
    expect(run.status).toBe('running');
    socket.serverSends({ type: 'complete', requestId: run.requestId, queryExecutionId: 'qe-1', rowCount: 0, chunks: 0 });
    expect(run.status).toBe('complete');
    expect(run.rows).toEqual([]);
  });
});
