// Formatting of the simulator's numbers for people: durations, sizes, values (points in
// virtual time are story-time.ts's).
import type { Ms, Value } from '../../sim/index.js';

/** A duration, short: `850ms`, `1.2s`, `2m05s`, `17h39m`. */
export function formatDuration(ms: Ms): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds >= 3600) {
    const totalMinutes = Math.round(totalSeconds / 60);
    const h = Math.floor(totalMinutes / 60);
    return `${h}h${String(totalMinutes % 60).padStart(2, '0')}m`;
  }
  const m = Math.floor(totalSeconds / 60);
  const s = totalSeconds % 60;
  return `${m}m${String(s).padStart(2, '0')}s`;
}

const SIZE_UNITS = ['kB', 'MB', 'GB', 'TB'] as const;

/**
 * Bytes in 1024-based units, as pg_size_pretty words them: `340 B`, `1.2 kB`, `6.2 GB`; one
 * decimal below 10, whole numbers above (`300 GB`, not `300.0 GB`).
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit: string = 'B';
  for (const u of SIZE_UNITS) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  return value < 9.95 ? `${value.toFixed(1)} ${unit}` : `${Math.round(value)} ${unit}`;
}

export function formatValue(value: Value | undefined): string {
  if (value === undefined) return '∅';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
