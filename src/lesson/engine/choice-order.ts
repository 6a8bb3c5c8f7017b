// The order a learner sees a question's choices in. Authors tend to put the right answer in
// the same place; shuffling per learner and question (seeded, so the same learner sees the
// same order again, and a script's --seed fixes it) makes the position carry no hint. Choices
// marked `last` ("none of the above") stay at the end, in the file's order. Answers files and
// saved progress name choices by their place in the file, never by the displayed one.
import { hashString, Prng } from '../../sim/index.js';
import type { Choice, InteractiveStep, Lesson, Step } from '../format/types.js';

/**
 * The displayed order: position → index in the file. `key` names the question (a lesson's
 * step as `<lesson id>/<step label>`, a bank question by its id).
 */
export function choiceOrder(
  seed: number,
  key: string,
  choices: readonly { last?: boolean }[],
): number[] {
  const free = choices.flatMap((c, i) => (c.last ? [] : [i]));
  const rng = new Prng(hashString(`${seed >>> 0}:${key}`));
  for (let i = free.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [free[i], free[j]] = [free[j]!, free[i]!];
  }
  return [...free, ...choices.flatMap((c, i) => (c.last ? [i] : []))];
}

/** Whether a step's choices are shuffled: a routing choice keeps the cluster's node order. */
export function isShuffled(step: Step): step is InteractiveStep {
  if (step.kind === 'quiz' || step.kind === 'predict') return true;
  return step.kind === 'choose' && step.form === 'action';
}

/** The step with its choices in displayed order, and every index (answer, story) moved along. */
export function displayedStep<T extends InteractiveStep>(step: T, order: readonly number[]): T {
  const pos = (fileIndex: number) => order.indexOf(fileIndex);
  const choices: Choice[] = order.map((i) => step.choices[i]!);
  const out = { ...step, choices };
  if ((out.kind === 'quiz' || out.kind === 'predict') && out.answer)
    out.answer = out.answer.map(pos);
  if (out.kind === 'choose' && out.story !== undefined) out.story = pos(out.story);
  return out;
}

/** Each shuffled question's order (position → file index), by step label. */
export type ChoiceOrders = ReadonlyMap<string, readonly number[]>;

/** The lesson as one learner sees it: choices in their displayed order. */
export function displayedLesson(
  lesson: Lesson,
  seed: number,
): { lesson: Lesson; orders: ChoiceOrders } {
  const orders = new Map<string, number[]>();
  const steps = lesson.steps.map((step) => {
    if (!isShuffled(step)) return step;
    const order = choiceOrder(seed, `${lesson.id}/${step.label}`, step.choices);
    orders.set(step.label, order);
    return displayedStep(step, order);
  });
  return { lesson: { ...lesson, steps }, orders };
}
