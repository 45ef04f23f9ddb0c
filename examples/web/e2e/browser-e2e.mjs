#!/usr/bin/env node
// Browser end-to-end check of the athena-ws web client against a running stack (examples/local, or
// any deployment that serves the page and its WebSocket API). Drives headless Debian Chromium
// through playwright-core and the page's data-testid attributes.
//
//   node e2e/browser-e2e.mjs --url http://localhost:8080/ --out target/e2e [options]
//
// Exit code 0: every check passed; 1: a check failed (the message says which and why);
// 2: bad command line or the browser could not start. Run e2e/ensure-chromium.sh first.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { checkResumeAfterDrop } from './resume-scenario.mjs';

const USAGE = `usage: node e2e/browser-e2e.mjs --url URL --out DIR [options]

  --url URL              page to open, e.g. http://localhost:8080/ (required)
  --out DIR              where screenshots and result.json go (required; created)
  --ws URL               WebSocket URL to use instead of the page's default ws://<host>/dev
  --large-query NAME     catalog query to run as the large query [first query whose name contains
                         "large"; skipped when there is none]
  --large-params JSON    parameter texts for it, e.g. '{"eventName":"GetObject"}' [{}]
  --large-min-rows N     the large query must return at least N rows [1]
  --timeout-ms N         limit for the connection and each normal query [60000]
  --large-timeout-ms N   limit for the large query [300000]
  --max-frame-gap-ms N   fail when the page skips frames for longer while rows stream [2000]
  --resume-query NAME    query to run again, dropping the connection (TCP reset) while rows stream,
                         then checking the page resumed it completely [the large query]
  --resume-id-column C   column whose values must be unique in that result [eventid]
  --require-resume       fail (not skip) when the server sends no resumeToken
  --no-resume            leave out the dropped-connection scenario
  --sign-in SUBJECT      the stack runs --auth jwt: open the page with ?auth=jwt, sign in as SUBJECT
                         (the page gets a /dev-token and offers it as a subprotocol), and check that
                         a second connection with such a token gets the athena-ws subprotocol
  --chromium PATH        browser binary [/usr/bin/chromium]
  --headed               show the browser window (needs a display)
  --help                 this text
`;

const CHROME_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const FINAL = ['complete', 'incomplete', 'failed', 'cancelled'];

/** A failed check: its message is what the user sees. */
class CheckFailed extends Error {}

function fail(message) {
  throw new CheckFailed(message);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        url: { type: 'string' },
        out: { type: 'string' },
        ws: { type: 'string' },
        'large-query': { type: 'string' },
        'large-params': { type: 'string', default: '{}' },
        'large-min-rows': { type: 'string', default: '1' },
        'timeout-ms': { type: 'string', default: '60000' },
        'large-timeout-ms': { type: 'string', default: '300000' },
        'max-frame-gap-ms': { type: 'string', default: '2000' },
        'resume-query': { type: 'string' },
        'resume-id-column': { type: 'string', default: 'eventid' },
        'require-resume': { type: 'boolean', default: false },
        'no-resume': { type: 'boolean', default: false },
        'sign-in': { type: 'string' },
        chromium: { type: 'string', default: '/usr/bin/chromium' },
        headed: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (e) {
    usageError(e.message);
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  if (!parsed.url) usageError('--url is required');
  if (!parsed.out) usageError('--out is required');
  let url;
  try {
    url = new URL(parsed.url);
  } catch {
    usageError(`--url is not a URL: ${parsed.url}`);
  }
  if (parsed.ws) url.searchParams.set('ws', parsed.ws);
  if (parsed['sign-in'] !== undefined) url.searchParams.set('auth', 'jwt');
  let largeParams;
  try {
    largeParams = JSON.parse(parsed['large-params']);
  } catch (e) {
    usageError(`--large-params is not JSON: ${e.message}`);
  }
  if (typeof largeParams !== 'object' || largeParams === null || Array.isArray(largeParams)) {
    usageError('--large-params must be a JSON object of parameter name -> text');
  }
  const number = (name) => {
    const n = Number(parsed[name]);
    if (!Number.isInteger(n) || n < 0) usageError(`--${name} needs a whole number >= 0, got '${parsed[name]}'`);
    return n;
  };
  return {
    url: url.toString(),
    out: resolve(parsed.out),
    largeQuery: parsed['large-query'],
    largeParams,
    largeMinRows: number('large-min-rows'),
    timeoutMs: number('timeout-ms'),
    largeTimeoutMs: number('large-timeout-ms'),
    maxFrameGapMs: number('max-frame-gap-ms'),
    resumeQuery: parsed['resume-query'],
    resumeIdColumn: parsed['resume-id-column'],
    requireResume: parsed['require-resume'],
    noResume: parsed['no-resume'],
    signIn: parsed['sign-in'],
    chromium: parsed.chromium,
    headed: parsed.headed,
  };
}

function usageError(message) {
  process.stderr.write(`browser-e2e: ${message}\n\n${USAGE}`);
  process.exit(2);
}

const log = (message) => process.stdout.write(`${message}\n`);

/** The page, driven by data-testid. */
class ClientPage {
  constructor(page, opts) {
    this.page = page;
    this.opts = opts;
    this.shots = 0;
  }

  byId(id) {
    return this.page.getByTestId(id);
  }

  async attr(id, name) {
    return this.byId(id).getAttribute(name);
  }

  async screenshot(name) {
    this.shots += 1;
    const file = join(this.opts.out, `${String(this.shots).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    log(`  screenshot ${file}`);
  }

  async waitForConnectedCatalog() {
    try {
      await this.page.waitForSelector('[data-testid="connection-state"][data-state="open"]', {
        timeout: this.opts.timeoutMs,
      });
    } catch {
      const state = await this.attr('connection-state', 'data-state').catch(() => 'absent');
      const detail = await this.byId('connection-detail').textContent().catch(() => '');
      fail(`the page did not connect within ${this.opts.timeoutMs} ms: state ${state} ${detail}`);
    }
    try {
      await this.page.waitForSelector('[data-testid="query-select"]', { timeout: this.opts.timeoutMs });
    } catch {
      const error = await this.byId('catalog-error').textContent().catch(() => 'no catalog error shown');
      fail(`connected, but no query catalog arrived within ${this.opts.timeoutMs} ms (${error})`);
    }
  }

  /** The catalog as the page lists it: [{name, isDefault}] from the select's options. */
  async catalog() {
    return this.page.$$eval('[data-testid="query-select"] option', (options) =>
      options.map((o) => ({ name: o.value, isDefault: o.textContent.endsWith('(default)') })),
    );
  }

  async select(name) {
    await this.byId('query-select').selectOption(name);
    if ((await this.byId('query-select').inputValue()) !== name) fail(`could not select query ${name}`);
  }

  async setParameter(name, text) {
    const field = this.byId(`param-${name}`);
    if ((await field.count()) === 0) fail(`the form has no field param-${name}`);
    const tag = await field.evaluate((el) => el.tagName);
    if (tag === 'SELECT') await field.selectOption(text);
    else await field.fill(text);
  }

  async setSkipValidation(on) {
    const box = this.byId('skip-validation');
    if (!(await box.isVisible())) await this.page.locator('[data-testid="debug-options"] summary').click();
    await box.setChecked(on);
  }

  async currentRequestId() {
    const status = this.byId('run-status');
    return (await status.count()) === 0 ? null : status.getAttribute('data-request-id');
  }

  /** Clicks run and waits for a new run to start; @returns its request id */
  async run() {
    const before = await this.currentRequestId();
    await this.byId('run-button').click();
    await this.page.waitForFunction(
      (prev) => {
        const s = document.querySelector('[data-testid="run-status"]');
        return s !== null && s.getAttribute('data-request-id') !== prev;
      },
      before,
      { timeout: 5000 },
    ).catch(() => fail('clicking run-button started no query run'));
    return this.currentRequestId();
  }

  /**
   * Waits until the run ends, probing the page's frame rate meanwhile.
   * @returns {status, frameGapMs} with the longest gap between two animation frames seen
   */
  async waitForEnd(timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let frameGapMs = 0;
    for (;;) {
      const status = await this.attr('run-status', 'data-status');
      if (FINAL.includes(status)) return { status, frameGapMs };
      if (Date.now() > deadline) {
        const rows = await this.attr('row-count', 'data-count').catch(() => '?');
        fail(`the query did not finish within ${timeoutMs} ms (status ${status}, ${rows} rows so far)`);
      }
      const started = Date.now();
      await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
      frameGapMs = Math.max(frameGapMs, Date.now() - started);
      await this.page.waitForTimeout(100);
    }
  }

  async rowCount() {
    return Number(await this.attr('row-count', 'data-count'));
  }

  async renderedRowIndexes() {
    return this.page.$$eval('[data-testid="result-row"]', (rows) =>
      rows.map((r) => Number(r.getAttribute('data-row-index'))),
    );
  }

  async scrollTableToEnd() {
    await this.byId('result-table').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await this.page.waitForTimeout(200);
  }
}

/** Runs the current form; checks a complete result whose row count matches `complete`. */
async function runToCompletion(ui, timeoutMs, label) {
  const started = Date.now();
  const requestId = await ui.run();
  const { status, frameGapMs } = await ui.waitForEnd(timeoutMs);
  const elapsedMs = Date.now() - started;
  if (status !== 'complete') {
    const error = await ui.byId('query-error').textContent().catch(() => '');
    const gap = await ui.byId('seq-gap-warning').textContent().catch(() => '');
    const mismatch = await ui.byId('row-count-mismatch').textContent().catch(() => '');
    fail(`${label}: the run ended ${status}, not complete. ${error}${gap}${mismatch}`.trim());
  }
  const accepted = (await ui.byId('accepted-message').textContent().catch(() => '')) ?? '';
  if (accepted.trim() === '') fail(`${label}: no accepted message was shown`);
  const rows = await ui.rowCount();
  const expected = Number(await ui.attr('complete-stats', 'data-row-count'));
  const chunks = Number(await ui.attr('complete-stats', 'data-chunks'));
  if (rows !== expected) fail(`${label}: the page shows ${rows} rows but complete.rowCount is ${expected}`);
  if ((await ui.byId('seq-gap-warning').count()) > 0) fail(`${label}: a seq gap was reported`);
  if ((await ui.byId('complete-verified').count()) === 0) fail(`${label}: the completeness check is not shown`);
  const progressShown = (await ui.byId('progress').count()) > 0;
  return { requestId, rows, chunks, elapsedMs, frameGapMs, progressShown };
}

/** Rows are in the table and scrolling to the end renders the last one. */
async function checkTable(ui, rows, label) {
  if (rows === 0) return;
  const first = await ui.renderedRowIndexes();
  if (first.length === 0) fail(`${label}: ${rows} rows received but the table renders none`);
  if (first.length >= 500 && rows > first.length) fail(`${label}: the table renders ${first.length} rows at once`);
  const cells = await ui.page.$$eval('[data-testid="result-row"] [role="cell"]', (c) => c.length);
  if (cells === 0) fail(`${label}: the rendered rows have no cells`);
  await ui.scrollTableToEnd();
  const last = await ui.renderedRowIndexes();
  if (!last.includes(rows - 1)) fail(`${label}: scrolled to the end, but row ${rows - 1} is not rendered`);
}

/**
 * The catalog as the server sends it, read over a second WebSocket opened in the page (to the URL
 * the page uses), so the checks can derive cases from the parameter rules.
 */
async function fetchCatalog(ui) {
  const wsUrl = await ui.byId('ws-url').inputValue();
  for (let attempt = 1; attempt <= 5; attempt++) {
    const queries = await ui.page.evaluate(
      async ({ url, subject }) => {
        // Signed in: a token of our own from the stack's dev-token endpoint, offered as the page does.
        let protocols;
        if (subject !== undefined) {
          const token = (await (await fetch(`/dev-token?sub=${encodeURIComponent(subject)}`)).text()).trim();
          protocols = ['athena-ws', `bearer.${token}`];
        }
        return new Promise((resolve) => {
          const ws = new WebSocket(url, protocols);
          const timer = setTimeout(() => {
            ws.close();
            resolve(null);
          }, 5000);
          ws.onopen = () => {
            if (protocols !== undefined && ws.protocol !== 'athena-ws') {
              clearTimeout(timer);
              ws.close();
              resolve({ badProtocol: ws.protocol });
              return;
            }
            ws.send(JSON.stringify({ action: 'listQueries', requestId: 'e2e-catalog' }));
          };
          ws.onmessage = (e) => {
            const m = JSON.parse(e.data);
            if (m.type !== 'catalog') return;
            clearTimeout(timer);
            ws.close();
            resolve(m.queries);
          };
        });
      },
      { url: wsUrl, subject: ui.opts.signIn },
    );
    if (queries?.badProtocol !== undefined) {
      fail(`a connection offering ['athena-ws', 'bearer.<token>'] got subprotocol '${queries.badProtocol}', not athena-ws`);
    }
    if (queries !== null) return queries;
    log(`  no catalog on a second connection to ${wsUrl} (attempt ${attempt})`);
  }
  fail(`could not read the catalog over a second connection to ${wsUrl}`);
}

/** Known cases of the bundled CloudTrail catalog (core cloudtrail-example.json). */
const PREFERRED_CASES = [
  { query: 'events-by-name', parameter: 'eventName', text: 'Create Table', rule: 'pattern' },
  { query: 'top-event-names', parameter: 'fromHour', text: '24', rule: 'max' },
];

/** Invalid texts for parameters of `queries`: the known ones, else one derived from the rules. */
function invalidCases(queries) {
  const has = (c) => queries.some((q) => q.name === c.query && q.parameters.some((p) => p.name === c.parameter));
  const known = PREFERRED_CASES.filter(has);
  if (known.length > 0) return known;
  for (const q of queries) {
    for (const p of q.parameters) {
      const c = { query: q.name, parameter: p.name };
      if (p.enum !== undefined || p.type === 'boolean') continue; // a select: no free text
      if (p.type === 'integer' && typeof p.max === 'number') return [{ ...c, text: String(p.max + 1), rule: 'max' }];
      if (p.type === 'integer' && typeof p.min === 'number') return [{ ...c, text: String(p.min - 1), rule: 'min' }];
      if (p.type === 'integer' || p.type === 'decimal') return [{ ...c, text: 'twelve', rule: 'number' }];
      if (p.type === 'date') return [{ ...c, text: '2021-02-30', rule: 'calendar date' }];
      if (p.type === 'timestamp') return [{ ...c, text: '2021-08-01 24:00:00', rule: 'time of day' }];
      if (p.type === 'string' && p.maxLength !== undefined) {
        return [{ ...c, text: 'a'.repeat(p.maxLength + 1), rule: 'maxLength' }];
      }
      if (p.type === 'string' && p.pattern !== undefined) {
        let re = null;
        try {
          re = new RegExp(`^(?:${p.pattern})$`, 'u');
        } catch {
          continue;
        }
        const text = ['Invalid Value!', '!', ' ', 'x'].find((v) => !re.test(v));
        if (text !== undefined) return [{ ...c, text, rule: 'pattern' }];
      }
    }
  }
  return [];
}

/** Submits an invalid value: first refused by the page, then forced through to the server. */
async function checkInvalidParameter(ui, c) {
  const label = `${c.query}.${c.parameter}=${JSON.stringify(c.text)} (${c.rule})`;
  await ui.select(c.query);
  await ui.setParameter(c.parameter, c.text);
  await ui.setSkipValidation(false);
  const before = await ui.currentRequestId();
  await ui.byId('run-button').click();
  const fieldError = ui.byId(`field-error-${c.parameter}`);
  await fieldError.waitFor({ timeout: 5000 }).catch(() => fail(`${label}: no client-side error shown`));
  if ((await fieldError.getAttribute('data-source')) !== 'client') fail(`${label}: the error shown is not the client's`);
  const clientMessage = (await fieldError.textContent()).trim();
  if ((await ui.currentRequestId()) !== before) fail(`${label}: the page sent the invalid value`);
  await ui.screenshot(`client-validation-${c.parameter}`);

  await ui.setSkipValidation(true);
  await ui.run();
  const { status } = await ui.waitForEnd(ui.opts.timeoutMs);
  if (status !== 'failed') fail(`${label}: the server accepted the invalid value (run ended ${status})`);
  await ui.page
    .waitForSelector(`[data-testid="field-error-${c.parameter}"][data-source="server"]`, { timeout: 5000 })
    .catch(async () => {
      const q = await ui.byId('query-error').textContent().catch(() => 'none');
      fail(`${label}: the server error was not shown next to the field (query error: ${q})`);
    });
  const code = await fieldError.getAttribute('data-code');
  const serverMessage = (await fieldError.textContent()).trim();
  if (code !== 'INVALID_PARAMETER') fail(`${label}: server error code ${code}, expected INVALID_PARAMETER`);
  if (serverMessage !== clientMessage) {
    fail(`${label}: client and server disagree:\n    client: ${clientMessage}\n    server: ${serverMessage}`);
  }
  await ui.screenshot(`server-validation-${c.parameter}`);
  await ui.setSkipValidation(false);
  return { case: label, message: serverMessage };
}

async function main() {
  const opts = options();
  mkdirSync(opts.out, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'athena-ws-e2e-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: opts.chromium,
      headless: !opts.headed,
      args: opts.headed ? CHROME_ARGS.filter((a) => a !== '--headless') : CHROME_ARGS,
      viewport: { width: 1400, height: 900 },
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    process.stderr.write(`browser-e2e: cannot start ${opts.chromium}: ${e.message.split('\n')[0]}\n` +
      '  run e2e/ensure-chromium.sh to install Debian chromium\n');
    process.exit(2);
  }
  const result = { url: opts.url, passed: [], failed: null };
  const pageErrors = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
    });
    const ui = new ClientPage(page, opts);
    const pass = (name, details = {}) => {
      result.passed.push({ name, ...details });
      log(`PASS ${name}${Object.keys(details).length ? ` ${JSON.stringify(details)}` : ''}`);
    };

    log(`opening ${opts.url}`);
    const response = await page.goto(opts.url, { timeout: opts.timeoutMs }).catch((e) => fail(`cannot open ${opts.url}: ${e.message.split('\n')[0]}`));
    if (response && !response.ok()) fail(`${opts.url} answered HTTP ${response.status()}`);
    if (opts.signIn !== undefined) {
      try {
        await page.waitForSelector('[data-testid="signin-form"]', { timeout: opts.timeoutMs });
      } catch {
        fail('--sign-in: the page (opened with ?auth=jwt) shows no sign-in form');
      }
      await ui.byId('signin-subject').fill(opts.signIn);
      await ui.screenshot('sign-in');
      await ui.byId('signin-submit').click();
      await ui.waitForConnectedCatalog();
      const who = await ui.byId('signed-in').textContent().catch(() => '');
      if (!who.includes(opts.signIn)) fail(`signed in, but the page does not show the subject: '${who}'`);
      pass('signed in with a dev token in the subprotocol', { subject: opts.signIn });
    }
    await ui.waitForConnectedCatalog();
    const entries = await ui.catalog();
    const catalog = await fetchCatalog(ui);
    const listed = entries.map((e) => e.name).join(', ');
    const served = catalog.map((q) => q.name).join(', ');
    if (listed !== served) fail(`the page lists queries [${listed}] but the server serves [${served}]`);
    if (entries.length === 0) fail('the query catalog is empty');
    pass('connected and catalog listed', { queries: entries.map((e) => e.name) });
    await ui.screenshot('connected');

    const defaultEntry = entries.find((e) => e.isDefault);
    if (defaultEntry === undefined) fail('the catalog has no default query');
    if ((await ui.byId('query-select').inputValue()) !== defaultEntry.name) fail('the default query is not preselected');
    const def = await runToCompletion(ui, opts.timeoutMs, `default query ${defaultEntry.name}`);
    if (def.rows === 0) fail(`default query ${defaultEntry.name}: returned no rows, so the table cannot be checked`);
    await ui.page.locator('[data-testid="result-table"]').evaluate((el) => (el.scrollTop = 0));
    await ui.page.waitForTimeout(100);
    await ui.screenshot('default-query');
    await checkTable(ui, def.rows, `default query ${defaultEntry.name}`);
    pass('default query', { query: defaultEntry.name, ...def });

    const cases = invalidCases(catalog);
    if (cases.length === 0) fail('the catalog has no parameter with a rule to test validation with');
    for (const c of cases) pass('invalid parameter refused by client and server alike', await checkInvalidParameter(ui, c));

    const large = opts.largeQuery ?? entries.find((e) => /large/i.test(e.name))?.name;
    if (large === undefined) {
      log('SKIP large query: none in the catalog (name containing "large"); pass --large-query NAME');
    } else {
      if (!entries.some((e) => e.name === large)) fail(`--large-query ${large} is not in the catalog`);
      await ui.select(large);
      for (const [name, text] of Object.entries(opts.largeParams)) await ui.setParameter(name, String(text));
      const big = await runToCompletion(ui, opts.largeTimeoutMs, `large query ${large}`);
      if (big.rows < opts.largeMinRows) fail(`large query ${large}: ${big.rows} rows, expected at least ${opts.largeMinRows}`);
      if (big.frameGapMs > opts.maxFrameGapMs) {
        fail(`large query ${large}: the page froze for ${big.frameGapMs} ms while rows streamed (limit ${opts.maxFrameGapMs} ms)`);
      }
      await checkTable(ui, big.rows, `large query ${large}`);
      await ui.screenshot('large-query');
      pass('large query', { query: large, ...big });
    }

    const resumeQuery = opts.resumeQuery ?? large;
    if (opts.noResume || resumeQuery === undefined) {
      log('SKIP resume after a dropped connection: no query for it (--resume-query NAME) or --no-resume');
    } else {
      if (!entries.some((e) => e.name === resumeQuery)) fail(`--resume-query ${resumeQuery} is not in the catalog`);
      const errorsBefore = pageErrors.length;
      const resumed = await checkResumeAfterDrop(ui, {
        query: resumeQuery,
        params: resumeQuery === large ? opts.largeParams : {},
        minRows: resumeQuery === large ? opts.largeMinRows : 1,
        timeoutMs: opts.largeTimeoutMs,
        requireResume: opts.requireResume,
        idColumn: opts.resumeIdColumn,
        fail,
        log,
      });
      // Chrome logs the WebSocket the drop broke (and a retry that found the proxy gone) as console errors.
      const dropNoise = /^console: WebSocket connection to .* failed/;
      pageErrors.push(...pageErrors.splice(errorsBefore).filter((e) => !dropNoise.test(e)));
      if (resumed.skipped !== undefined) log(`SKIP resume after a dropped connection: ${resumed.skipped} ${JSON.stringify(resumed)}`);
      else pass('resumed after a dropped connection', { query: resumeQuery, ...resumed });
    }

    if (pageErrors.length > 0) fail(`the page reported errors:\n    ${pageErrors.join('\n    ')}`);
    pass('no page errors');
  } catch (e) {
    result.failed = e instanceof CheckFailed ? e.message : `unexpected: ${e.stack ?? e}`;
    process.stderr.write(`FAIL ${result.failed}\n`);
    try {
      await context.pages()[0]?.screenshot({ path: join(opts.out, 'failure.png'), fullPage: true });
      process.stderr.write(`  screenshot ${join(opts.out, 'failure.png')}\n`);
    } catch {
      // the page may be gone
    }
  } finally {
    writeFileSync(join(opts.out, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
  log(`${result.passed.length} passed, ${result.failed === null ? 0 : 1} failed`);
  process.exit(result.failed === null ? 0 : 1);
}

main();
