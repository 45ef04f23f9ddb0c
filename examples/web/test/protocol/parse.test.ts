import { describe, expect, it } from 'vitest';
import { parseServerMessage } from '../../src/protocol';

/** The examples of docs/protocol.md, verbatim. */
const DOC_EXAMPLES = [
  '{"type":"accepted","requestId":"r1","queryExecutionId":"a1b2c3d4-5678-90ab-cdef-111111111111","message":"Query accepted; results will follow on this connection."}',
  '{"type":"progress","requestId":"r1","queryExecutionId":"a1b2c3d4-5678-90ab-cdef-111111111111","state":"RUNNING","elapsedMillis":1500,"dataScannedBytes":2048}',
  '{"type":"progress","requestId":"r1","queryExecutionId":"a1b2c3d4-5678-90ab-cdef-111111111111","state":"SUCCEEDED","elapsedMillis":2300,"dataScannedBytes":10485760,"totalRows":100000}',
  '{"type":"rows","requestId":"r1","queryExecutionId":"a1b2c3d4-5678-90ab-cdef-111111111111","seq":0,"columns":[{"name":"eventname","type":"varchar"},{"name":"n","type":"bigint"}],"results":[{"eventname":"ConsoleLogin","n":42},{"eventname":"GetObject","n":null}]}',
  '{"type":"rows","requestId":"r1","queryExecutionId":"a1b2c3d4-5678-90ab-cdef-111111111111","seq":1,"results":[{"eventname":"PutObject","n":7}]}',
  '{"type":"complete","requestId":"r1","queryExecutionId":"a1b2c3d4-5678-90ab-cdef-111111111111","rowCount":3,"chunks":2,"statistics":{"engineExecutionTimeMillis":812,"dataScannedBytes":10485760,"totalExecutionTimeMillis":1030,"queryQueueTimeMillis":120,"reusedPreviousResult":false}}',
  '{"type":"error","requestId":"r1","code":"INVALID_PARAMETER","message":"Parameter \'day\' must be a date (yyyy-MM-dd).","field":"day"}',
  '{"type":"error","requestId":"r1","queryExecutionId":"a1b2c3d4-5678-90ab-cdef-111111111111","code":"QUERY_FAILED","message":"The query failed.","athenaErrorCategory":2,"athenaErrorType":1301,"retryable":false}',
  '{"type":"download","requestId":"r1","queryExecutionId":"a1b2c3d4-5678-90ab-cdef-111111111111","url":"https://athena-results-example.s3.eu-west-1.amazonaws.com/ws/a1b2c3d4-5678-90ab-cdef-111111111111.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=900&...","expiresAt":"2024-05-01T12:15:00Z","contentType":"text/csv","bytes":48213377}',
  '{"type":"catalog","requestId":"r2","queries":[{"name":"eventsByRegion","description":"CloudTrail events of one region and day","default":true,"parameters":[{"name":"region","type":"varchar","required":false,"default":"us-east-1","pattern":"[a-z0-9-]+","maxLength":32},{"name":"day","type":"date","required":true,"min":"2020-01-01"}]}]}',
];

describe('parseServerMessage', () => {
  it('reads every example of docs/protocol.md', () => {
    for (const text of DOC_EXAMPLES) {
      const parsed = parseServerMessage(text);
      expect(parsed).toEqual({ kind: 'message', message: JSON.parse(text) });
    }
  });

  it('reads the session fields of accepted and pong, and refuses them mistyped', () => {
    const accepted = '{"type":"accepted","requestId":"r1","queryExecutionId":"q","resumeToken":"eyJ.a.b","resumed":true,"message":"m"}';
    expect(parseServerMessage(accepted)).toEqual({ kind: 'message', message: JSON.parse(accepted) });
    expect(parseServerMessage('{"type":"pong","requestId":"p1"}')).toEqual({ kind: 'message', message: { type: 'pong', requestId: 'p1' } });
    expect(parseServerMessage('{"type":"accepted","message":"m","resumeToken":7}')).toEqual({
      kind: 'invalid',
      reason: 'accepted: field "resumeToken" is missing or has the wrong type',
    });
    expect(parseServerMessage('{"type":"accepted","message":"m","resumed":"yes"}')).toMatchObject({ kind: 'invalid' });
  });

  it('keeps unknown fields and ignores unknown types (forward compatibility)', () => {
    expect(parseServerMessage('{"type":"accepted","message":"m","newField":[1]}')).toEqual({
      kind: 'message',
      message: { type: 'accepted', message: 'm', newField: [1] },
    });
    expect(parseServerMessage('{"type":"heartbeat"}')).toEqual({ kind: 'ignored', type: 'heartbeat' });
  });

  it('refuses frames a client cannot rely on, with the reason', () => {
    const cases: [string, string][] = [
      ['{', 'not JSON'],
      ['[1]', 'not a JSON object'],
      ['null', 'not a JSON object'],
      ['{"text":"x"}', 'no string field "type"'],
      ['{"message": "Internal server error", "connectionId":"c=", "requestId":"r"}', 'API Gateway message: Internal server error'],
      ['{"type":"accepted"}', 'accepted: field "message" is missing or has the wrong type'],
      ['{"type":"progress","state":"RUNNING","elapsedMillis":1.5}', 'progress: field "elapsedMillis" is missing or has the wrong type'],
      ['{"type":"rows","seq":0,"results":[1]}', 'rows: field "results" is missing or has the wrong type'],
      ['{"type":"rows","seq":0,"results":[],"columns":[{"name":"a"}]}', 'rows: field "columns" must be an array of {name, type}'],
      ['{"type":"complete","rowCount":1}', 'complete: field "chunks" is missing or has the wrong type'],
      ['{"type":"error","code":"X","message":"m","requestId":5}', 'error: field "requestId" must be a string'],
      ['{"type":"catalog","queries":[{"name":"q"}]}', 'catalog: field "queries" is missing or has the wrong type'],
    ];
    for (const [text, reason] of cases) {
      expect(parseServerMessage(text)).toEqual({ kind: 'invalid', reason });
    }
  });
});

describe('big numbers (docs/types.md, "Big numbers in JavaScript")', () => {
  it('keeps the digits the server sent as strings, also inside json values, to the cell text', async () => {
    const { cellText } = await import('../../src/app/format');
    const text =
      '{"type":"rows","seq":0,"results":[{"id":"9007199254740993","d":"12345678901234567890.123456789",' +
      '"doc":{"a":["9007199254740993",{"b":"0.1000000000000000055511151231257827"}],"n":42}}]}';
    const parsed = parseServerMessage(text);
    expect(parsed.kind).toBe('message');
    const row = (parsed as { message: { results: Record<string, unknown>[] } }).message.results[0];
    expect(row.id).toBe('9007199254740993');
    expect(cellText(row.d as string)).toBe('12345678901234567890.123456789');
    expect(cellText(row.doc as never)).toBe(
      '{"a":["9007199254740993",{"b":"0.1000000000000000055511151231257827"}],"n":42}',
    );
  });
});
