// A version as the UI sees it: value, write, client, clock stamp and version vector (by node
// id). Computing it never changes the simulation.
import type { Simulation } from '../simulation.js';
import type { VersionSnapshot } from '../types.js';
import { highest } from './causal.js';
import type { KeyVersion } from './versions.js';

export function versionSnapshot(sim: Simulation, v: KeyVersion): VersionSnapshot {
  const clock: Record<string, number> = {};
  const vector = v.full.vv.length + v.full.extra.length > 0 ? highest(v.full) : [];
  if (vector.length === 0) vector[v.dotNode] = v.dotCounter;
  vector.forEach((c, i) => {
    if (c > 0) clock[sim.nodes[i]!.id] = c;
  });
  return { value: v.value, op: v.op, client: v.client, stamp: v.stamp, clock };
}
