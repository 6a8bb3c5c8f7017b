// Durations, sizes and rates as lesson authors write them ("2s", "16KB", "600GB/h"), turned
// into the simulator's units: milliseconds, bytes, and amounts per millisecond.
// The patterns are exported so the schema (and with it the editor's JSON Schema) accepts
// exactly what these parsers accept.

const MS_PER: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

// Sizes are powers of 1024 whichever spelling is used ("KB" and "KiB" are the same here).
const BYTES_PER: Record<string, number> = {
  B: 1,
  KB: 1024,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
  TB: 1024 ** 4,
  PB: 1024 ** 5,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
  PiB: 1024 ** 5,
};

const NUM = String.raw`\d+(?:\.\d+)?`;
const TIME_UNIT = '(?:ms|s|m|h|d)';
const SIZE_UNIT = '(?:B|KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|PiB)';

export const DURATION_PATTERN = `^${NUM} ?${TIME_UNIT}$`;
export const SIGNED_DURATION_PATTERN = `^-?${NUM} ?${TIME_UNIT}$`;
export const SIZE_PATTERN = `^${NUM} ?${SIZE_UNIT}$`;
export const SIZE_RATE_PATTERN = `^${NUM} ?${SIZE_UNIT}/${TIME_UNIT}$`;
export const COUNT_RATE_PATTERN = `^${NUM}/${TIME_UNIT}$`;

export const DURATION_EXAMPLES = 'a duration like 250ms, 2s, 1m or 6h';
export const SIZE_EXAMPLES = 'a size like 512B, 16KB, 4GB or 51TB';
export const SIZE_RATE_EXAMPLES = 'a rate like 100MB/s or 600GB/h';
export const COUNT_RATE_EXAMPLES = 'a rate like 500/s or 30000/m';

/** A malformed duration, size or rate; the message says what was expected and found. */
export class UnitError extends Error {
  override name = 'UnitError';
}

export type Rate = { bytesPerMs: number } | { countPerMs: number };

/** A short rendering of a value for "found ..." in messages. */
export function showFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    const s = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(s);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return typeof value;
}

function fail(expected: string, found: unknown): never {
  throw new UnitError(`expected ${expected}, found ${showFound(found)}`);
}

const DURATION_RE = /^(-?)(\d+(?:\.\d+)?) ?(ms|s|m|h|d)$/;
const SIZE_RE = /^(\d+(?:\.\d+)?) ?(B|KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|PiB)$/;
const RATE_RE = /^(\d+(?:\.\d+)?)(?: ?(B|KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|PiB))?\/(ms|s|m|h|d)$/;

/**
 * Milliseconds from "250ms", "2s", "1m", "6h", "1d" or a number of milliseconds; rounded to a
 * whole millisecond because virtual time is an integer. Negative only with `signed` (clock skew).
 */
export function parseDuration(input: unknown, opts: { signed?: boolean } = {}): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || (input < 0 && !opts.signed)) fail(DURATION_EXAMPLES, input);
    return Math.round(input);
  }
  if (typeof input !== 'string') fail(DURATION_EXAMPLES, input);
  const m = DURATION_RE.exec(input);
  if (!m || (m[1] === '-' && !opts.signed)) fail(DURATION_EXAMPLES, input);
  const ms = Math.round(Number(m[2]) * MS_PER[m[3]!]!);
  return m[1] === '-' ? -ms : ms;
}

/** Bytes from "512B", "16KB", "4GB", "51TB" (powers of 1024) or a number of bytes. */
export function parseSize(input: unknown): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) fail(SIZE_EXAMPLES, input);
    return Math.round(input);
  }
  if (typeof input !== 'string') fail(SIZE_EXAMPLES, input);
  const m = SIZE_RE.exec(input);
  if (!m) fail(SIZE_EXAMPLES, input);
  return Math.round(Number(m[1]) * BYTES_PER[m[2]!]!);
}

/** Bytes or a count per millisecond from "600GB/h", "100MB/s" or "500/s". */
export function parseRate(input: unknown): Rate {
  if (typeof input !== 'string') fail(`${SIZE_RATE_EXAMPLES}, or ${COUNT_RATE_EXAMPLES}`, input);
  const m = RATE_RE.exec(input);
  if (!m) fail(`${SIZE_RATE_EXAMPLES}, or ${COUNT_RATE_EXAMPLES}`, input);
  const perMs = Number(m[1]) / MS_PER[m[3]!]!;
  return m[2] === undefined ? { countPerMs: perMs } : { bytesPerMs: perMs * BYTES_PER[m[2]]! };
}

/** Bytes per millisecond; a count rate like "500/s" is rejected. */
export function parseSizeRate(input: unknown): number {
  const rate = typeof input === 'string' && RATE_RE.test(input) ? parseRate(input) : null;
  if (!rate || !('bytesPerMs' in rate)) fail(SIZE_RATE_EXAMPLES, input);
  return rate.bytesPerMs;
}

/** A count per millisecond; a size rate like "100MB/s" is rejected. */
export function parseCountRate(input: unknown): number {
  const rate = typeof input === 'string' && RATE_RE.test(input) ? parseRate(input) : null;
  if (!rate || !('countPerMs' in rate)) fail(COUNT_RATE_EXAMPLES, input);
  return rate.countPerMs;
}
