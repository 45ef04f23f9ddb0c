import { describe, expect, it } from 'vitest';
import { defaultWsUrl, initialWsUrl, searchWithWsUrl, wsUrlProblem } from '../../src/app/wsUrl';
import { cellText, formatBytes, formatCount, formatMillis } from '../../src/app/format';

describe('WebSocket URL of the page', () => {
  it('defaults to /dev on the page host, wss under https', () => {
    expect(defaultWsUrl({ protocol: 'http:', host: 'localhost:8080', search: '' })).toBe('ws://localhost:8080/dev');
    expect(defaultWsUrl({ protocol: 'https:', host: 'example.test', search: '' })).toBe('wss://example.test/dev');
  });

  it('takes ?ws= when given', () => {
    const location = { protocol: 'http:', host: 'localhost:5173', search: '?ws=wss%3A%2F%2Fabc.execute-api.eu-west-1.amazonaws.com%2Fprod' };
    expect(initialWsUrl(location)).toBe('wss://abc.execute-api.eu-west-1.amazonaws.com/prod');
    expect(initialWsUrl({ ...location, search: '?ws=' })).toBe('ws://localhost:5173/dev');
    expect(initialWsUrl({ ...location, search: '?x=1' })).toBe('ws://localhost:5173/dev');
  });

  it('explains why a URL cannot be used', () => {
    expect(wsUrlProblem('ws://localhost:8080/dev')).toBeNull();
    expect(wsUrlProblem('wss://h/p')).toBeNull();
    expect(wsUrlProblem('localhost:8080')).toBe('The URL must start with ws:// or wss://, not localhost://');
    expect(wsUrlProblem('https://h/dev')).toBe('The URL must start with ws:// or wss://, not https://');
    expect(wsUrlProblem('not a url')).toBe('Not a URL. Expected ws://host:port/path or wss://...');
  });

  it('keeps other query parameters when it records the URL', () => {
    expect(searchWithWsUrl('?debug=1', 'ws://h:1/dev')).toBe('?debug=1&ws=ws%3A%2F%2Fh%3A1%2Fdev');
  });
});

describe('formatting', () => {
  it('formats cells, bytes, durations and counts', () => {
    expect([null, undefined, '', 'a', 42, true, [1, null], { k: 'v' }].map((v) => cellText(v))).toEqual([
      'NULL', 'NULL', '', 'a', '42', 'true', '[1,null]', '{"k":"v"}',
    ]);
    expect([0, 1023, 1024, 1536, 10485760, 5e12].map(formatBytes)).toEqual([
      '0 B', '1023 B', '1.0 KB', '1.5 KB', '10.0 MB', '4.5 TB',
    ]);
    expect([0, 999, 1500, 12_340, 125_000].map(formatMillis)).toEqual(['0 ms', '999 ms', '1.50 s', '12.3 s', '2 min 5 s']);
    expect([0, 999, 1000, 100_000, 1_234_567].map(formatCount)).toEqual(['0', '999', '1,000', '100,000', '1,234,567']);
  });
});
