import type { CatalogEntry, ParameterInfo, ParameterValue } from './messages';
import {
  compareDecimal,
  decimalOfNumber,
  parseDecimal,
  precision,
  stripTrailingZeros,
  toPlainString,
  type Decimal,
} from './decimal';

/**
 * Client-side mirror of the server's parameter validation (core `dev.athenaws.catalog`:
 * `QueryBinder`, `ValueRules`, `Numbers`, `Temporals`; docs/catalog.md). Same checks, same order and
 * the same reason texts, so a form can show the server's message before sending anything. The
 * server stays the authority: this only saves a round trip.
 *
 * Known differences: a `pattern` is a Java regex; one that JavaScript cannot compile is left to the
 * server. A non-finite JS number is refused here because JSON would turn it into `null`.
 */

/** One refused parameter: `message` equals the server's `error.message` for the same fault. */
export interface ParameterProblem {
  parameter: string;
  reason: string;
  message: string;
}

/** Athena's limit on one ExecutionParameters item. */
export const MAX_LITERAL_CHARS = 1024;
/** The longest string that fits once quoted. */
export const MAX_STRING_CHARS = MAX_LITERAL_CHARS - 2;

const MAX_DECIMAL_DIGITS = 38;
const MAX_BIGINT = 9223372036854775807n;
const INTEGER_TEXT = /^-?[0-9]{1,19}$/;
const DECIMAL_TEXT = /^-?[0-9]{1,38}(\.[0-9]{1,38})?$/;
const DATE_TEXT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const TIMESTAMP_TEXT =
  /^([0-9]{4}-[0-9]{2}-[0-9]{2})[ T]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?$/;
const MAX_TEMPORAL_CHARS = 32;
const EXCERPT_CHARS = 64;

/** As the server's `Excerpt.of`: at most 64 UTF-16 units plus "...", control characters as '?'. */
export function excerpt(text: string): string {
  let end = Math.min(text.length, EXCERPT_CHARS);
  if (end > 0 && end < text.length && isHigh(text.charCodeAt(end - 1))) end--;
  let out = '';
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    out += c <= 0x1f || (c >= 0x7f && c <= 0x9f) ? '?' : text[i];
  }
  return end < text.length ? out + '...' : out;
}

/** The message the server sends for a refused parameter. */
export function problemMessage(parameter: string, reason: string): string {
  return `Invalid parameter '${excerpt(parameter)}': ${reason}`;
}

/**
 * Checks every value against `entry`'s parameters. Returns all problems, in the server's order
 * (undeclared names first, then the parameters in declaration order), so the first one is what the
 * server would report. `undefined` and `null` count as absent.
 */
export function validateParameters(
  entry: CatalogEntry,
  values: Record<string, ParameterValue | undefined>,
): ParameterProblem[] {
  const problems: ParameterProblem[] = [];
  const add = (parameter: string, reason: string) =>
    problems.push({ parameter, reason, message: problemMessage(parameter, reason) });
  const declared = new Set(entry.parameters.map((p) => p.name));
  for (const key of Object.keys(values)) {
    if (!declared.has(key)) add(key, `is not a parameter of query '${entry.name}'`);
  }
  for (const spec of entry.parameters) {
    const value = values[spec.name];
    if (value === undefined || value === null) {
      if (spec.required) add(spec.name, 'is required');
      continue;
    }
    const reason = checkValue(spec, value);
    if (reason !== null) add(spec.name, reason);
  }
  return problems;
}

/**
 * Checks one present value against its parameter's type and rules.
 *
 * @returns the server's reason text (e.g. `must be <= 23`), or null when the value is accepted or
 *     the parameter type is unknown to this client
 */
export function checkValue(spec: ParameterInfo, value: Exclude<ParameterValue, null>): string | null {
  switch (spec.type) {
    case 'string':
      return checkString(spec, value);
    case 'integer':
      return checkInteger(spec, value);
    case 'decimal':
      return checkDecimal(spec, value);
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be a JSON boolean (true or false)';
    case 'date':
      return checkDate(value);
    case 'timestamp':
      return checkTimestamp(value);
    default:
      return null;
  }
}

function checkString(spec: ParameterInfo, value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a JSON string';
  const maxLength = spec.maxLength ?? MAX_STRING_CHARS;
  if (value.length > maxLength) return `must be at most ${maxLength} characters`;
  const chars = checkCharacters(value);
  if (chars !== null) return chars;
  const pattern = spec.pattern === undefined ? null : compilePattern(spec.pattern);
  if (pattern !== null && !pattern.test(value)) {
    return `must match the pattern ${excerpt(spec.pattern ?? '')}`;
  }
  const allowed = spec.enum;
  if (allowed !== undefined && allowed.length > 0 && !allowed.includes(value)) {
    return `must be one of the allowed values ${excerpt(`[${allowed.join(', ')}]`)}`;
  }
  const quoted = value.replaceAll("'", "''").length + 2;
  if (quoted > MAX_LITERAL_CHARS) {
    return `is too long once quoted (at most ${MAX_LITERAL_CHARS} characters)`;
  }
  return null;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function checkCharacters(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) {
      return 'must not contain control characters other than tab, newline and carriage return';
    }
    if (isHigh(c)) {
      if (i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      return 'must not contain unpaired surrogate characters';
    }
    if (isLow(c)) return 'must not contain unpaired surrogate characters';
  }
  return null;
}

const patterns = new Map<string, RegExp | null>();

/**
 * A Java regex as a whole-string JavaScript RegExp (Java's `matches()`), or null when JavaScript
 * cannot compile it (possessive quantifiers, `\p{Alpha}`, ...): then only the server checks it.
 */
export function compilePattern(pattern: string): RegExp | null {
  let compiled = patterns.get(pattern);
  if (compiled === undefined) {
    compiled = tryRegExp(pattern, 'u') ?? tryRegExp(pattern, '');
    patterns.set(pattern, compiled);
  }
  return compiled;
}

function tryRegExp(pattern: string, flags: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`, flags);
  } catch {
    return null;
  }
}

/** The decimal a JSON value is read as, or null when it is neither a number nor matching text. */
function numberValue(value: unknown, text: RegExp): Decimal | null {
  if (typeof value === 'string') return text.test(value) ? parseDecimal(value) : null;
  if (typeof value === 'number') return decimalOfNumber(value);
  return null;
}

function checkInteger(spec: ParameterInfo, value: unknown): string | null {
  if (typeof value === 'number' && !Number.isFinite(value)) return 'must be a finite number';
  let number = numberValue(value, INTEGER_TEXT);
  if (number === null) return 'must be an integer';
  if (number.unscaled !== 0n) {
    if (precision(number) > MAX_DECIMAL_DIGITS) return 'must be an integer of at most 19 digits';
    if (number.scale > 0) {
      number = stripTrailingZeros(number);
      if (number.scale > 0) return 'must be a whole number';
    }
    const whole = number.unscaled * 10n ** BigInt(-number.scale);
    if (whole > MAX_BIGINT || whole < -MAX_BIGINT) {
      return 'must be between -9223372036854775807 and 9223372036854775807';
    }
  }
  return checkRange(spec, number);
}

function checkDecimal(spec: ParameterInfo, value: unknown): string | null {
  if (typeof value === 'number' && !Number.isFinite(value)) return 'must be a finite number';
  if (typeof value === 'string' && value.length > 2 * MAX_DECIMAL_DIGITS + 2) {
    return 'must be a decimal number';
  }
  const number = numberValue(value, DECIMAL_TEXT);
  if (number === null) return 'must be a decimal number';
  const p = precision(number);
  const digits = number.scale <= 0 ? p - number.scale : Math.max(p, number.scale);
  if (digits > MAX_DECIMAL_DIGITS) return `must have at most ${MAX_DECIMAL_DIGITS} digits`;
  return checkRange(spec, number);
}

function bound(b: number | string | undefined): Decimal | null {
  if (b === undefined) return null;
  return typeof b === 'number' ? decimalOfNumber(b) : parseDecimal(b);
}

function checkRange(spec: ParameterInfo, value: Decimal): string | null {
  const min = bound(spec.min);
  if (min !== null && compareDecimal(value, min) < 0) return `must be >= ${toPlainString(min)}`;
  const max = bound(spec.max);
  if (max !== null && compareDecimal(value, max) > 0) return `must be <= ${toPlainString(max)}`;
  return null;
}

function checkDate(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_TEMPORAL_CHARS || !DATE_TEXT.test(value)) {
    return 'must be a date string yyyy-MM-dd';
  }
  return checkCalendarDate(value);
}

function checkTimestamp(value: unknown): string | null {
  const m =
    typeof value === 'string' && value.length <= MAX_TEMPORAL_CHARS ? TIMESTAMP_TEXT.exec(value) : null;
  if (m === null) return 'must be a timestamp string yyyy-MM-dd HH:mm:ss[.fffffffff]';
  const date = checkCalendarDate(m[1]);
  if (date !== null) return date;
  if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4]) > 59) return 'is not a valid time of day';
  return null;
}

/** `yyyy-MM-dd` already matched: a real proleptic Gregorian date in years 0001..9999. */
function checkCalendarDate(text: string): string | null {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12 || day < 1 || day > days[month - 1]) return 'is not a real calendar date';
  if (year < 1) return 'year must be between 0001 and 9999';
  return null;
}
