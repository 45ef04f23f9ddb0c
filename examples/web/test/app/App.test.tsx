// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App';
import { FakeSockets, type FakeWebSocket } from '../protocol/FakeWebSocket';
import { chunk, CLOUDTRAIL_CATALOG, rowsFrom } from '../protocol/fixtures';
import { byTestId, click, mustGet, render, typeInto } from './render';

/** The page driven through its data-testid attributes, the server played by a fake socket. */
let sockets: FakeSockets;
let page: ReturnType<typeof render>;
const sync = (callback: () => void) => {
  callback();
  return () => {};
};

function server(): FakeWebSocket {
  return sockets.last;
}

function send(message: Parameters<FakeWebSocket['serverSends']>[0]): void {
  act(() => server().serverSends(message));
}

function text(id: string): string {
  return mustGet(page.container, id).textContent ?? '';
}

function lastQuery() {
  const sent = server().sent.filter((m) => m.action === 'query');
  return sent[sent.length - 1];
}

beforeEach(() => {
  vi.useFakeTimers();
  sockets = new FakeSockets();
  page = render(<App initialUrl="ws://localhost:8080/dev" webSocket={sockets.factory} schedule={sync} />);
  expect(mustGet(page.container, 'connection-state').dataset.state).toBe('connecting');
  act(() => server().open());
  send({ type: 'catalog', requestId: server().lastRequestId('listQueries'), queries: CLOUDTRAIL_CATALOG });
});

afterEach(() => {
  page.unmount();
  vi.useRealTimers();
});

function selectQuery(name: string): void {
  typeInto(mustGet(page.container, 'query-select'), name);
}

describe('the web client', () => {
  it('connects, lists the catalog and selects the default query', () => {
    expect(mustGet(page.container, 'connection-state').dataset.state).toBe('open');
    expect(text('connection-state')).toBe('connected');
    const select = mustGet(page.container, 'query-select') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(CLOUDTRAIL_CATALOG.map((q) => q.name));
    expect(select.value).toBe('create-table-events');
    expect(text('query-description')).toContain("The original design's query");
  });

  it('builds a form from the parameter specs with the defaults filled in', () => {
    selectQuery('top-event-names');
    expect((mustGet(page.container, 'param-region') as HTMLInputElement).value).toBe('ap-northeast-1');
    expect((mustGet(page.container, 'param-fromHour') as HTMLInputElement).value).toBe('0');
    selectQuery('errors-by-region');
    const readOnly = mustGet(page.container, 'param-readOnly') as HTMLSelectElement;
    expect(readOnly.tagName).toBe('SELECT');
    expect([...readOnly.options].map((o) => o.value)).toEqual(['true', 'false']);
    expect((mustGet(page.container, 'param-startDate') as HTMLInputElement).value).toBe('');
  });

  it('refuses invalid values before sending, with the server wording', () => {
    selectQuery('top-event-names');
    typeInto(mustGet(page.container, 'param-fromHour'), '24');
    click(mustGet(page.container, 'run-button'));
    const error = mustGet(page.container, 'field-error-fromHour');
    expect(error.textContent).toBe("Invalid parameter 'fromHour': must be <= 23");
    expect(error.dataset.source).toBe('client');
    expect(lastQuery()).toBeUndefined();
    // fixing the value clears the error at once
    typeInto(mustGet(page.container, 'param-fromHour'), '23');
    expect(byTestId(page.container, 'field-error-fromHour')).toBeNull();
    selectQuery('errors-by-region');
    click(mustGet(page.container, 'run-button'));
    expect(text('field-error-startDate')).toBe("Invalid parameter 'startDate': is required");
    expect(text('field-error-endDate')).toBe("Invalid parameter 'endDate': is required");
  });

  it('can skip client validation and then shows the server error next to the field', () => {
    selectQuery('events-by-name');
    typeInto(mustGet(page.container, 'param-eventName'), 'Create Table');
    click(mustGet(page.container, 'skip-validation'));
    click(mustGet(page.container, 'run-button'));
    const sent = lastQuery();
    expect(sent).toMatchObject({
      query: 'events-by-name',
      parameters: { eventName: 'Create Table', region: 'ap-northeast-1', startDate: '2021/08/01', endDate: '2021/09/01' },
    });
    const message = "Invalid parameter 'eventName': must match the pattern [A-Za-z]{1,64}";
    send({ type: 'error', requestId: sent?.requestId, code: 'INVALID_PARAMETER', message, field: 'eventName' });
    const error = mustGet(page.container, 'field-error-eventName');
    expect(error.textContent).toBe(message);
    expect(error.dataset.source).toBe('server');
    expect(error.dataset.code).toBe('INVALID_PARAMETER');
    expect(byTestId(page.container, 'query-error')).toBeNull();
    expect(mustGet(page.container, 'run-status').dataset.status).toBe('failed');
  });

  it('shows an error that names no parameter next to the query', () => {
    click(mustGet(page.container, 'run-button'));
    send({
      type: 'error', requestId: lastQuery()?.requestId, queryExecutionId: 'qe-1', code: 'QUERY_FAILED',
      message: 'The query failed.', athenaErrorCategory: 2, athenaErrorType: 1301, retryable: false,
    });
    const error = mustGet(page.container, 'query-error');
    expect(error.dataset.code).toBe('QUERY_FAILED');
    expect(error.textContent).toBe('QUERY_FAILED The query failed. (Athena error category 2, type 1301, not retryable)');
  });

  it('runs a query: accepted, progress, growing rows, complete and its check', () => {
    click(mustGet(page.container, 'run-button'));
    const sent = lastQuery();
    expect(sent).toEqual({ action: 'query', requestId: sent?.requestId, query: 'create-table-events' });
    const id = sent?.requestId;
    send({ type: 'accepted', requestId: id, queryExecutionId: 'qe-1', message: 'Query accepted; results will follow on this connection.' });
    expect(text('accepted-message')).toBe('Query accepted; results will follow on this connection.');
    send({ type: 'progress', requestId: id, queryExecutionId: 'qe-1', state: 'RUNNING', elapsedMillis: 1500, dataScannedBytes: 2048 });
    expect(mustGet(page.container, 'progress').dataset.state).toBe('RUNNING');
    expect(text('progress')).toBe('RUNNING · 1.50 s elapsed · 2.0 KB scanned');
    for (let seq = 0; seq < 100; seq++) send(chunk(id ?? '', seq, rowsFrom(seq * 1000, 1000)));
    expect(mustGet(page.container, 'row-count').dataset.count).toBe('100000');
    expect(text('row-count')).toBe('100,000 rows');
    expect(page.container.querySelectorAll('[data-testid="result-row"]').length).toBeLessThan(40);
    send({
      type: 'complete', requestId: id, queryExecutionId: 'qe-1', rowCount: 100_000, chunks: 100,
      statistics: { engineExecutionTimeMillis: 812, dataScannedBytes: 10485760, totalExecutionTimeMillis: 1030, queryQueueTimeMillis: 120, reusedPreviousResult: false },
    });
    const stats = mustGet(page.container, 'complete-stats');
    expect(stats.dataset.rowCount).toBe('100000');
    expect(stats.dataset.chunks).toBe('100');
    expect(stats.textContent).toContain('engine 812 ms · total 1.03 s · queued 120 ms · 10.0 MB scanned');
    expect(text('complete-verified')).toContain('seq 0..99 contiguous, row count matches');
    expect(mustGet(page.container, 'run-status').dataset.status).toBe('complete');
    expect(byTestId(page.container, 'seq-gap-warning')).toBeNull();
  });

  it('asks for a link when ticked and offers the file with its size and expiry', () => {
    vi.setSystemTime(Date.parse('2024-05-01T12:00:00Z'));
    click(mustGet(page.container, 'delivery-link'));
    click(mustGet(page.container, 'run-button'));
    const sent = lastQuery();
    expect(sent).toEqual({ action: 'query', requestId: sent?.requestId, query: 'create-table-events', delivery: 'link' });
    const id = sent?.requestId;
    const url = 'https://results.s3.amazonaws.com/qe-1.csv?X-Amz-Expires=900&X-Amz-Signature=abc';
    send({ type: 'accepted', requestId: id, queryExecutionId: 'qe-1', message: 'ok' });
    send({ type: 'download', requestId: id, queryExecutionId: 'qe-1', url, expiresAt: '2024-05-01T12:15:00Z', contentType: 'text/csv', bytes: 48213377 });
    const link = mustGet(page.container, 'download-link') as HTMLAnchorElement;
    expect(link.href).toBe(url);
    expect(link.textContent).toBe('Download CSV');
    expect(link.hasAttribute('download')).toBe(true);
    expect(text('download')).toBe('Download CSV · 46.0 MB · link expires 2024-05-01 12:15:00 UTC (in 15 min)');
    send({ type: 'complete', requestId: id, queryExecutionId: 'qe-1', rowCount: 0, chunks: 0, statistics: {} });
    expect(mustGet(page.container, 'run-status').dataset.status).toBe('complete');
    expect(text('complete-verified')).toContain('delivered as a file');
    expect(page.container.querySelectorAll('[data-testid="result-row"]').length).toBe(0);
  });

  it('asks for rows unless ticked', () => {
    click(mustGet(page.container, 'run-button'));
    expect(lastQuery()?.delivery).toBeUndefined();
    expect(byTestId(page.container, 'download')).toBeNull();
  });

  it('says so when a chunk is missing', () => {
    click(mustGet(page.container, 'run-button'));
    const id = lastQuery()?.requestId ?? '';
    send(chunk(id, 0, rowsFrom(0, 2)));
    send(chunk(id, 2, rowsFrom(4, 2)));
    send({ type: 'complete', requestId: id, rowCount: 6, chunks: 3 });
    expect(byTestId(page.container, 'seq-gap-warning')).toBeNull();
    act(() => vi.advanceTimersByTime(1500));
    const warning = mustGet(page.container, 'seq-gap-warning');
    expect(warning.dataset.missing).toBe('1');
    expect(warning.textContent).toBe('Gap in the result: chunk with seq 1 never arrived (of 3). The rows shown are incomplete.');
    expect(mustGet(page.container, 'run-status').dataset.status).toBe('incomplete');
    expect(byTestId(page.container, 'complete-verified')).toBeNull();
  });

  it('shows the reconnect state and fails the run in flight', () => {
    click(mustGet(page.container, 'run-button'));
    act(() => server().serverCloses(1006));
    expect(mustGet(page.container, 'connection-state').dataset.state).toBe('reconnecting');
    expect(text('connection-detail')).toMatch(/^attempt 1, next in \d+ ms · closed with code 1006$/);
    expect(mustGet(page.container, 'run-status').dataset.status).toBe('failed');
    expect(mustGet(page.container, 'query-error').dataset.code).toBe('CONNECTION_LOST');
    expect((mustGet(page.container, 'run-button') as HTMLButtonElement).disabled).toBe(true);
  });

  it('cancel: disabled with a reason until the token is known, then sends cancel and shows Cancelled', () => {
    click(mustGet(page.container, 'run-button'));
    const id = lastQuery()?.requestId;
    const button = () => mustGet(page.container, 'cancel-button') as HTMLButtonElement;
    expect(button().disabled).toBe(true);
    expect(button().title).toBe('Waiting for the server to accept the query: a cancel needs its execution id and token.');
    send({ type: 'accepted', requestId: id, queryExecutionId: 'qe-1', resumeToken: 'tok-1', message: 'ok' });
    expect(button().disabled).toBe(false);
    click(button());
    expect(server().sent.filter((m) => m.action === 'cancel')).toMatchObject([{ queryExecutionId: 'qe-1', resumeToken: 'tok-1' }]);
    expect(button().disabled).toBe(true);
    expect(button().textContent).toBe('Cancelling…');
    send({ type: 'error', requestId: id, queryExecutionId: 'qe-1', code: 'QUERY_CANCELLED', message: 'The query was cancelled.' });
    expect(mustGet(page.container, 'run-status').dataset.status).toBe('cancelled');
    expect(text('run-status')).toBe('Cancelled');
    expect(byTestId(page.container, 'cancel-button')).toBeNull();
    expect(byTestId(page.container, 'query-error')).toBeNull();
  });

  it('says when a cancel came too late and keeps the result', () => {
    click(mustGet(page.container, 'run-button'));
    const id = lastQuery()?.requestId;
    send({ type: 'accepted', requestId: id, queryExecutionId: 'qe-1', resumeToken: 'tok-1', message: 'ok' });
    send(chunk(id ?? '', 0, rowsFrom(0, 3)));
    click(mustGet(page.container, 'cancel-button'));
    const cancelId = server().lastRequestId('cancel');
    send({ type: 'complete', requestId: id, queryExecutionId: 'qe-1', rowCount: 3, chunks: 1 });
    send({ type: 'error', requestId: cancelId, code: 'QUERY_FINISHED', message: 'The query had already finished.' });
    expect(mustGet(page.container, 'run-status').dataset.status).toBe('complete');
    expect(text('cancel-refused')).toBe('The query had already finished when the cancel arrived; its result is kept.');
    expect(mustGet(page.container, 'row-count').dataset.count).toBe('3');
  });

  it('shows a dropped run waiting, the reconnect state, then that it resumed', () => {
    click(mustGet(page.container, 'run-button'));
    const id = lastQuery()?.requestId ?? '';
    send({ type: 'accepted', requestId: id, queryExecutionId: 'qe-1', resumeToken: 'tok-1', message: 'ok' });
    for (const seq of [0, 1]) send(chunk(id, seq, rowsFrom(seq * 2, 2)));
    act(() => server().serverCloses(1006));
    expect(mustGet(page.container, 'connection-state').dataset.state).toBe('reconnecting');
    expect(text('connection-detail')).toMatch(/^attempt 1, next in \d+ ms · the running query resumes once connected · closed with code 1006$/);
    expect(mustGet(page.container, 'run-status').dataset.status).toBe('running');
    expect(mustGet(page.container, 'run-interrupted').dataset.heldSeq).toBe('1');
    expect((mustGet(page.container, 'cancel-button') as HTMLButtonElement).title).toBe(
      'Not connected: a cancel can be sent once the connection is back.',
    );
    act(() => vi.runOnlyPendingTimers());
    act(() => server().open());
    expect(server().sent.filter((m) => m.action === 'resume')).toMatchObject([{ afterSeq: 1 }]);
    send({ type: 'accepted', requestId: id, queryExecutionId: 'qe-1', resumeToken: 'tok-2', resumed: true, message: 'Resumed' });
    expect(byTestId(page.container, 'run-interrupted')).toBeNull();
    expect(text('run-resumed')).toBe('Reconnected, resumed at seq 2.');
    send(chunk(id, 1, rowsFrom(2, 2)));
    send(chunk(id, 2, rowsFrom(4, 2)));
    send({ type: 'complete', requestId: id, queryExecutionId: 'qe-1', rowCount: 6, chunks: 3 });
    expect(mustGet(page.container, 'run-status').dataset.status).toBe('complete');
    expect(mustGet(page.container, 'row-count').dataset.count).toBe('6');
  });

  it('connects to another URL from the field and refuses a non-WebSocket URL', () => {
    typeInto(mustGet(page.container, 'ws-url'), 'http://example.test/dev');
    click(mustGet(page.container, 'ws-connect'));
    expect(text('ws-url-error')).toBe('The URL must start with ws:// or wss://, not http://');
    typeInto(mustGet(page.container, 'ws-url'), 'ws://127.0.0.1:9999/stage');
    click(mustGet(page.container, 'ws-connect'));
    expect(server().url).toBe('ws://127.0.0.1:9999/stage');
    expect(mustGet(page.container, 'connection-state').dataset.state).toBe('connecting');
  });
});
