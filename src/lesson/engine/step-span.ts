// How long a step lasts on the simulator's clock when nothing cuts it short, as the lesson
// states it: a `wait`, a workload's duration, an `until`'s limit. The player uses it to play
// a long step (a `wait: 6h`, a 150 s workload) in a few seconds of wall time. Steps whose
// length the lesson does not state (a restore, a copy: they end when the data is in) have
// none here; once started, the runner reports theirs (`LessonRunner.activitySpan`).
import type { Ms } from '../../sim/index.js';
import type { Step } from '../format/types.js';

/** The stated virtual length of `step`; for an action `choose`, of the chosen option's steps. */
export function stepSpan(step: Step, chosen?: number): Ms | undefined {
  switch (step.kind) {
    case 'wait':
      return step.duration;
    case 'until':
      return step.max;
    case 'workload':
      return step.background ? undefined : step.workload.duration;
    case 'predict':
      return stepSpan(step.run);
    case 'choose': {
      if (step.form !== 'action' || chosen === undefined) return undefined;
      const spans = (step.choices[chosen]?.do ?? []).map((s) => stepSpan(s) ?? 0);
      const total = spans.reduce((a, b) => a + b, 0);
      return total > 0 ? total : undefined;
    }
    default:
      return undefined;
  }
}
