// Rewind by re-simulation: a run is fully determined by its config, seed, options and
// recorded inputs, so the state at any earlier time is rebuilt by replaying the inputs up to
// it. Each input remembers how many events had run when it was given, so a command issued in
// the middle of a millisecond (after single `step()`s) lands at the same point again.
import type { RecordedInput } from './commands.js';
import { Simulation, type SimulationOptions } from './simulation.js';
import type { ClusterConfig, Ms } from './types.js';

/** Runs `sim` to the point where `input` was applied in the original run. */
function advanceTo(sim: Simulation, input: RecordedInput): void {
  if (input.events === undefined) sim.runUntil(input.t);
  else sim.runUntilEvents(input.t, input.events);
}

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
    advanceTo(sim, input);
    sim.apply(input.cmd);
  }
  sim.runUntil(t);
  return sim;
}

/**
 * The state of `sim` as it was at time `t` (≤ now), as a new simulation with the same
 * config, seed and options (`options` overrides some, e.g. `recordMessages`).
 */
export function rewind(
  sim: Simulation,
  t: Ms,
  options: Partial<Omit<SimulationOptions, 'seed'>> = {},
): Simulation {
  return replayTo(
    sim.initialConfig,
    { ...sim.options, ...options, seed: sim.seed },
    sim.inputs,
    Math.min(t, sim.now),
  );
}
