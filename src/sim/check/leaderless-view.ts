// The checkers' view of a leaderless run: each write's version, what each read returned,
// the drained replicas, and the conflicts replicas met.
import { drainedStores, type Store } from '../leaderless/drained.js';
import { type ConflictRecord, readResultOf, versionOf } from '../leaderless/state.js';
import type { LlVersion } from '../leaderless/versions.js';
import type { Simulation } from '../simulation.js';

export interface LeaderlessView {
  mode: 'lww' | 'siblings';
  nodeIds: readonly string[];
  /** Home replicas are node indices [0, n). */
  n: number;
  up: readonly boolean[];
  versionOf(op: number): LlVersion | undefined;
  readResult(op: number): readonly LlVersion[] | undefined;
  /** Replicas (by node index) as they will be once every queue has drained. */
  drained(): readonly Store[];
  conflicts: readonly ConflictRecord[];
}

export function leaderlessView(sim: Simulation): LeaderlessView | undefined {
  const ll = sim.leaderless;
  if (!ll) return undefined;
  let drained: Store[] | undefined;
  return {
    mode: ll.conflict,
    nodeIds: sim.nodes.map((n) => n.id),
    n: ll.quorum.n,
    up: sim.nodes.map((n) => n.up),
    versionOf: (op) => versionOf(ll, op),
    readResult: (op) => readResultOf(ll, op),
    drained: () => {
      drained ??= drainedStores(sim, ll);
      return drained;
    },
    conflicts: ll.conflicts.slice(),
  };
}
