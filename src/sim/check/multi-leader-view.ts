// The checkers' view of a multi-leader run: each write's version, what each read returned,
// every node as it will be once drained (what it shows: under replica id the first-listed
// leader's version), and the conflicts leaders met. Causality is the version vector's: a
// version follows another when the leader that accepted it, or its client, had seen the other.
import { drainedShown } from '../multi-leader/drained.js';
import { stampNewer } from '../multi-leader/reconcile.js';
import { readResultOfOp, versionOfOp } from '../multi-leader/state.js';
import type { Simulation } from '../simulation.js';
import { hasDot } from '../versioning/causal.js';
import type { Store } from '../versioning/versions.js';
import type { VersionView } from './version-view.js';

export function multiLeaderView(sim: Simulation): VersionView | undefined {
  const ml = sim.multiLeader;
  if (!ml) return undefined;
  let drained: Store[] | undefined;
  const ids = ml.ids;
  return {
    topology: 'multi-leader',
    conflict: ml.conflict,
    mode: ml.conflict === 'lww' ? 'lww' : 'siblings',
    nodeIds: ids,
    members: sim.nodes.map((n) => n.idx),
    up: sim.nodes.map((n) => n.up),
    versionOf: (op) => versionOfOp(ml, op),
    readResult: (op) => readResultOfOp(ml, op),
    drained: () => {
      drained ??= drainedShown(sim, ml);
      return drained;
    },
    conflicts: ml.conflicts.slice(),
    follows: (a, b) => a.op !== b.op && hasDot(a.context, b.dotNode, b.dotCounter),
    newer: (a, b) => stampNewer(ids, a, b),
  };
}
