// Labels for reads in the UI: what each read violated, by the checkers' judgement. The
// engine decides; views only print the labels.
import { type CheckerName, checkInput, runChecker, type Simulation } from '../../sim/index.js';

const READ_CHECKERS: [CheckerName, string][] = [
  ['stale-read', 'stale'],
  ['read-your-writes', 'read-your-writes'],
  ['monotonic-reads', 'monotonic'],
  ['consistent-prefix', 'consistent-prefix'],
];

const cache = new WeakMap<Simulation, { seq: number; labels: Map<number, string[]> }>();

/** op id → labels such as ['stale', 'read-your-writes'], recomputed only when ops change. */
export function readLabels(sim: Simulation): Map<number, string[]> {
  const hit = cache.get(sim);
  if (hit && hit.seq === sim.opSeq) return hit.labels;
  const input = checkInput(sim);
  const labels = new Map<number, string[]>();
  for (const [name, label] of READ_CHECKERS) {
    for (const a of runChecker(name, input)) {
      if (a.op === undefined) continue;
      const list = labels.get(a.op) ?? [];
      list.push(label);
      labels.set(a.op, list);
    }
  }
  cache.set(sim, { seq: sim.opSeq, labels });
  return labels;
}
