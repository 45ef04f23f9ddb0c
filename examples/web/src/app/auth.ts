import type { WebSocketFactory, WebSocketLike } from '../protocol';

/**
 * Sign-in for the local stack's `--auth jwt` mode (docs/local.md, docs/security.md): the page asks
 * the stack's local-only `/dev-token` endpoint for a token and offers it as a WebSocket subprotocol
 * entry `bearer.<jwt>` next to `athena-ws`; the server selects `athena-ws` and never echoes the token.
 */

/** The subprotocol of athena-ws protocol v1. */
export const SUBPROTOCOL = 'athena-ws';

/** A signed-in user: the token and when it expires (ms since the epoch; undefined: no `exp`). */
export interface Session {
  token: string;
  subject: string;
  expiresAt: number | undefined;
}

/** What the sign-in form asks for. */
export interface SignInRequest {
  subject: string;
  /** Comma-separated group names, may be empty. */
  groups: string;
  /** The `account` claim, may be empty. */
  account: string;
}

/** `?auth=jwt` turns the sign-in on (the stack's banner prints the page URL with it). */
export function authRequired(search: string): boolean {
  return new URLSearchParams(search).get('auth') === 'jwt';
}

/**
 * The stack's dev-token URL for a request: same host as the WebSocket URL (the local stack serves
 * both on one port), `http(s)` for `ws(s)`.
 */
export function devTokenUrl(wsUrl: string, request: SignInRequest): string {
  const url = new URL(wsUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = '/dev-token';
  const params = new URLSearchParams({ sub: request.subject.trim() });
  const groups = request.groups
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '');
  if (groups.length > 0) params.set('groups', groups.join(','));
  if (request.account.trim() !== '') params.set('claim.account', request.account.trim());
  url.search = params.toString();
  url.hash = '';
  return url.toString();
}

/** The token's `exp` in ms since the epoch, read without verifying (the server verifies). */
export function tokenExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4))) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Asks the dev-token endpoint for a token. @throws Error with the endpoint's one-line reason */
export async function fetchDevToken(
  wsUrl: string,
  request: SignInRequest,
  fetcher: typeof fetch = fetch,
): Promise<string> {
  const response = await fetcher(devTokenUrl(wsUrl, request));
  const body = (await response.text()).trim();
  if (!response.ok) {
    throw new Error(body === '' ? `the token endpoint answered ${response.status}` : body);
  }
  return body;
}

/** The subprotocols a signed-in page offers: `athena-ws` first, then the token entry. */
export function bearerProtocols(token: string): string[] {
  return [SUBPROTOCOL, `bearer.${token}`];
}

/**
 * A factory that offers the session's token on every connection, the first and each reconnect
 * (so a resumed query runs under the same identity). An expired token is not offered: the server
 * would refuse it, so `onExpired` is called and the attempt fails at once (no retry).
 */
export function authenticatedFactory(
  base: WebSocketFactory,
  session: Session,
  now: () => number,
  onExpired: () => void,
): WebSocketFactory {
  return (url: string): WebSocketLike => {
    if (session.expiresAt !== undefined && now() >= session.expiresAt) {
      onExpired();
      throw new Error('signed out: the token expired');
    }
    return base(url, bearerProtocols(session.token));
  };
}
