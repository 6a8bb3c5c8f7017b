// Shrinking a failing case to a small one that fails the same way: drop faults, drop
// operations (delta debugging: halves, then quarters, ... then single steps), then shorten
// (workloads, the run's end, the settling). A candidate is kept only when it still violates
// the same invariant; the seed stays, so whatever the PRNG draws stays seeded.
import type { Command } from '../commands.js';
import type { FuzzCase } from './generate.js';
import type { Invariant } from './invariants/index.js';
import { type RunOptions, runCase } from './run-case.js';
import type { Timed } from './schedule.js';

export interface ShrinkResult {
  case: FuzzCase;
  /** The violation message of the smallest case. */
  message: string;
  /** Cases run while shrinking. */
  attempts: number;
}

export interface ShrinkOptions {
  invariants?: readonly Invariant[];
  /** Most cases to run (default 2,000): shrinking stops there with the best so far. */
  maxAttempts?: number;
  /** How each candidate's simulation is built (RunOptions.simulate). */
  simulate?: RunOptions['simulate'];
}

/** Operations are what clients do; everything else is a fault or a change of the cluster. */
export function isOperation(cmd: Command): boolean {
  return (
    cmd.type === 'write' || cmd.type === 'read' || cmd.type === 'workload' || cmd.type === 'client'
  );
}

export function shrinkCase(
  failing: FuzzCase,
  invariant: string,
  options: ShrinkOptions = {},
): ShrinkResult {
  const max = options.maxAttempts ?? 2000;
  const runOptions: RunOptions = { invariants: options.invariants, simulate: options.simulate };
  let attempts = 0;
  let best = failing;
  let message = violationOf(best, invariant, runOptions) ?? '';

  /** The candidate's message if it fails the same way, else undefined (counts an attempt). */
  const tryCase = (c: FuzzCase): boolean => {
    if (attempts >= max) return false;
    attempts++;
    const m = violationOf(c, invariant, runOptions);
    if (m === undefined) return false;
    best = c;
    message = m;
    return true;
  };

  for (let changed = true; changed && attempts < max; ) {
    changed = false;
    changed =
      dropSteps(
        best,
        (s) => !isOperation(s.cmd),
        tryCase,
        () => best,
      ) || changed;
    changed =
      dropSteps(
        best,
        (s) => isOperation(s.cmd),
        tryCase,
        () => best,
      ) || changed;
    changed = shorten(best, tryCase, () => best) || changed;
  }
  return { case: best, message, attempts };
}

function violationOf(c: FuzzCase, invariant: string, options: RunOptions): string | undefined {
  return runCase(c, options).violations.find((v) => v.invariant === invariant)?.message;
}

/**
 * Delta debugging over the steps `pick` selects: try removing chunks of them, from halves
 * down to single steps; after a success, go on with the smaller case. True if any removal
 * stuck.
 */
function dropSteps(
  start: FuzzCase,
  pick: (s: Timed) => boolean,
  tryCase: (c: FuzzCase) => boolean,
  current: () => FuzzCase,
): boolean {
  let changed = false;
  let chunks = 2;
  for (;;) {
    const c = current();
    const idx = c.steps.flatMap((s, i) => (pick(s) ? [i] : []));
    if (idx.length === 0) break;
    const size = Math.ceil(idx.length / Math.min(chunks, idx.length));
    let removed = false;
    for (let from = 0; from < idx.length; from += size) {
      const drop = new Set(idx.slice(from, from + size));
      if (tryCase({ ...c, steps: c.steps.filter((_, i) => !drop.has(i)) })) {
        removed = true;
        changed = true;
        break;
      }
    }
    if (removed) {
      chunks = Math.max(chunks - 1, 2);
      continue;
    }
    if (size === 1) break;
    chunks *= 2;
  }
  return changed || current() !== start;
}

/** Smaller workloads, an earlier end, less settling: each kept when the case still fails. */
function shorten(
  start: FuzzCase,
  tryCase: (c: FuzzCase) => boolean,
  current: () => FuzzCase,
): boolean {
  // Workloads: fewer clients, shorter.
  for (let i = 0; i < current().steps.length; i++) {
    for (;;) {
      const c = current();
      const s = c.steps[i]!;
      if (s.cmd.type !== 'workload') break;
      const spec = s.cmd.spec;
      const smaller =
        spec.clients > 1
          ? { ...spec, clients: spec.clients - 1 }
          : spec.duration > 50
            ? { ...spec, duration: Math.floor(spec.duration / 2) }
            : undefined;
      if (!smaller) break;
      const steps = c.steps.slice();
      steps[i] = { t: s.t, cmd: { ...s.cmd, spec: smaller } };
      if (!tryCase({ ...c, steps })) break;
    }
  }
  // The end of the schedule: as early as the last step allows, by bisection.
  {
    const c = current();
    let lo = c.steps.length > 0 ? c.steps[c.steps.length - 1]!.t : 0;
    let hi = c.until;
    while (hi - lo > 10) {
      const mid = Math.floor((lo + hi) / 2);
      if (tryCase({ ...current(), until: mid })) hi = mid;
      else lo = mid;
    }
  }
  // No settling at all, else as little as still fails.
  if (current().settle > 0 && !tryCase({ ...current(), settle: 0 })) {
    let lo = 0;
    let hi = current().settle;
    while (hi - lo > 100) {
      const mid = Math.floor((lo + hi) / 2);
      if (tryCase({ ...current(), settle: mid })) hi = mid;
      else lo = mid;
    }
  }
  return current() !== start;
}
