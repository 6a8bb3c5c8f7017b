// What the lesson engine and the UI may ask of a multi-leader run beyond the op table and the
// snapshot: every value a read returned (siblings).
import type { Simulation } from '../simulation.js';
import type { Value } from '../types.js';
import { readResultOfOp } from './state.js';

/** Every value an ok multi-leader read returned (one, none, or siblings); else undefined. */
export function multiLeaderReadValues(sim: Simulation, op: number): Value[] | undefined {
  const ml = sim.multiLeader;
  // A read is answered before its reply travels back: only one that came back counts.
  if (!ml || sim.ops.at(op)?.outcome !== 'ok') return undefined;
  return readResultOfOp(ml, op)?.map((v) => v.value);
}
