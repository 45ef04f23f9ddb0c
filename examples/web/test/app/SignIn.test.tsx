// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App';
import { FakeSockets } from '../protocol/FakeWebSocket';
import { CLOUDTRAIL_CATALOG } from '../protocol/fixtures';
import { tokenWith } from './tokens';
import { byTestId, click, mustGet, render, typeInto } from './render';

/** `?auth=jwt`: the page signs in at the dev-token endpoint, then connects with the token. */
let sockets: FakeSockets;
let page: ReturnType<typeof render>;
let now: number;
let fetcher: ReturnType<typeof vi.fn>;
const EXP_SECONDS = 2_000_000_000;
const token = tokenWith({ sub: 'alice', exp: EXP_SECONDS });
const sync = (callback: () => void) => {
  callback();
  return () => {};
};

function renderApp(auth: boolean) {
  page = render(
    <App
      initialUrl="ws://localhost:8080/dev"
      webSocket={sockets.factory}
      schedule={sync}
      auth={auth}
      fetcher={fetcher as unknown as typeof fetch}
      now={() => now}
    />,
  );
}

async function signIn(subject: string, groups: string, account: string) {
  typeInto(mustGet(page.container, 'signin-subject'), subject);
  typeInto(mustGet(page.container, 'signin-groups'), groups);
  typeInto(mustGet(page.container, 'signin-account'), account);
  await act(async () => {
    mustGet(page.container, 'signin-form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

function openWithCatalog() {
  act(() => sockets.last.open());
  act(() =>
    sockets.last.serverSends({
      type: 'catalog',
      requestId: sockets.last.lastRequestId('listQueries'),
      queries: CLOUDTRAIL_CATALOG,
    }),
  );
}

beforeEach(() => {
  vi.useFakeTimers();
  sockets = new FakeSockets();
  now = EXP_SECONDS * 1000 - 60_000;
  fetcher = vi.fn(async () => new Response(`${token}\n`, { status: 200 }));
});

afterEach(() => {
  page.unmount();
  vi.useRealTimers();
});

describe('sign-in (local --auth jwt)', () => {
  it('shows the form and opens no socket until signed in', () => {
    renderApp(true);
    expect(byTestId(page.container, 'signin-form')).not.toBeNull();
    expect(byTestId(page.container, 'connection-state')).toBeNull();
    expect(sockets.all).toHaveLength(0);
  });

  it('gets a token for the subject, groups and account, then connects offering it', async () => {
    renderApp(true);
    await signIn('bob', 'ops,audit', '111111111111');
    const asked = new URL(fetcher.mock.calls[0]?.[0] as string);
    expect(asked.pathname).toBe('/dev-token');
    expect(asked.searchParams.get('sub')).toBe('bob');
    expect(asked.searchParams.get('groups')).toBe('ops,audit');
    expect(asked.searchParams.get('claim.account')).toBe('111111111111');
    expect(sockets.all).toHaveLength(1);
    expect(sockets.last.protocols).toEqual(['athena-ws', `bearer.${token}`]);
    openWithCatalog();
    expect(mustGet(page.container, 'connection-state').dataset.state).toBe('open');
    expect(mustGet(page.container, 'signed-in').textContent).toContain('bob');
  });

  it('shows the endpoint reason when the token is refused', async () => {
    fetcher = vi.fn(async () => new Response('sub: required\n', { status: 400 }));
    renderApp(true);
    await signIn('x', '', '');
    expect(mustGet(page.container, 'signin-problem').textContent).toContain('sub: required');
    expect(sockets.all).toHaveLength(0);
  });

  it('reconnects with the same token after a drop', async () => {
    renderApp(true);
    await signIn('alice', '', '');
    openWithCatalog();
    act(() => sockets.last.serverCloses());
    act(() => vi.advanceTimersByTime(60_000));
    expect(sockets.all).toHaveLength(2);
    expect(sockets.last.protocols).toEqual(['athena-ws', `bearer.${token}`]);
  });

  it('an expired token on reconnect signs out instead of connecting', async () => {
    renderApp(true);
    await signIn('alice', '', '');
    openWithCatalog();
    now = EXP_SECONDS * 1000;
    act(() => sockets.last.serverCloses());
    act(() => vi.advanceTimersByTime(60_000));
    expect(sockets.all).toHaveLength(1);
    expect(byTestId(page.container, 'signin-form')).not.toBeNull();
    expect(mustGet(page.container, 'signin-notice').textContent).toContain('expired');
  });

  it('signing out closes the connection and shows the form', async () => {
    renderApp(true);
    await signIn('alice', '', '');
    openWithCatalog();
    click(mustGet(page.container, 'signout'));
    expect(sockets.last.closedByClient?.code).toBe(1000);
    expect(byTestId(page.container, 'signin-form')).not.toBeNull();
  });

  it('without auth connects at once offering no subprotocol', () => {
    renderApp(false);
    expect(byTestId(page.container, 'signin-form')).toBeNull();
    expect(sockets.all).toHaveLength(1);
    expect(sockets.last.protocols).toBeUndefined();
  });
});
