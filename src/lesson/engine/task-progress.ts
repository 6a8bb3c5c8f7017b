// Where a task stands: the commands typed so far, the hints shown, the goal's checklist on the
// learner's cluster, and once it is over how it ended and what it scored. The runner owns one
// while a task step runs; the player and plain mode read it.
import type { Simulation } from '../../sim/index.js';
import type { TaskStep } from '../format/types.js';
import { duration } from './describe-outcome.js';
import { checkGoal, type GoalCondition, goalMet, type TaskStart, taskStart } from './task-goal.js';

export type TaskOutcome = 'solved' | 'gave-up' | 'out-of-commands' | 'out-of-time';

/** A command the cluster accepted. */
export interface TaskCommand {
  text: string;
  /** Virtual time it was applied at, and when its result was in. */
  t: number;
  doneAt?: number;
  result?: string;
}

/** Typed instead of a command: the next hint, or the reference solution. */
export const HINT_WORD = 'hint';
export const GIVE_UP_WORDS = ['give up', 'giveup', 'give-up'];

export function isGiveUp(line: string): boolean {
  return GIVE_UP_WORDS.includes(line.trim().toLowerCase().replace(/\s+/g, ' '));
}

export function isHint(line: string): boolean {
  return line.trim().toLowerCase() === HINT_WORD;
}

export class TaskProgress {
  readonly start: TaskStart;
  readonly commands: TaskCommand[] = [];
  hintsShown = 0;
  conditions: GoalCondition[];
  outcome?: TaskOutcome;
  points?: number;

  constructor(
    readonly step: TaskStep,
    sim: Simulation,
  ) {
    this.start = taskStart(sim);
    this.conditions = checkGoal(sim, step.goal, this.start);
  }

  get met(): boolean {
    return goalMet(this.conditions);
  }

  /** The virtual time by which the task ends, solved or not. */
  get endsAt(): number {
    return this.start.t + this.step.limit.time;
  }

  get hints(): readonly string[] {
    return this.step.hints.slice(0, this.hintsShown);
  }

  /** Re-reads the checklist on the learner's cluster. */
  update(sim: Simulation): void {
    this.conditions = checkGoal(sim, this.step.goal, this.start);
  }

  /** Commands or virtual time used so far, against par, in words: "2 commands (par 3)". */
  usage(now: number): string {
    const par = this.step.par;
    if (par.commands !== undefined) {
      const n = this.commands.length;
      return `${n} command${n === 1 ? '' : 's'} (par ${par.commands})`;
    }
    return `${duration(now - this.start.t)} (par ${duration(par.time ?? 0)})`;
  }

  /** Over par: commands (or time) used beyond the step's par. */
  overPar(now: number): boolean {
    return parRatio(this.step, this.commands.length, now - this.start.t) > 1;
  }
}

function parRatio(step: TaskStep, commands: number, elapsed: number): number {
  const par = step.par;
  return par.commands !== undefined ? commands / par.commands : elapsed / (par.time ?? 1);
}

/**
 * Points for a finished task (docs/lesson-authoring.md, "Tasks"): all of them at or under par;
 * one less over par, two less beyond twice par; one less per hint shown; a solved task keeps
 * at least 1. Giving up, or running out of commands or time, scores 0.
 */
export function taskPoints(
  step: TaskStep,
  outcome: TaskOutcome,
  commands: number,
  elapsed: number,
  hints: number,
): number {
  if (outcome !== 'solved') return 0;
  const ratio = parRatio(step, commands, elapsed);
  const overPar = ratio > 2 ? 2 : ratio > 1 ? 1 : 0;
  return Math.max(1, step.points - overPar - hints);
}
