import type { JsonValue } from '../protocol';

/** The text of one result cell: NULL for SQL NULL, JSON for arrays and objects. */
export function cellText(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 1536 -> "1.5 KB" (binary multiples, as Athena's console shows data scanned). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value >= 100 ? 0 : 1)} ${UNITS[unit]}`;
}

/** 1500 -> "1.5 s", 320 -> "320 ms", 125000 -> "2 min 5 s". */
export function formatMillis(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/**
 * When a download link expires, for people: `2024-05-01 12:15:00 UTC (in 15 min)`, or `... (expired)`
 * once `now` (ms since the epoch) is past it. `expiresAt` is the protocol's ISO-8601 UTC text.
 */
export function formatExpiry(expiresAt: string, now: number): string {
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return expiresAt;
  const text = `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const left = at - now;
  if (left <= 0) return `${text} (expired)`;
  const minutes = Math.floor(left / 60_000);
  const relative =
    minutes < 1 ? `${Math.ceil(left / 1000)} s` : minutes < 120 ? `${minutes} min` : `${Math.floor(minutes / 60)} h`;
  return `${text} (in ${relative})`;
}

/** 12345 -> "12,345" (fixed grouping, independent of the browser's locale). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
