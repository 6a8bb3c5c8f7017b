// What an invariant is: a property the simulator promises for every run it applies to,
// checked against a simulation as it is (a finished run, or one paused at a checkpoint).
import type { Command } from '../../commands.js';
import type { Simulation } from '../../simulation.js';
import type { Ms } from '../../types.js';
import { QUIET_MS } from './convergence.js';

export interface Invariant {
  readonly name: string;
  /** The property, in one line. */
  readonly says: string;
  /**
   * `always`: a property of the state, checked at checkpoints while the run goes on and at
   * its end. `end`: a property of the whole run, checked once it has finished (and settled).
   */
  readonly when: 'always' | 'end';
  /** Whether this run's config and inputs (so far) promise the property. */
  applies(sim: Simulation): boolean;
  /** Violations found now, one message each (empty: the property holds). */
  check(sim: Simulation): string[];
}

/** One failed check. */
export interface Violation {
  invariant: string;
  message: string;
  /** Virtual time of the check that found it. */
  t: Ms;
}

/** Whether any command given so far satisfies `pred`. */
export function anyInput(sim: Simulation, pred: (cmd: Command) => boolean): boolean {
  for (const input of sim.inputs) if (pred(input.cmd)) return true;
  return false;
}

/** Commands that replace or empty a node's log, which the log properties do not survive. */
export function rewritesLogs(cmd: Command): boolean {
  return cmd.type === 'wipe' || cmd.type === 'restore';
}

/** At most `max` messages, then a count of the rest (one bad run can report thousands). */
export function capped(messages: string[], max = 5): string[] {
  if (messages.length <= max) return messages;
  return [...messages.slice(0, max), `... and ${messages.length - max} more`];
}

/**
 * Whether the run has gone quiet: no command for QUIET_MS, the network whole, every node up
 * and running (what the convergence invariants of versioned stores wait for).
 */
export function quietAndWhole(sim: Simulation): boolean {
  const last = sim.inputs[sim.inputs.length - 1];
  if (last && sim.now - last.t < QUIET_MS) return false;
  if (sim.net.isPartitioned) return false;
  return sim.nodes.every((n) => n.up && !sim.isPaused(n));
}
