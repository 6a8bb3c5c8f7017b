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
