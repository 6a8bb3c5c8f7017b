// The run-time side of a lesson's resource limits (the load-time side is
// lesson/format/limits.ts): whatever the estimate missed, no step and no run of a lesson may
// process more simulator events than this, so a lesson from a stranger ends with a clear
// error instead of hanging validate, plain mode or the player. The shipped lessons use well
// under a twentieth of either budget.
import type { Ms, Simulation } from '../../sim/index.js';
import { formatProblem } from '../format/load.js';
import type { SourcePos } from '../format/types.js';

/** Events one step may process: a top-level step, an option's step, one experiment run. */
export const MAX_EVENTS_PER_STEP = 3_000_000;
/** Events one run of a lesson may process on its story (and detour) clusters. */
export const MAX_EVENTS_PER_RUN = 6_000_000;

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Per-step and per-run caps (tests and the fuzz test pass smaller ones). */
export interface EventBudget {
  step: number;
  run: number;
}

export const EVENT_BUDGET: EventBudget = { step: MAX_EVENTS_PER_STEP, run: MAX_EVENTS_PER_RUN };

export class EventBudgetError extends Error {
  constructor(
    readonly scope: 'step' | 'lesson',
    readonly cap: number,
  ) {
    super(
      scope === 'step'
        ? `the step was stopped after ${count(cap)} simulator events without finishing; a step may take at most ${count(cap)}`
        : `the lesson was stopped after ${count(cap)} simulator events; a lesson may take at most ${count(cap)}`,
    );
    this.name = 'EventBudgetError';
  }
}

/**
 * Runs `sim` until `done` holds or virtual time reaches `limit`, processing at most `cap`
 * events; throws EventBudgetError (of `scope`) when the cap stops it first.
 */
export function runBudgeted(
  sim: Simulation,
  done: () => boolean,
  limit: Ms,
  cap = MAX_EVENTS_PER_STEP,
  scope: 'step' | 'lesson' = 'step',
  /** The cap the error names (the step's or the run's), when `cap` is what was left of it. */
  named = cap,
): void {
  const start = sim.eventsProcessed;
  let over = false;
  sim.runUntilCondition(() => {
    if (done()) return true;
    over = sim.eventsProcessed - start >= cap;
    return over;
  }, limit);
  if (over && !done()) throw new EventBudgetError(scope, named);
}

/** A lesson stopped by a budget, as one located line: `file:line:col: step #3: …`. */
export function haltedLine(file: string, p: { pos: SourcePos; step: string; message: string }) {
  return formatProblem({
    file,
    line: p.pos.line,
    col: p.pos.col,
    path: `step ${p.step}`,
    message: p.message,
  });
}
