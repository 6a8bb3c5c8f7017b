// One case played with the learner's policy: the simulation harness's runner drives it
// (runCase), the challenge's checker is its one invariant, and a throw or an unusable
// answer of the policy is the run's error. Shrinking uses the same runner.
import {
  type FuzzCase,
  INTERNAL_ERROR,
  type Invariant,
  runCase,
  type Simulation,
  shrinkCase,
} from '../sim/index.js';
import type { Challenge, ChallengeViolation, FinishedRun } from './challenge.js';
import { PolicyRun, type PolicyRunOptions } from './policy-run.js';
import type { Policy } from './policy-types.js';

export interface PlayOptions extends PolicyRunOptions {
  /** Called before each run starts (e.g. to seed Math.random for the learner's code). */
  beforeRun?(seed: number): void;
}

export interface CaseOutcome {
  run: PolicyRun | undefined;
  /** Broken promises (empty: the case passed, or it stopped on an error). */
  violations: ChallengeViolation[];
  /** The policy threw or answered something unusable (or the simulator failed). */
  error?: string;
}

/** Builds runs of one policy and finds the run behind a simulation. */
class Runs {
  private readonly bySim = new WeakMap<Simulation, PolicyRun>();
  last: PolicyRun | undefined;

  constructor(
    private readonly challenge: Challenge,
    private readonly policy: Policy,
    private readonly options: PlayOptions,
  ) {}

  simulate = (c: FuzzCase): Simulation => {
    this.options.beforeRun?.(c.seed);
    const run = new PolicyRun(this.challenge, this.policy, c, this.options);
    this.bySim.set(run.sim, run);
    this.last = run;
    return run.sim;
  };

  invariant(): Invariant {
    const challenge = this.challenge;
    return {
      name: challenge.id,
      says: challenge.summary,
      when: 'end',
      applies: () => true,
      check: (sim) => {
        const run = this.bySim.get(sim);
        if (!run) return [];
        return challenge.check(finished(run)).map((v) => v.message);
      },
    };
  }
}

function finished(run: PolicyRun): FinishedRun {
  return { sim: run.sim, elections: run.elections, unhealthyRoutes: run.unhealthyRoutes };
}

export function playCase(
  challenge: Challenge,
  policy: Policy,
  c: FuzzCase,
  options: PlayOptions = {},
): CaseOutcome {
  const runs = new Runs(challenge, policy, options);
  const result = runCase(c, { invariants: [runs.invariant()], simulate: runs.simulate });
  const run = runs.last;
  if (run?.error) return { run, violations: [], error: run.error };
  const internal = result.violations.find((v) => v.invariant === INTERNAL_ERROR);
  if (internal) return { run, violations: [], error: `the simulator failed: ${internal.message}` };
  if (result.violations.length === 0 || !run) return { run, violations: [] };
  return { run, violations: challenge.check(finished(run)) };
}

/** The smallest case found that still breaks the challenge's promise. */
export function shrinkFailure(
  challenge: Challenge,
  policy: Policy,
  c: FuzzCase,
  options: PlayOptions & { maxAttempts?: number } = {},
): { case: FuzzCase; attempts: number } {
  const runs = new Runs(challenge, policy, options);
  const shrunk = shrinkCase(c, challenge.id, {
    invariants: [runs.invariant()],
    simulate: runs.simulate,
    maxAttempts: options.maxAttempts ?? 1000,
  });
  return { case: shrunk.case, attempts: shrunk.attempts };
}
