// Statement-based replication re-executes each statement on every node. Whatever a statement
// computes from the node it runs on (its clock, its random numbers, its counters) can differ
// between nodes, and replicas silently diverge. Row-based and WAL shipping evaluate
// once, on the leader, and ship the result.
import type { Prng } from './prng.js';
import type { Value } from './types.js';

/** The non-deterministic calls the simulator knows. SYSDATE() reads the clock like NOW(). */
export const CALL = /\b(NOW|RAND|UUID|SYSDATE)\(\)/g;

export function hasNonDeterministicCall(v: Value): v is string {
  // Every write asks; the cheap substring test spares the regex for plain values.
  return typeof v === 'string' && v.includes('()') && /\b(NOW|RAND|UUID|SYSDATE)\(\)/.test(v);
}

/** Evaluates NOW(), SYSDATE(), RAND() and UUID() in a statement on one node. */
export function evaluateStatement(expr: string, clockMs: number, rng: Prng): Value {
  const whole = expr.trim();
  if (whole === 'RAND()') return round6(rng.next());
  return expr.replace(CALL, (_m, fn: string) => {
    if (fn === 'NOW' || fn === 'SYSDATE') return formatClock(clockMs);
    if (fn === 'RAND') return String(round6(rng.next()));
    return uuid(rng);
  });
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Virtual time as a wall-clock-like string; the simulated day starts at 10:00:00. */
export function formatClock(ms: number): string {
  const t = Math.max(0, Math.floor(ms)) + 10 * 3600 * 1000;
  const h = Math.floor(t / 3_600_000) % 24;
  const m = Math.floor(t / 60_000) % 60;
  const s = Math.floor(t / 1000) % 60;
  const frac = t % 1000;
  const p = (v: number, w = 2) => String(v).padStart(w, '0');
  return `${p(h)}:${p(m)}:${p(s)}.${p(frac, 3)}`;
}

export function uuid(rng: Prng): string {
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const a = hex(rng.nextU32());
  const b = hex(rng.nextU32());
  const c = hex(rng.nextU32());
  const d = hex(rng.nextU32());
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${c.slice(0, 4)}-${c.slice(4)}${d.slice(0, 4)}`;
}
