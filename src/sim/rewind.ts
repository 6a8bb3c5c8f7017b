// Rewind by re-simulation: a run is fully determined by its config, seed and recorded
// inputs, so the state at any earlier time is rebuilt by replaying the inputs up to it.
import type { RecordedInput } from './commands.js';
import { Simulation, type SimulationOptions } from './simulation.js';
import type { ClusterConfig, Ms } from './types.js';

/** A fresh simulation that has replayed `inputs` and run until time `t`. */
export function replayTo(
  config: ClusterConfig,
  options: SimulationOptions,
  inputs: readonly RecordedInput[],
  t: Ms,
): Simulation {
  const sim = new Simulation(config, options);
  for (const input of inputs) {
    if (input.t > t) break;
    sim.runUntil(input.t);
    sim.apply(input.cmd);
  }
  sim.runUntil(t);
  return sim;
}

/** The state of `sim` as it was at time `t` (≤ now), as a new simulation. */
export function rewind(
  sim: Simulation,
  t: Ms,
  options: Omit<SimulationOptions, 'seed'> = {},
): Simulation {
  return replayTo(
    sim.initialConfig,
    { ...options, seed: sim.seed },
    sim.inputs,
    Math.min(t, sim.now),
  );
}
