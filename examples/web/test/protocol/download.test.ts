import { describe, expect, it } from 'vitest';
import { parseServerMessage } from '../../src/protocol';
import { formatExpiry } from '../../src/app/format';

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
