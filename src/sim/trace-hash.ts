// A fingerprint of a run: every history event and every operation's outcome. Two runs with
// the same config, seed and inputs must hash the same.
import { hashString } from './prng.js';
import type { Simulation } from './simulation.js';

export function traceHash(sim: Simulation): string {
  let h = 0x811c9dc5;
  for (const ev of sim.history) h = hashString(JSON.stringify(ev), h);
  for (const op of sim.ops) h = hashString(JSON.stringify(op), h);
  for (const n of sim.nodes)
    h = hashString(`${n.id}:${n.role}:${n.epoch}:${n.log.length}:${n.applied}`, h);
  return h.toString(16).padStart(8, '0');
}
