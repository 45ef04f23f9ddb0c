import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AthenaWsClient, parseServerMessage } from '../../src/protocol';
import { formatExpiry } from '../../src/app/format';
import { FakeSockets, type FakeWebSocket } from './FakeWebSocket';
import { CLOUDTRAIL_CATALOG } from './fixtures';

const URL = 'https://results.s3.amazonaws.com/q.csv?X-Amz-Expires=900&X-Amz-Signature=abc';
const download = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'download',
    requestId: 't-2',
    queryExecutionId: 'qe-1',
    url: URL,
    expiresAt: '2024-05-01T12:15:00Z',
    contentType: 'text/csv',
    bytes: 1536,
    ...extra,
  });

let sockets: FakeSockets;

function connected(): { client: AthenaWsClient; socket: FakeWebSocket } {
  const client = new AthenaWsClient({
    url: 'ws://localhost:8080/dev',
    webSocket: sockets.factory,
    random: () => 0,
    requestIdPrefix: 't-',
  });
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

describe('the download message', () => {
  it('is read with its fields, bytes optional', () => {
    expect(parseServerMessage(download())).toEqual({ kind: 'message', message: JSON.parse(download()) });
    expect(parseServerMessage(download({ bytes: undefined })).kind).toBe('message');
  });

  it.each([
    ['no url', { url: undefined }],
    ['a url that is not http(s)', { url: 'javascript:alert(1)' }],
    ['an expiry that is not a date', { expiresAt: 'soon' }],
    ['no content type', { contentType: undefined }],
    ['a negative size', { bytes: -1 }],
    ['a fractional size', { bytes: 1.5 }],
  ])('is refused with %s', (_why, extra) => {
    expect(parseServerMessage(download(extra)).kind).toBe('invalid');
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
    socket.serverSends(download({ requestId: run.requestId }));
    expect(run.download?.url).toBe(URL);
    expect(run.download?.bytes).toBe(1536);
    expect(run.status).toBe('running');
    socket.serverSends({ type: 'complete', requestId: run.requestId, queryExecutionId: 'qe-1', rowCount: 0, chunks: 0 });
    expect(run.status).toBe('complete');
    expect(run.rows).toEqual([]);
  });
});

describe('formatExpiry', () => {
  const at = '2024-05-01T12:15:00Z';
  const ms = Date.parse(at);
  it.each([
    [ms - 15 * 60_000, '2024-05-01 12:15:00 UTC (in 15 min)'],
    [ms - 30_000, '2024-05-01 12:15:00 UTC (in 30 s)'],
    [ms - 3 * 3600_000, '2024-05-01 12:15:00 UTC (in 3 h)'],
    [ms, '2024-05-01 12:15:00 UTC (expired)'],
    [ms + 1, '2024-05-01 12:15:00 UTC (expired)'],
  ])('at %d says %s', (now, expected) => {
    expect(formatExpiry(at, now)).toBe(expected);
  });

  it('shows an unreadable expiry as it came', () => {
    expect(formatExpiry('later', 0)).toBe('later');
  });
});
