// What the lesson engine and the UI may ask of a leaderless run beyond the op table: every
// value a read returned (siblings), and a write's version vector.
import type { Simulation } from '../simulation.js';
import type { NodeId, Value } from '../types.js';
import { highest } from '../versioning/causal.js';
import { readResultOf, versionOf } from './state.js';

/** Every value an ok leaderless read returned (one, none, or siblings); else undefined. */
export function quorumReadValues(sim: Simulation, op: number): Value[] | undefined {
  const ll = sim.leaderless;
  return ll ? readResultOf(ll, op)?.map((v) => v.value) : undefined;
}

/** Whether a leaderless read asked one replica (`from: node`) rather than a quorum. */
export function isSingleReplicaRead(sim: Simulation, op: number): boolean {
  return sim.leaderless?.singleReads.has(op) ?? false;
}

/** A leaderless write's version vector, by node id (counters above 0 only). */
export function quorumWriteClock(sim: Simulation, op: number): Record<NodeId, number> | undefined {
  const ll = sim.leaderless;
  const v = ll ? versionOf(ll, op) : undefined;
  if (!v) return undefined;
  const out: Record<NodeId, number> = {};
  // LWW keeps no contexts: its vector is the dot alone.
  const clock = v.full.vv.length + v.full.extra.length > 0 ? highest(v.full) : [];
  if (clock.length === 0) clock[v.dotNode] = v.dotCounter;
  clock.forEach((c, i) => {
    if (c > 0) out[sim.nodes[i]!.id] = c;
  });
  return out;
}
