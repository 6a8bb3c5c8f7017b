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

export { formatBytes } from '../../lesson/format/byte-size.js';

export function formatValue(value: Value | undefined): string {
  if (value === undefined) return '∅';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
