// A fault event's words for the event log. The simulator records what happened in its own
// units (bytes, milliseconds, parameters as key=JSON); people read sizes and durations with
// units: `restore db1 from "manual-snapshot" (300 GB)`, `set db2: lag 15.0s`.
import { formatBytes, formatDuration } from '../text/format.js';

/** Parameters counted in milliseconds (node and cluster settings a `set` step changes). */
const DURATIONS = new Set([
  'lag',
  'replay',
  'clockSkew',
  'ackTimeout',
  'heartbeat',
  'timeout',
  'antiEntropy',
]);
/** Parameters counted in log entries, and their unit. */
const COUNTS: Record<string, string> = {
  throughput: 'entries/s',
  retain: 'entries',
  maxLagOnFailover: 'entries',
  minAcks: 'acks',
};

function isRange(v: unknown): v is { min: number; max: number } {
  return typeof v === 'object' && v !== null && 'min' in v && 'max' in v;
}

/** One `key=JSON` setting as `key value-with-unit`. */
function setting(key: string, raw: string): string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return `${key} ${raw}`;
  }
  if (DURATIONS.has(key)) {
    if (typeof value === 'number') return `${key} ${formatDuration(value)}`;
    if (isRange(value)) return `${key} ${formatDuration(value.min)}–${formatDuration(value.max)}`;
  }
  if (key === 'archive' && typeof value === 'object' && value !== null && 'every' in value) {
    return `archive every ${formatDuration(Number(value.every))}`;
  }
  if (key === 'disk' && typeof value === 'number') return `${key} ${formatBytes(value)}`;
  // Leaderless quorum settings come as one object: each setting in words (`w 1, r 3`).
  if (key === 'leaderlessQuorum' && typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([k, v]) => setting(k, JSON.stringify(v)))
      .join(', ');
  }
  const unit = COUNTS[key];
  if (unit && typeof value === 'number') return `${key} ${value} ${unit}`;
  if (value === undefined || value === null) return `${key} default`;
  return `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`;
}

/** `lag=15000 throughput=25` as `lag 15.0s, throughput 25 entries/s`. */
export function settingsText(detail: string): string {
  const parts = detail.match(/[A-Za-z]+=(?:\{[^}]*\}|"[^"]*"|\S+)/g) ?? [];
  if (parts.length === 0) return detail;
  return parts
    .map((p) => {
      const at = p.indexOf('=');
      return setting(p.slice(0, at), p.slice(at + 1));
    })
    .join(', ');
}

/**
 * Byte counts and milliseconds in a simulator's text, with units people read:
 * `(322125596672 bytes)` as `(300 GB)`, `for 30000 ms` as `for 30.0s`.
 */
export function withUnits(text: string): string {
  return text
    .replace(/\b(\d+) bytes\b/g, (_, n: string) => formatBytes(Number(n)))
    .replace(/\b(\d+) ms\b/g, (_, n: string) => formatDuration(Number(n)));
}

export function faultText(fault: string, node: string | undefined, detail = ''): string {
  const subject = [fault, node].filter((p) => p !== undefined && p !== '').join(' ');
  if (detail === '') return subject;
  if (fault === 'set')
    return `${node === undefined ? 'set cluster' : subject}: ${settingsText(detail)}`;
  const pause = /^(\d+) ms$/.exec(detail);
  if (fault === 'pause' && pause) return `${subject} for ${formatDuration(Number(pause[1]))}`;
  return `${subject} ${withUnits(detail)}`;
}
