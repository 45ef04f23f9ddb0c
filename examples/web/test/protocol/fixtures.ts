import type { CatalogEntry, Column, ResultRow, RowsMessage } from '../../src/protocol';

/** The catalog as the server lists core's bundled cloudtrail-example.json (core CatalogEntries). */
export const CLOUDTRAIL_CATALOG: CatalogEntry[] = [
  {
    name: 'create-table-events',
    description: "The original design's query, verbatim: CreateTable events in ap-northeast-1, August 2021.",
    default: true,
    parameters: [],
  },
  {
    name: 'events-by-name',
    default: false,
    parameters: [
      { name: 'eventName', type: 'string', required: false, default: 'CreateTable', pattern: '[A-Za-z]{1,64}' },
      {
        name: 'region',
        type: 'string',
        required: false,
        default: 'ap-northeast-1',
        pattern: '[a-z]{2}(-[a-z]+)+-[0-9]',
        maxLength: 32,
      },
      { name: 'startDate', type: 'string', required: false, default: '2021/08/01', pattern: '[0-9]{4}/[0-9]{2}/[0-9]{2}' },
      { name: 'endDate', type: 'string', required: false, default: '2021/09/01', pattern: '[0-9]{4}/[0-9]{2}/[0-9]{2}' },
    ],
  },
  {
    name: 'top-event-names',
    default: false,
    parameters: [
      { name: 'region', type: 'string', required: false, default: 'ap-northeast-1', pattern: '[a-z]{2}(-[a-z]+)+-[0-9]', maxLength: 32 },
      { name: 'startDate', type: 'string', required: false, default: '2021/08/01', pattern: '[0-9]{4}/[0-9]{2}/[0-9]{2}' },
      { name: 'endDate', type: 'string', required: false, default: '2021/09/01', pattern: '[0-9]{4}/[0-9]{2}/[0-9]{2}' },
      { name: 'fromHour', type: 'integer', required: false, default: 0, min: 0, max: 23 },
      { name: 'toHour', type: 'integer', required: false, default: 23, min: 0, max: 23 },
    ],
  },
  {
    name: 'errors-by-region',
    default: false,
    parameters: [
      { name: 'readOnly', type: 'string', required: false, default: 'false', enum: ['true', 'false'] },
      { name: 'startDate', type: 'string', required: true, pattern: '[0-9]{4}/[0-9]{2}/[0-9]{2}' },
      { name: 'endDate', type: 'string', required: true, pattern: '[0-9]{4}/[0-9]{2}/[0-9]{2}' },
    ],
  },
];

export const COLUMNS: Column[] = [
  { name: 'eventname', type: 'varchar' },
  { name: 'n', type: 'bigint' },
];

/** `count` rows starting at `from`: {eventname: "e<i>", n: i}. */
export function rowsFrom(from: number, count: number): ResultRow[] {
  return Array.from({ length: count }, (_, k) => ({ eventname: `e${from + k}`, n: from + k }));
}

/** A `rows` message of `requestId`: seq 0 carries the columns. */
export function chunk(requestId: string, seq: number, results: ResultRow[]): RowsMessage {
  const m: RowsMessage = { type: 'rows', requestId, queryExecutionId: 'qe-1', seq, results };
  if (seq === 0) m.columns = COLUMNS;
  return m;
}
