// The words a finished task leaves in the narration: how it ended, what it scored against
// par, what was still unmet, and the reference solution as it starts to play.
import type { TaskStep } from '../format/types.js';
import type { TaskOutcome, TaskProgress } from './task-progress.js';

export function describeTaskEnd(
  step: TaskStep,
  task: TaskProgress,
  outcome: TaskOutcome,
  points: number,
  now: number,
): string[] {
  const score = `${points}/${step.points} points`;
  const reference = `The reference solution, which plays next: ${step.solution.join('; ')}.`;
  const hints =
    task.hintsShown === 0
      ? ''
      : `, ${task.hintsShown} hint${task.hintsShown === 1 ? '' : 's'} used`;
  const unmet = task.conditions.filter((c) => !c.met);
  const missing =
    unmet.length === 0
      ? []
      : [`Not reached: ${unmet.map((c) => `${c.text}${c.now ? ` (${c.now})` : ''}`).join('; ')}.`];
  switch (outcome) {
    case 'solved': {
      const over = task.overPar(now) ? ', over par' : '';
      return [`✓ Goal reached with ${task.usage(now)}${over}${hints}: ${score}.`];
    }
    case 'gave-up':
      return [`You gave up after ${task.usage(now)}: ${score}. ${reference}`, ...missing];
    case 'out-of-commands':
      return [
        `✗ Out of commands: the task allows ${step.limit.commands}. ${capitalise(score)}. ${reference}`,
        ...missing,
      ];
    case 'out-of-time':
      return [
        `✗ Out of time: the task's time limit is over. ${capitalise(score)}. ${reference}`,
        ...missing,
      ];
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The solution as inline code: `a`, then `b`, then `c`. */
export function solutionList(step: TaskStep): string {
  return step.solution.map((l) => `\`${l}\``).join(', then ');
}

/** Narration as the reference solution starts (after the cluster is set back, if it was). */
export function solutionText(step: TaskStep, setBack: boolean): string {
  return setBack
    ? `**Back to the story:** the cluster is set back to where the task began, and the reference solution plays: ${solutionList(step)}.`
    : `The reference solution plays: ${solutionList(step)}.`;
}
