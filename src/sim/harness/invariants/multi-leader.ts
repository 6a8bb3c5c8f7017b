// The multi-leader invariants (a multi-leader case: generate-multi-leader.ts):
// - siblings-keep-acked-writes-everywhere: with `conflict: siblings` (and no wipe), no
//   acknowledged write is ever lost: every one, or a version that saw it, stays on some node;
// - leaders-converge: once the network is whole, every node up and nothing given for 30 s,
//   every link has drained and every node shows the same versions of every key — under lww
//   and replica-id (one winner everywhere) and siblings (the same set); `none` promises
//   nothing (each leader keeps what arrived last), and a wipe loses what nothing re-sends.
import { checkInput, runChecker } from '../../check/index.js';
import { shown } from '../../multi-leader/reconcile.js';
import type { Simulation } from '../../simulation.js';
import { anyInput, capped, type Invariant, quietAndWhole } from './invariant.js';

const wipes = (sim: Simulation) => anyInput(sim, (c) => c.type === 'wipe');

export const siblingsKeepAckedWritesEverywhere: Invariant = {
  name: 'siblings-keep-acked-writes-everywhere',
  says: 'with siblings, no acknowledged write is ever lost on a multi-leader cluster',
  when: 'always',
  applies: (sim) => sim.multiLeader?.conflict === 'siblings' && !wipes(sim),
  check: (sim) => capped(runChecker('lost-writes', checkInput(sim)).map((a) => a.message)),
};

function ops(vs: readonly { op: number }[]): string {
  return vs
    .map((v) => v.op)
    .sort((a, b) => a - b)
    .join(',');
}

export const leadersConverge: Invariant = {
  name: 'leaders-converge',
  says: 'a quiet, whole multi-leader cluster drains its links and ends with every node alike',
  when: 'end',
  applies: (sim) =>
    sim.multiLeader !== undefined &&
    sim.multiLeader.conflict !== 'none' &&
    !wipes(sim) &&
    quietAndWhole(sim),
  check: (sim) => {
    const ml = sim.multiLeader!;
    const out: string[] = [];
    for (const l of ml.links) {
      const left = l.queue.length - l.head;
      if (left > 0) out.push(`${left} entries still wait on ${ml.ids[l.from]} → ${ml.ids[l.to]}`);
    }
    const keys = new Set<string>();
    for (const s of ml.stores) for (const k of s.keys()) keys.add(k);
    for (const key of keys) {
      const show = (i: number) => ops(shown(ml.stores[i]!.get(key) ?? [], ml.conflict, ml.rank));
      const first = show(0);
      for (let i = 1; i < ml.stores.length; i++) {
        const here = show(i);
        if (here !== first) {
          out.push(`"${key}": ${ml.ids[0]} shows writes [${first}], ${ml.ids[i]} shows [${here}]`);
          break;
        }
      }
    }
    return capped(out);
  },
};
