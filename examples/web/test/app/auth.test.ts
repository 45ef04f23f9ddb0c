import { describe, expect, it, vi } from 'vitest';
import {
  authenticatedFactory,
  authRequired,
  bearerProtocols,
  devTokenUrl,
  fetchDevToken,
  tokenExpiry,
} from '../../src/app/auth';
import { tokenWith } from './tokens';

describe('sign-in helpers', () => {
  it('turns on with ?auth=jwt only', () => {
    expect(authRequired('?auth=jwt&ws=ws://h/dev')).toBe(true);
    expect(authRequired('?ws=ws://h/dev')).toBe(false);
    expect(authRequired('?auth=none')).toBe(false);
  });

  it('asks the dev-token endpoint on the WebSocket host, with groups and the account claim', () => {
    const url = new URL(
      devTokenUrl('wss://stack.example:8443/dev', { subject: ' alice ', groups: 'ops, audit,', account: '111111111111' }),
    );
    expect(url.origin).toBe('https://stack.example:8443');
    expect(url.pathname).toBe('/dev-token');
    expect(url.searchParams.get('sub')).toBe('alice');
    expect(url.searchParams.get('groups')).toBe('ops,audit');
    expect(url.searchParams.get('claim.account')).toBe('111111111111');
    const bare = new URL(devTokenUrl('ws://127.0.0.1:8080/dev', { subject: 'bob', groups: '', account: '' }));
    expect(bare.origin).toBe('http://127.0.0.1:8080');
    expect([...bare.searchParams.keys()]).toEqual(['sub']);
  });

  it('reads exp from the payload (base64url) and tolerates garbage', () => {
    expect(tokenExpiry(tokenWith({ sub: 'a', exp: 1_800_000_000, note: '??>>' }))).toBe(1_800_000_000_000);
    expect(tokenExpiry(tokenWith({ sub: 'a' }))).toBeUndefined();
    expect(tokenExpiry('garbage')).toBeUndefined();
    expect(tokenExpiry('a.!!!.c')).toBeUndefined();
  });

  it('returns the token text, or the endpoint reason as the error', async () => {
    const ok = vi.fn(async () => new Response('tok.en.sig\n', { status: 200 }));
    await expect(fetchDevToken('ws://h:1/dev', { subject: 'a', groups: '', account: '' }, ok)).resolves.toBe(
      'tok.en.sig',
    );
    expect(ok).toHaveBeenCalledWith('http://h:1/dev-token?sub=a');
    const bad = async () => new Response('ttl: at most 86400\n', { status: 400 });
    await expect(fetchDevToken('ws://h:1/dev', { subject: 'a', groups: '', account: '' }, bad)).rejects.toThrow(
      'ttl: at most 86400',
    );
  });

  it('offers athena-ws first and the token on every connection until it expires', () => {
    const base = vi.fn((url: string, protocols?: string[]) => ({ url, protocols }) as never);
    const expired = vi.fn();
    let now = 1_000;
    const factory = authenticatedFactory(base, { token: 't.o.k', subject: 'a', expiresAt: 2_000 }, () => now, expired);
    factory('ws://h/dev');
    factory('ws://h/dev');
    expect(base).toHaveBeenCalledTimes(2);
    expect(base).toHaveBeenLastCalledWith('ws://h/dev', ['athena-ws', 'bearer.t.o.k']);
    expect(bearerProtocols('x')).toEqual(['athena-ws', 'bearer.x']);
    now = 2_000;
    expect(() => factory('ws://h/dev')).toThrow('expired');
    expect(expired).toHaveBeenCalledTimes(1);
    expect(base).toHaveBeenCalledTimes(2);
  });
});
