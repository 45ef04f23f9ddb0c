import type { ServerMessage } from './messages';

/** The outcome of reading one server frame. */
export type ParseResult =
  | { kind: 'message'; message: ServerMessage }
  /** A well-formed message of a `type` this client does not know: ignored (protocol v1 rule). */
  | { kind: 'ignored'; type: string }
  /** Not JSON, not an object, or a known `type` with a missing or mistyped required field. */
  | { kind: 'invalid'; reason: string };

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isOptional = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v);
const isString = (v: unknown): v is string => typeof v === 'string';

/** Required fields of each known type, with their checks. */
const REQUIRED: Record<string, Record<string, (v: unknown) => boolean>> = {
  accepted: {
    message: isString,
    resumeToken: (v) => isOptional(v, isString),
    resumed: (v) => isOptional(v, (b) => typeof b === 'boolean'),
  },
  pong: {},
  progress: { state: isString, elapsedMillis: isInt },
  rows: { seq: (v) => isInt(v) && v >= 0, results: (v) => Array.isArray(v) && v.every(isObject) },
  complete: { rowCount: isInt, chunks: isInt },
  error: { code: isString, message: isString },
  catalog: { queries: (v) => Array.isArray(v) && v.every(isCatalogEntry) },
  download: {
    url: (v) => isString(v) && /^https?:\/\//.test(v),
    expiresAt: (v) => isString(v) && !Number.isNaN(Date.parse(v)),
    contentType: isString,
    bytes: (v) => isOptional(v, (b) => isInt(b) && b >= 0),
  },
};

function isCatalogEntry(v: unknown): boolean {
  return (
    isObject(v) &&
    isString(v.name) &&
    Array.isArray(v.parameters) &&
    v.parameters.every((p) => isObject(p) && isString(p.name) && isString(p.type))
  );
}

/**
 * Reads one text frame from the server. Never throws.
 *
 * Checks the fields a client relies on (the discriminant, required fields, `requestId` and
 * `queryExecutionId` when present, `columns` of `rows`); unknown fields are left in place.
 */
export function parseServerMessage(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'not JSON' };
  }
  if (!isObject(value)) {
    return { kind: 'invalid', reason: 'not a JSON object' };
  }
  const type = value.type;
  if (!isString(type)) {
    // API Gateway's own replies, e.g. when a route's Lambda fails:
    // {"message": "Internal server error", "connectionId": "...", "requestId": "..."}
    if (isString(value.message)) {
      return { kind: 'invalid', reason: `API Gateway message: ${value.message.slice(0, 200)}` };
    }
    return { kind: 'invalid', reason: 'no string field "type"' };
  }
  const required = REQUIRED[type];
  if (required === undefined) {
    return { kind: 'ignored', type };
  }
  for (const [field, check] of Object.entries(required)) {
    if (!check(value[field])) {
      return { kind: 'invalid', reason: `${type}: field "${field}" is missing or has the wrong type` };
    }
  }
  for (const field of ['requestId', 'queryExecutionId']) {
    if (!isOptional(value[field], isString)) {
      return { kind: 'invalid', reason: `${type}: field "${field}" must be a string` };
    }
  }
  if (type === 'progress' && !isOptional(value.totalRows, (v) => isInt(v) && v >= 0)) {
    return { kind: 'invalid', reason: 'progress: field "totalRows" must be a non-negative integer' };
  }
  if (type === 'rows' && !isOptional(value.columns, isColumns)) {
    return { kind: 'invalid', reason: 'rows: field "columns" must be an array of {name, type}' };
  }
  return { kind: 'message', message: value as unknown as ServerMessage };
}

function isColumns(v: unknown): boolean {
  return Array.isArray(v) && v.every((c) => isObject(c) && isString(c.name) && isString(c.type));
}
