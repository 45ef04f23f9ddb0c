// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { RowsProgress } from '../../src/app/RowsProgress';
import { QueryRun, type Timers } from '../../src/protocol';
import { parseServerMessage } from '../../src/protocol/parse';
import { chunk, rowsFrom } from '../protocol/fixtures';
import { byTestId, mustGet, render } from './render';

/** A clock the test moves by hand; no timer ever fires. */
function manualTimers(): Timers & { advance(ms: number): void } {
  let now = 1_000_000;
  return {
    setTimeout: () => 0,
    clearTimeout: () => {},
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

let page: ReturnType<typeof render> | undefined;
afterEach(() => page?.unmount());

function setUp() {
  const timers = manualTimers();
  const run = new QueryRun('r1', 'q', {}, { timers, gapGraceMs: 1000, responseTimeoutMs: 0, onChange: () => {} });
  page = render(<RowsProgress run={run} />);
  const rerender = () => act(() => page?.root.render(<RowsProgress run={run} />));
  return { run, timers, rerender, container: page.container };
}

describe('the rows progress bar', () => {
  it('shows rows received against the known total, and rows/s', () => {
    const { run, timers, rerender, container } = setUp();
    run.handle({ type: 'progress', requestId: 'r1', state: 'SUCCEEDED', elapsedMillis: 900, totalRows: 4000 });
    rerender();
    expect(mustGet(container, 'rows-progress').dataset.total).toBe('4000');
    expect(mustGet(container, 'rows-progress-text').textContent).toBe('0 of 4,000 rows received');

    run.handle(chunk('r1', 0, rowsFrom(0, 1000)));
    timers.advance(500);
    run.handle(chunk('r1', 1, rowsFrom(1000, 1000)));
    rerender();

    const bar = mustGet(container, 'rows-progress-bar') as HTMLProgressElement;
    expect(bar.value).toBe(2000);
    expect(bar.max).toBe(4000);
    // 2,000 rows over the 0.5 s between the first and the latest message.
    expect(mustGet(container, 'rows-progress-text').textContent).toBe('2,000 of 4,000 rows received · 4,000 rows/s');
  });

  it('without a total still shows rows received and rows/s, and no bar', () => {
    const { run, timers, rerender, container } = setUp();
    run.handle(chunk('r1', 0, rowsFrom(0, 300)));
    rerender();
    expect(mustGet(container, 'rows-progress-text').textContent).toBe('300 rows received');

    timers.advance(1000);
    run.handle(chunk('r1', 1, rowsFrom(300, 300)));
    rerender();

    expect(byTestId(container, 'rows-progress-bar')).toBeNull();
    expect(mustGet(container, 'rows-progress').dataset.total).toBe('');
    expect(mustGet(container, 'rows-progress-text').textContent).toBe('600 rows received · 600 rows/s');
  });

  it('is gone once the run is complete', () => {
    const { run, rerender, container } = setUp();
    run.handle(chunk('r1', 0, rowsFrom(0, 2)));
    run.handle({ type: 'complete', requestId: 'r1', rowCount: 2, chunks: 1 });
    rerender();
    expect(byTestId(container, 'rows-progress')).toBeNull();
  });

  it('refuses a progress whose totalRows is not a count', () => {
    const bad = '{"type":"progress","state":"SUCCEEDED","elapsedMillis":1,"totalRows":-1}';
    expect(parseServerMessage(bad).kind).toBe('invalid');
    const good = '{"type":"progress","state":"SUCCEEDED","elapsedMillis":1,"totalRows":12}';
    expect(parseServerMessage(good)).toMatchObject({ kind: 'message', message: { totalRows: 12 } });
  });
});
