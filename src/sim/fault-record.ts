// How a fault or a setting change is recorded in the history, the same for every topology:
// settings as `key=JSON` pairs, which the event log turns into words with units.
import type { Simulation } from './simulation.js';
import type { SimNode } from './state.js';

export function recordFault(sim: Simulation, fault: string, node?: SimNode, detail?: string): void {
  sim.record({
    t: sim.now,
    type: 'fault',
    fault,
    ...(node ? { node: node.id } : {}),
    ...(detail !== undefined ? { detail } : {}),
  });
}

/** `{lag: 5000, throughput: 25}` as `lag=5000 throughput=25`. */
export function describeParams(params: object): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ');
}

/*
 * The node faults leaderless and multi-leader clusters share (a leader-based crash or restart
 * also ends leases and starts catch-up: leader/faults.ts). Each says whether it changed
 * anything; the caller then does what its topology needs.
 */

export function crashNode(sim: Simulation, n: SimNode): boolean {
  if (!n.up) return false;
  n.up = false;
  n.inc++;
  recordFault(sim, 'crash', n);
  return true;
}

/** Back up with what it had stored. */
export function restartNode(sim: Simulation, n: SimNode): boolean {
  if (n.up) return false;
  n.up = true;
  n.pausedUntil = 0;
  recordFault(sim, 'restart', n);
  return true;
}

export function pauseNode(sim: Simulation, n: SimNode, ms: number): void {
  n.pausedUntil = Math.max(n.pausedUntil, sim.now + ms);
  recordFault(sim, 'pause', n, `${ms} ms`);
}
