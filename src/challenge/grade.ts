// Grading: the policy over many seeded cases, stopping at the first that breaks the promise
// (or where the policy throws); a failure is shrunk to its smallest case and re-run with
// every message recorded, so that it can be printed as steps and drawn.
import {
  describeCase,
  type FuzzCase,
  type HistoryEvent,
  type InFlightMessage,
  type OpRecord,
} from '../sim/index.js';
import type { Challenge, ChallengeViolation } from './challenge.js';
import { challengeCase } from './challenge-case.js';
import { addRun, type CostSummary, emptyCost, summarize } from './cost.js';
import { type PlayOptions, playCase, shrinkFailure } from './play-case.js';
import type { Policy } from './policy-types.js';

export const DEFAULT_SEEDS = 1000;

export interface GradeOptions extends PlayOptions {
  /** How many seeds (default 1,000), from `firstSeed` (default 1). */
  seeds?: number;
  firstSeed?: number;
  /** After each case: how many are done. */
  onProgress?(done: number, total: number): void;
  /** Compare a pass with the reference solution over the same seeds (default true). */
  compare?: boolean;
  shrinkAttempts?: number;
  /** Called when a case has failed and shrinking begins. */
  onShrink?(seed: number): void;
  /** Called when every seed passed and the reference solution's cost is computed. */
  onCompare?(): void;
}

/** A run drawn: what the space-time diagram needs. */
export interface RunPicture {
  nodes: string[];
  events: HistoryEvent[];
  ops: OpRecord[];
  /** Entries still on their way when the run ended. */
  inFlight: InFlightMessage[];
  until: number;
}

export interface Counterexample {
  seed: number;
  violation: ChallengeViolation;
  /** The case in words: cluster, clients, one line per step. */
  lines: string[];
  steps: number;
  /** Steps of the case before shrinking. */
  originalSteps: number;
  picture: RunPicture;
}

export type GradeResult =
  | { status: 'passed'; seeds: number; cost: CostSummary; reference?: CostSummary }
  | { status: 'failed'; seeds: number; failure: Counterexample }
  | { status: 'error'; seed: number; message: string };

export function caseFor(challenge: Challenge, seed: number): FuzzCase {
  return challengeCase(seed, challenge.profile, challenge.users);
}

export function grade(
  challenge: Challenge,
  policy: Policy,
  options: GradeOptions = {},
): GradeResult {
  const total = options.seeds ?? DEFAULT_SEEDS;
  const first = options.firstSeed ?? 1;
  const cost = emptyCost();
  for (let i = 0; i < total; i++) {
    const seed = first + i;
    const c = caseFor(challenge, seed);
    const out = playCase(challenge, policy, c, options);
    if (out.error !== undefined) return { status: 'error', seed, message: out.error };
    if (out.violations.length > 0) {
      options.onShrink?.(seed);
      return {
        status: 'failed',
        seeds: i + 1,
        failure: counterexample(challenge, policy, c, options),
      };
    }
    if (out.run) addRun(cost, out.run);
    options.onProgress?.(i + 1, total);
  }
  if (options.compare !== false) options.onCompare?.();
  const reference =
    options.compare === false ? undefined : referenceCost(challenge, first, total, options);
  return { status: 'passed', seeds: total, cost: summarize(cost), reference };
}

/** The reference solution's cost over the same seeds. */
export function referenceCost(
  challenge: Challenge,
  first: number,
  total: number,
  options: Pick<PlayOptions, 'beforeRun'> = {},
): CostSummary {
  const cost = emptyCost();
  for (let seed = first; seed < first + total; seed++) {
    const out = playCase(challenge, challenge.reference, caseFor(challenge, seed), {
      beforeRun: options.beforeRun,
    });
    if (out.run) addRun(cost, out.run);
  }
  return summarize(cost);
}

/** Shrinks a failing case, then plays the smallest one again with every message recorded. */
export function counterexample(
  challenge: Challenge,
  policy: Policy,
  c: FuzzCase,
  options: GradeOptions = {},
): Counterexample {
  const shrunk = shrinkFailure(challenge, policy, c, {
    ...options,
    maxAttempts: options.shrinkAttempts,
  }).case;
  const out = playCase(challenge, policy, shrunk, { ...options, recordMessages: true });
  const violation = out.violations[0] ?? {
    message: out.error ?? 'the shrunk case no longer fails',
    t: 0,
  };
  const sim = out.run?.sim;
  return {
    seed: c.seed,
    violation,
    lines: describeCase(shrunk),
    steps: shrunk.steps.length,
    originalSteps: c.steps.length,
    picture: {
      nodes: sim ? sim.nodes.map((n) => n.id) : shrunk.config.nodes.map((n) => n.id),
      events: sim ? sim.history.toArray() : [],
      ops: sim ? sim.ops.slice() : [],
      inFlight: sim ? sim.snapshot().inFlight : [],
      until: sim ? sim.now : shrunk.until,
    },
  };
}
