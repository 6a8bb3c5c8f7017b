// Shared measurement primitives for benchmarks: medians of wall times of child processes
// and of in-process functions.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface Figure {
  name: string;
  value: number;
  unit: string;
}

export interface Ratio {
  name: string;
  value: number;
  target: number;
  cmp: '<=' | '>=';
}

export interface BenchResult {
  figures: Figure[];
  ratios: Ratio[];
}

export interface BenchContext {
  root: string;
  cli: string;
  log: (message: string) => void;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Wall time in ms of running `node <args>` to completion once. */
export function spawnMs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore', env });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return ms;
}
