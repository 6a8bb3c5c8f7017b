// The checkers' view of a leaderless run: each write's version, what each read returned,
// the drained replicas, and the conflicts replicas met.
import { drainedStores } from '../leaderless/drained.js';
import { type LeaderlessState, readResultOf, versionOf } from '../leaderless/state.js';
import type { Simulation } from '../simulation.js';
import { lwwNewer, type Store } from '../versioning/versions.js';
import type { VersionView } from './version-view.js';

/**
 * Every write's causal past, derived from the history as the simulator keeps it for scripted
 * clients (generated workload clients keep none): a client's past of a key grows by each
 * write it invokes and by the pasts of what each of its ok reads returned, in the order those
 * happened (invocations and completions share one sequence).
 */
function derivePasts(sim: Simulation, ll: LeaderlessState): Map<number, readonly number[]> {
  const ops = sim.ops;
  const points: { seq: number; op: number; read: boolean }[] = [];
  for (let id = 0; id < ops.length; id++) {
    const rec = ops.at(id)!;
    if (rec.kind === 'write') {
      if (versionOf(ll, id)) points.push({ seq: rec.invokeSeq, op: id, read: false });
    } else if (rec.outcome === 'ok' && rec.completeSeq !== undefined) {
      points.push({ seq: rec.completeSeq, op: id, read: true });
    }
  }
  points.sort((a, b) => a.seq - b.seq);
  const known = new Map<string, readonly number[]>();
  const pasts = new Map<number, readonly number[]>();
  for (const p of points) {
    const client = ops.clientOf(p.op);
    const slot = `${client}\u0000${ops.key(p.op)}`;
    const mine = known.get(slot) ?? [];
    if (!p.read) {
      const v = versionOf(ll, p.op)!;
      const past = mine.slice();
      while (past.length < v.writer) past.push(0);
      past[v.writer] = v.seq;
      pasts.set(p.op, past);
      known.set(slot, past);
      continue;
    }
    let next = mine;
    for (const v of readResultOf(ll, p.op) ?? []) {
      const theirs = pasts.get(v.op) ?? [];
      for (let i = 0; i < theirs.length; i++) {
        if ((theirs[i] ?? 0) > (next[i] ?? 0)) {
          if (next === mine) next = mine.slice();
          while (next.length <= i) (next as number[]).push(0);
          (next as number[])[i] = theirs[i]!;
        }
      }
    }
    known.set(slot, next);
  }
  return pasts;
}

export function leaderlessView(sim: Simulation): VersionView | undefined {
  const ll = sim.leaderless;
  if (!ll) return undefined;
  let drained: Store[] | undefined;
  let pasts: Map<number, readonly number[]> | undefined;
  return {
    topology: 'leaderless',
    conflict: ll.conflict,
    mode: ll.conflict,
    nodeIds: sim.nodes.map((n) => n.id),
    members: Array.from({ length: ll.quorum.n }, (_, i) => i),
    up: sim.nodes.map((n) => n.up),
    versionOf: (op) => versionOf(ll, op),
    readResult: (op) => readResultOf(ll, op),
    drained: () => {
      drained ??= drainedStores(sim, ll);
      return drained;
    },
    conflicts: ll.conflicts.slice(),
    follows: (a, b) => {
      pasts ??= derivePasts(sim, ll);
      return a.op !== b.op && (pasts.get(a.op)?.[b.writer] ?? 0) >= b.seq;
    },
    newer: lwwNewer,
  };
}
