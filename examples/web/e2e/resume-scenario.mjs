// Scenario of browser-e2e.mjs: a large query whose connection drops while rows stream. The page must
// reconnect, send `resume` with the highest contiguous seq it holds, and end with the complete
// result: every row once (no duplicate ids), the row count the server counted over both
// connections. The drop goes through drop-proxy.mjs (a TCP reset, no close frame).

import { startDropProxy } from './drop-proxy.mjs';

/**
 * Collects, per request id, the `rows` frames the page received (over every connection): the ids of
 * each seq's rows the first time the seq came, and how many seqs came again.
 */
function collectRows(page, idColumn) {
  const byRequest = new Map();
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string' || !payload.includes('"rows"')) return;
      let m;
      try {
        m = JSON.parse(payload);
      } catch {
        return;
      }
      if (m.type !== 'rows' || typeof m.requestId !== 'string') return;
      let entry = byRequest.get(m.requestId);
      if (entry === undefined) byRequest.set(m.requestId, (entry = { seqs: new Map(), repeated: 0 }));
      if (entry.seqs.has(m.seq)) entry.repeated += 1;
      else entry.seqs.set(m.seq, m.results.map((r) => r[idColumn]));
    });
  });
  return (requestId) => byRequest.get(requestId) ?? { seqs: new Map(), repeated: 0 };
}

/** The stack's WebSocket URL as the page uses it, moved to the proxy's port. */
function viaProxy(wsUrl, port) {
  const u = new URL(wsUrl);
  const target = { host: u.hostname, port: Number(u.port || (u.protocol === 'wss:' ? 443 : 80)) };
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return { target, url: u.toString() };
}

/**
 * Runs `query` through a dropping proxy, drops every connection once rows stream, and checks the
 * result. Without a resumeToken from the server (sessions off, or a server without them) it checks
 * that the page failed the run with CONNECTION_LOST and reconnected, then skips the resume checks,
 * or fails when `requireResume`.
 *
 * @returns details for the PASS line, or {skipped: reason}
 */
export async function checkResumeAfterDrop(ui, { query, params, minRows, timeoutMs, requireResume, idColumn, fail, log }) {
  const page = ui.page;
  const rowsOf = collectRows(page, idColumn);
  const direct = await ui.byId('ws-url').inputValue();
  const { target } = viaProxy(direct, 1);
  const proxy = await startDropProxy(target);
  try {
    const { url } = viaProxy(direct, proxy.port);
    await ui.byId('ws-url').fill(url);
    await ui.byId('ws-connect').click();
    await ui.waitForConnectedCatalog();
    if (proxy.connections() === 0) fail(`resume: the page did not connect through the proxy ${url}`);
    await ui.select(query);
    for (const [name, text] of Object.entries(params)) await ui.setParameter(name, String(text));
    const requestId = await ui.run();

    // Wait until rows stream, then cut the connection in the middle of the result.
    await page
      .waitForFunction(
        () => {
          const s = document.querySelector('[data-testid="run-status"]')?.getAttribute('data-status');
          const n = Number(document.querySelector('[data-testid="row-count"]')?.getAttribute('data-count') ?? 0);
          return n > 0 || ['complete', 'incomplete', 'failed', 'cancelled'].includes(s);
        },
        undefined,
        { timeout: timeoutMs, polling: 'raf' },
      )
      .catch(() => fail(`resume: no rows arrived within ${timeoutMs} ms`));
    const status = await ui.attr('run-status', 'data-status');
    if (status !== 'running') fail(`resume: the query ended (${status}) before rows streamed long enough to drop the connection`);
    const resumable = (await ui.attr('run-status', 'data-resumable')) === 'true';
    const dropped = proxy.drop();
    const rowsAtDrop = await ui.rowCount();
    log(`  dropped ${dropped} connection(s) at ${rowsAtDrop} rows (resumeToken ${resumable ? 'held' : 'not sent'})`);
    await page
      .waitForSelector('[data-testid="connection-state"]:not([data-state="open"])', { timeout: 10_000 })
      .catch(() => fail('resume: the page did not notice the dropped connection'));
    await ui.screenshot('resume-dropped');

    if (!resumable) {
      // A server without sessions: the run cannot resume; the page says so and reconnects.
      const { status: end } = await ui.waitForEnd(timeoutMs);
      const code = await ui.byId('query-error').getAttribute('data-code').catch(() => null);
      if (end !== 'failed' || code !== 'CONNECTION_LOST') {
        fail(`resume: a run without resumeToken ended ${end} (${code}), expected failed CONNECTION_LOST`);
      }
      await ui.waitForConnectedCatalog();
      const reason = 'the server sent no resumeToken (sessions off or not implemented by this server)';
      if (requireResume) fail(`resume: ${reason}`);
      return { skipped: reason, rowsAtDrop, reconnected: proxy.connections() > 1 };
    }

    const { status: end, frameGapMs } = await ui.waitForEnd(timeoutMs);
    if (end !== 'complete') {
      const error = await ui.byId('run-error').textContent().catch(() => '');
      const gap = await ui.byId('seq-gap-warning').textContent().catch(() => '');
      const mismatch = await ui.byId('row-count-mismatch').textContent().catch(() => '');
      fail(`resume: the run ended ${end}, not complete. ${error}${gap}${mismatch}`.trim());
    }
    if ((await ui.byId('run-resumed').count()) === 0) fail('resume: the page does not show that the query was resumed');
    const afterSeq = Number(await ui.attr('run-resumed', 'data-after-seq'));
    const rows = await ui.rowCount();
    const expected = Number(await ui.attr('complete-stats', 'data-row-count'));
    if (rows !== expected) fail(`resume: the page shows ${rows} rows but complete.rowCount is ${expected}`);
    if (rows < minRows) fail(`resume: ${rows} rows, expected at least ${minRows}`);
    if (rows <= rowsAtDrop) fail(`resume: no rows arrived after the drop (${rowsAtDrop} before, ${rows} at the end)`);
    const received = rowsOf(requestId);
    const ids = [...received.seqs.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, list]) => list);
    const unique = new Set(ids).size;
    if (ids.length !== rows || unique !== rows) {
      fail(`resume: ${ids.length} rows received in distinct seqs with ${unique} distinct ${idColumn}s, the page shows ${rows}`);
    }
    await ui.screenshot('resume-complete');
    return { requestId, rowsAtDrop, afterSeq, rows, reconnections: proxy.connections() - 1, seqsSentAgain: received.repeated, frameGapMs };
  } finally {
    await proxy.close();
    // Back to the stack directly (the page would keep retrying the closed proxy).
    await ui.byId('ws-url').fill(direct).catch(() => {});
    await ui.byId('ws-connect').click().catch(() => {});
  }
}
