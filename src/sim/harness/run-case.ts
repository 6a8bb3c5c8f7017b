// Runs one fuzz case and checks the invariants: the state invariants at every checkpoint
// while the schedule plays, everything once the run has finished and settled. A run stops at
// the first check that finds a violation. Anything the simulator throws other than a
// refusal (SimulationError), and a clock that goes backwards, are violations too.
import { Simulation } from '../simulation.js';
import { SimulationError } from '../simulation-error.js';
import type { Ms } from '../types.js';
import type { FuzzCase } from './generate.js';
import {
  INVARIANTS,
  type Invariant,
  LEADERLESS_INVARIANTS,
  MULTI_LEADER_INVARIANTS,
  type Violation,
} from './invariants/index.js';

export interface CaseRun {
  sim: Simulation | undefined;
  violations: Violation[];
  /** Commands the simulator refused (as a learner's refused command: skipped). */
  refused: number;
}

export interface RunOptions {
  invariants?: readonly Invariant[];
  /** Virtual ms between checks of the `always` invariants (default 250). */
  checkEvery?: Ms;
  /** Builds the case's simulation, e.g. with hooks (default: its config, seed and clients). */
  simulate?: (c: FuzzCase) => Simulation;
}

/** The name under which anything thrown by the simulator that is not a refusal is reported. */
export const INTERNAL_ERROR = 'no-internal-error';
export const CLOCK = 'clock-moves-forward';

class Stop extends Error {
  constructor(readonly violations: Violation[]) {
    super('violation');
  }
}

/** The invariants a case's topology promises. */
export function invariantsFor(c: FuzzCase): readonly Invariant[] {
  if (c.config.topology === 'leaderless') return LEADERLESS_INVARIANTS;
  if (c.config.topology === 'multi-leader') return MULTI_LEADER_INVARIANTS;
  return INVARIANTS;
}

export function runCase(c: FuzzCase, options: RunOptions = {}): CaseRun {
  const invariants = options.invariants ?? invariantsFor(c);
  const always = invariants.filter((i) => i.when === 'always');
  const every = options.checkEvery ?? 250;
  let sim: Simulation | undefined;
  let refused = 0;
  try {
    sim = options.simulate
      ? options.simulate(c)
      : new Simulation(c.config, { seed: c.seed, clients: c.clients });
    const s = sim;
    let nextCheck = every;
    const runTo = (t: Ms) => {
      while (nextCheck <= t) {
        s.runUntil(nextCheck);
        check(s, always);
        nextCheck += every;
      }
      const before = s.now;
      s.runUntil(t);
      if (s.now < before) stop(s, CLOCK, `the clock went from ${before} back to ${s.now}`);
    };
    for (const { t, cmd } of c.steps) {
      runTo(t);
      try {
        s.apply(cmd);
      } catch (err) {
        if (!(err instanceof SimulationError)) throw err;
        refused++;
      }
    }
    runTo(c.until);
    check(s, always);
    if (c.settle > 0) {
      s.apply({ type: 'heal' });
      for (const n of s.nodes) if (!n.up) s.apply({ type: 'restart', node: n.id });
      runTo(s.now + c.settle);
    }
    check(s, invariants);
    return { sim, violations: [], refused };
  } catch (err) {
    if (err instanceof Stop) return { sim, violations: err.violations, refused };
    const e = err as Error;
    const where = e.stack?.split('\n')[1]?.trim() ?? '';
    return {
      sim,
      violations: [
        {
          invariant: INTERNAL_ERROR,
          message: `${e.name}: ${e.message}${where ? ` (${where})` : ''}`,
          t: sim?.now ?? 0,
        },
      ],
      refused,
    };
  }
}

function stop(sim: Simulation, invariant: string, message: string): never {
  throw new Stop([{ invariant, message, t: sim.now }]);
}

/** Checks `invariants` that apply now; throws Stop with every violation found. */
function check(sim: Simulation, invariants: readonly Invariant[]): void {
  const found: Violation[] = [];
  for (const inv of invariants) {
    if (!inv.applies(sim)) continue;
    for (const message of inv.check(sim)) found.push({ invariant: inv.name, message, t: sim.now });
  }
  if (found.length > 0) throw new Stop(found);
}
