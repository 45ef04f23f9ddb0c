/**
 * Typed messages of athena-ws protocol v1 (docs/protocol.md, docs/asyncapi.yaml).
 *
 * Server messages form a discriminated union on `type`; client messages on `action`. Optional fields
 * the server did not send are absent (the server never sends `null` for them).
 */

/** Any JSON value, as found in result rows (see the value encoding in docs/protocol.md). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A parameter value a client may send: a JSON scalar or null (null counts as absent). */
export type ParameterValue = string | number | boolean | null;

/** Athena's query states as reported in `progress`. */
export type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** The stable error codes of the server. */
export type ServerErrorCode =
  | 'BAD_REQUEST'
  | 'UNKNOWN_QUERY'
  | 'INVALID_PARAMETER'
  | 'QUERY_FAILED'
  | 'QUERY_CANCELLED'
  | 'TIMEOUT'
  | 'ROW_TOO_LARGE'
  | 'ATHENA_BUSY'
  | 'INVALID_TOKEN'
  | 'QUERY_FINISHED'
  | 'RESULT_EXPIRED'
  | 'FORBIDDEN'
  | 'INTERNAL';

/** The parameter types of a catalog (docs/catalog.md). */
export type ParameterType = 'string' | 'integer' | 'decimal' | 'boolean' | 'date' | 'timestamp';

export const PARAMETER_TYPES: readonly ParameterType[] = [
  'string',
  'integer',
  'decimal',
  'boolean',
  'date',
  'timestamp',
];

/** What a client learns about one parameter from a `catalog` message. */
export interface ParameterInfo {
  name: string;
  /** One of {@link ParameterType}; a newer server may send a type this client does not know. */
  type: string;
  required: boolean;
  default?: ParameterValue;
  description?: string;
  /** A Java regular expression the whole string must match. */
  pattern?: string;
  /** Inclusive bound: a number for integers, a string for decimals (value encoding). */
  min?: number | string;
  max?: number | string;
  enum?: ParameterValue[];
  maxLength?: number;
}

export interface CatalogEntry {
  name: string;
  description?: string;
  default: boolean;
  parameters: ParameterInfo[];
}

export interface Column {
  /** Key of the column in each result object. */
  name: string;
  /** Athena type signature, e.g. `integer`, `decimal(10,2)`, `array(varchar)`. */
  type: string;
}

/** One result row keyed by column name. */
export type ResultRow = Record<string, JsonValue>;

export interface QueryStatistics {
  engineExecutionTimeMillis?: number;
  dataScannedBytes?: number;
  totalExecutionTimeMillis?: number;
  queryQueueTimeMillis?: number;
  reusedPreviousResult?: boolean;
}

interface Envelope {
  requestId?: string;
  queryExecutionId?: string;
}

export interface AcceptedMessage extends Envelope {
  type: 'accepted';
  message: string;
  /** What `cancel` and `resume` need (opaque); absent when the deployment has sessions off. */
  resumeToken?: string;
  /** `true` in the answer to `resume`. */
  resumed?: boolean;
}

/** The answer to `ping`. */
export interface PongMessage {
  type: 'pong';
  requestId?: string;
}

export interface ProgressMessage extends Envelope {
  type: 'progress';
  state: QueryState;
  elapsedMillis: number;
  dataScannedBytes?: number;
  /** The result's row count, when Athena's runtime statistics gave it (SUCCEEDED, before rows). */
  totalRows?: number;
}

export interface RowsMessage extends Envelope {
  type: 'rows';
  seq: number;
  /** Only in `seq` 0. */
  columns?: Column[];
  results: ResultRow[];
}

export interface CompleteMessage extends Envelope {
  type: 'complete';
  rowCount: number;
  chunks: number;
  statistics?: QueryStatistics;
}

/** The result as a file: a time-limited URL to its CSV instead of `rows` messages. */
export interface DownloadMessage extends Envelope {
  type: 'download';
  /** Presigned GET URL; a secret until it expires (do not log it). */
  url: string;
  /** ISO-8601 in UTC, e.g. `2024-05-01T12:15:00Z`. */
  expiresAt: string;
  /** `text/csv`. */
  contentType: string;
  /** The file's size; absent when unknown. */
  bytes?: number;
}

/** How the rows of a `query` come: `rows` messages (default) or one `download` link. */
export type Delivery = 'rows' | 'link';

export interface ErrorMessage extends Envelope {
  type: 'error';
  code: ServerErrorCode | string;
  message: string;
  /** The request field or parameter at fault. */
  field?: string;
  athenaErrorCategory?: number;
  athenaErrorType?: number;
  retryable?: boolean;
}

export interface CatalogMessage {
  type: 'catalog';
  requestId?: string;
  queries: CatalogEntry[];
}

export type ServerMessage =
  | AcceptedMessage
  | ProgressMessage
  | RowsMessage
  | CompleteMessage
  | ErrorMessage
  | CatalogMessage
  | DownloadMessage
  | PongMessage;

export interface QueryRequest {
  action: 'query';
  requestId?: string;
  /** Absent: the catalog's default query. */
  query?: string;
  parameters?: Record<string, ParameterValue>;
  /** Absent: rows. */
  delivery?: Delivery;
}

export interface ListQueriesRequest {
  action: 'listQueries';
  requestId?: string;
}

/** Stops a query (docs/protocol.md, `cancel`). */
export interface CancelRequest {
  action: 'cancel';
  requestId?: string;
  queryExecutionId: string;
  resumeToken: string;
}

/** Continues a query after a dropped connection (docs/protocol.md, `resume`). */
export interface ResumeRequest {
  action: 'resume';
  requestId?: string;
  queryExecutionId: string;
  resumeToken: string;
  /** The highest seq held with every seq below it; -1: none. */
  afterSeq: number;
}

/** Keeps the connection alive while a query runs. */
export interface PingRequest {
  action: 'ping';
  requestId?: string;
}

export type ClientMessage = QueryRequest | ListQueriesRequest | CancelRequest | ResumeRequest | PingRequest;

/** The syntax the server requires of a `requestId`. */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
