// Exact copies of a simulation. A run is a function of its config, seed, options and recorded
// inputs, so a copy is made by replaying the inputs; each input remembers how many events had
// run when it was given, and the copy stops after as many events as the original processed,
// so a copy taken in the middle of a millisecond is the same state, not the end of that
// millisecond. The same fact makes two runs comparable cheaply: equal inputs and an equal
// position mean an equal state, and so an equal future.
import { type RecordedInput, Simulation } from '../../sim/index.js';

function replayInput(sim: Simulation, input: RecordedInput): void {
  if (input.events === undefined) sim.runUntil(input.t);
  else sim.runUntilEvents(input.t, input.events);
  sim.apply(input.cmd);
}

/** A new simulation in exactly the state of `sim`. */
export function exactCopy(sim: Simulation): Simulation {
  const copy = new Simulation(sim.initialConfig, { ...sim.options, seed: sim.seed });
  for (const input of sim.inputs) replayInput(copy, input);
  copy.runUntilEvents(sim.now, sim.eventsProcessed);
  return copy;
}

/**
 * Brings `copy` (a copy of an earlier state of `sim`'s run) up to `sim`'s state by replaying
 * the inputs it has not seen. False, with `copy` unchanged, when it is not on `sim`'s run.
 */
export function catchUp(copy: Simulation, sim: Simulation): boolean {
  const from = copy.inputs.length;
  if (
    from > sim.inputs.length ||
    copy.now > sim.now ||
    copy.eventsProcessed > sim.eventsProcessed ||
    copy.seed !== sim.seed ||
    !sameInputs(copy.inputs, sim.inputs, from)
  )
    return false;
  // The run's next input must come after the point the copy has reached.
  const next = sim.inputs[from];
  if (next && (next.t < copy.now || (next.events ?? 0) < copy.eventsProcessed)) return false;
  for (const input of sim.inputs.slice(from)) replayInput(copy, input);
  copy.runUntilEvents(sim.now, sim.eventsProcessed);
  return true;
}

function sameInput(a: RecordedInput, b: RecordedInput): boolean {
  return (
    a === b ||
    (a.t === b.t && a.events === b.events && JSON.stringify(a.cmd) === JSON.stringify(b.cmd))
  );
}

function sameInputs(a: readonly RecordedInput[], b: readonly RecordedInput[], n: number): boolean {
  for (let i = n - 1; i >= 0; i--) if (!sameInput(a[i]!, b[i]!)) return false;
  return true;
}

/**
 * Whether two simulations of one lesson and seed are provably in the same state: the same
 * inputs given at the same points, and the same position. `sharedPrefix` inputs are known to
 * be equal already (both runs were copied from one state) and are not compared again.
 */
export function sameState(a: Simulation, b: Simulation, sharedPrefix = 0): boolean {
  if (a === b) return true;
  if (a.seed !== b.seed || a.now !== b.now || a.eventsProcessed !== b.eventsProcessed) return false;
  if (a.inputs.length !== b.inputs.length) return false;
  for (let i = a.inputs.length - 1; i >= sharedPrefix; i--)
    if (!sameInput(a.inputs[i]!, b.inputs[i]!)) return false;
  return true;
}
