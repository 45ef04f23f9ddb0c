/**
 * Exact decimal numbers for validation: `unscaled * 10^-scale`, like Java's BigDecimal, so the client
 * checks digits, scale and bounds exactly as the server does (no floating-point rounding).
 */
export interface Decimal {
  readonly unscaled: bigint;
  readonly scale: number;
}

const NUMBER_TEXT = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;

/** Parses JSON number text (also `007`, which BigDecimal accepts); null when it is not one. */
export function parseDecimal(text: string): Decimal | null {
  const m = NUMBER_TEXT.exec(text);
  if (m === null) return null;
  const fraction = m[3] ?? '';
  const exponent = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exponent)) return null;
  const digits = BigInt(m[2] + fraction);
  return { unscaled: m[1] === '-' ? -digits : digits, scale: fraction.length - exponent };
}

/**
 * The decimal a JS number is sent as: `JSON.stringify` writes the shortest text that reads back as
 * the same double, and the server reads that text exactly.
 */
export function decimalOfNumber(n: number): Decimal | null {
  return Number.isFinite(n) ? parseDecimal(JSON.stringify(n)) : null;
}

const abs = (v: bigint) => (v < 0n ? -v : v);

/** Number of digits of the unscaled value (1 for zero), as BigDecimal.precision(). */
export function precision(d: Decimal): number {
  return d.unscaled === 0n ? 1 : abs(d.unscaled).toString().length;
}

/** As BigDecimal.stripTrailingZeros(): zero becomes scale 0. */
export function stripTrailingZeros(d: Decimal): Decimal {
  if (d.unscaled === 0n) return { unscaled: 0n, scale: 0 };
  let { unscaled, scale } = d;
  while (unscaled % 10n === 0n) {
    unscaled /= 10n;
    scale -= 1;
  }
  return { unscaled, scale };
}

/** -1, 0 or 1 as a < b, a == b, a > b (numerically; scale does not matter). */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.unscaled * 10n ** BigInt(scale - a.scale);
  const y = b.unscaled * 10n ** BigInt(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** As BigDecimal.toPlainString(). */
export function toPlainString(d: Decimal): string {
  const sign = d.unscaled < 0n ? '-' : '';
  const digits = abs(d.unscaled).toString();
  if (d.scale <= 0) return sign + digits + (d.unscaled === 0n ? '' : '0'.repeat(-d.scale));
  const padded = digits.padStart(d.scale + 1, '0');
  const point = padded.length - d.scale;
  return `${sign}${padded.slice(0, point)}.${padded.slice(point)}`;
}
