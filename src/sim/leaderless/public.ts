// What the lesson engine and the UI may ask of a leaderless run beyond the op table: every
// value a read returned (siblings), and a write's version vector.
import type { Simulation } from '../simulation.js';
import type { NodeId, Value } from '../types.js';

/** Every value an ok leaderless read returned (one, none, or siblings); else undefined. */
export function quorumReadValues(sim: Simulation, op: number): Value[] | undefined {
  return sim.leaderless?.readResult.get(op)?.map((v) => v.value);
}

/** A leaderless write's version vector, by node id (counters above 0 only). */
export function quorumWriteClock(sim: Simulation, op: number): Record<NodeId, number> | undefined {
  const v = sim.leaderless?.versionOf.get(op);
  if (!v) return undefined;
  const out: Record<NodeId, number> = {};
  v.clock.forEach((c, i) => {
    if (c > 0) out[sim.nodes[i]!.id] = c;
  });
  return out;
}
