// What the lesson engine and the UI may ask of a multi-leader run beyond the op table and the
// snapshot: every value a read returned (siblings), whether a node has caught up.
import type { Simulation } from '../simulation.js';
import type { Value } from '../types.js';
import { readResultOfOp } from './state.js';

/**
 * Whether a node of a multi-leader cluster is up and nothing waits on a link into it — nor,
 * for a follower, into any node up its chain to its leader.
 */
export function multiLeaderCaughtUp(sim: Simulation, node: string): boolean {
  const ml = sim.multiLeader;
  const n = sim.node(node);
  if (!ml || !n.up) return false;
  for (let at = n.idx; at >= 0; at = ml.source[at]!) {
    if (ml.links.some((l) => l.to === at && l.head < l.queue.length)) return false;
  }
  return true;
}

/** Every value an ok multi-leader read returned (one, none, or siblings); else undefined. */
export function multiLeaderReadValues(sim: Simulation, op: number): Value[] | undefined {
  const ml = sim.multiLeader;
  // A read is answered before its reply travels back: only one that came back counts.
  if (!ml || sim.ops.at(op)?.outcome !== 'ok') return undefined;
  return readResultOfOp(ml, op)?.map((v) => v.value);
}
