// Right answers must not be guessable from where they sit.
//
// The drill's bank: among choice questions with the same number of choices, each position
// holds the (first) right answer about equally often, within one of an even share.
//
// The lessons: choices are shown shuffled per learner (src/lesson/engine/choice-order.ts), so
// what matters is the position a learner *sees*, not the file's order. Over many learner
// seeds, the displayed position of every right choice of the shuffled steps (quiz, predict,
// action choose) must be spread evenly, per number of shuffled choices.
import { describe, expect, it } from 'vitest';
import { displayedLesson, isShuffled } from '../../src/lesson/engine/choice-order.js';
import type { Lesson } from '../../src/lesson/format/types.js';
import { loadBank } from '../../src/quiz/bank.js';
import type { ChoiceQuestion } from '../../src/quiz/types.js';
import { type LessonQuestion, lessonQuestions } from './bundled-questions.js';

const bank = await loadBank();
const choiceQuestions = bank.questions.filter((q): q is ChoiceQuestion => q.kind === 'choice');

interface Answered {
  choices: readonly unknown[];
  answer: readonly number[];
}

/** Per number of choices: how often the first right answer sits at each position. */
function answerPositions(questions: readonly Answered[]): Map<number, number[]> {
  const byCount = new Map<number, number[]>();
  for (const q of questions) {
    const n = q.choices.length;
    const counts = byCount.get(n) ?? new Array<number>(n).fill(0);
    const first = q.answer[0];
    if (first !== undefined) counts[first] = (counts[first] ?? 0) + 1;
    byCount.set(n, counts);
  }
  return byCount;
}

// Learner seeds: the small ones scripts pass with --seed, and seeds spread over the range
// a learner's saved seed is drawn from (0 to 2^31).
const LEARNER_SEEDS = [
  ...Array.from({ length: 100 }, (_, i) => i + 1),
  ...Array.from({ length: 100 }, (_, i) => (i * 21_474_836 + 12_345) % 2 ** 31),
];

/** Per number of shuffled choices: how often a right choice is displayed at each position. */
function displayedPositions(
  questions: readonly LessonQuestion[],
  seeds: readonly number[],
  orderFor: (lesson: Lesson, seed: number) => ReadonlyMap<string, readonly number[]>,
): Map<number, number[]> {
  const byCount = new Map<number, number[]>();
  const lessons = [...new Set(questions.map((q) => q.lesson))];
  for (const seed of seeds) {
    const orders = new Map(lessons.map((l) => [l, orderFor(l, seed)]));
    for (const q of questions) {
      const order = orders.get(q.lesson)!.get(q.label) ?? [];
      const counts = byCount.get(q.shuffled) ?? new Array<number>(q.shuffled).fill(0);
      for (const r of q.right) {
        const pos = order.indexOf(r);
        if (pos < 0) throw new Error(`${q.lesson.id}/${q.label}: choice ${r} is not displayed`);
        counts[pos]! += 1;
      }
      byCount.set(q.shuffled, counts);
    }
  }
  return byCount;
}

/** What a learner is shown: the engine's own displayed order. */
const shown = (lesson: Lesson, seed: number) => displayedLesson(lesson, seed).orders;

/** The file's order, as learners saw it before choices were shuffled. */
const fileOrder = (lesson: Lesson) =>
  new Map(lesson.steps.filter(isShuffled).map((s) => [s.label, s.choices.map((_, i) => i)]));

/**
 * Positions further from an even share than chance allows. With T right choices shown among
 * n positions, a fair shuffle puts Binomial(T, 1/n) at each, standard deviation
 * sqrt(T (1/n)(1 - 1/n)); four of those are allowed, which a fair shuffle exceeds with
 * probability under 0.01 % per position. For the bundled lessons over 200 learners (about
 * 4,600 right choices shown among 3 positions and 3,200 among 4) that is ±128 and ±98: a
 * position favoured by 4 points of percentage is caught, and the file's order (most right
 * answers written second) fails by far.
 */
function unfairPositions(byCount: Map<number, number[]>): string[] {
  const out: string[] = [];
  for (const [n, counts] of byCount) {
    const total = counts.reduce((a, b) => a + b, 0);
    const even = total / n;
    const allowed = 4 * Math.sqrt(total * (1 / n) * (1 - 1 / n));
    counts.forEach((c, i) => {
      if (Math.abs(c - even) > allowed)
        out.push(
          `${n} choices: a right answer is shown as choice ${i + 1} ${c} times of ${total} (even: ${even.toFixed(0)} ± ${allowed.toFixed(0)})`,
        );
    });
  }
  return out;
}

/** Positions whose count is more than one away from an even share, as readable lines. */
function unevenPositions(byCount: Map<number, number[]>): string[] {
  const out: string[] = [];
  for (const [n, counts] of byCount) {
    const total = counts.reduce((a, b) => a + b, 0);
    const even = total / n;
    counts.forEach((c, i) => {
      if (Math.abs(c - even) > 1)
        out.push(
          `${n} choices: the right answer is choice ${i + 1} in ${c} of ${total} questions (even: ${even.toFixed(2)})`,
        );
    });
  }
  return out;
}

describe('answer positions in the bank', () => {
  it('loads, with choice questions to check', () => {
    expect(bank.errors).toEqual([]);
    expect(choiceQuestions.length).toBeGreaterThan(20);
  });

  it('spreads the right answers evenly over the positions, per number of choices', () => {
    expect(unevenPositions(answerPositions(choiceQuestions))).toEqual([]);
  });

  it('notices a bank that always puts the answer second', () => {
    const skewed = choiceQuestions.map((q) => ({ ...q, answer: [1] }));
    expect(unevenPositions(answerPositions(skewed)).length).toBeGreaterThan(0);
  });
});

describe("answer positions the lessons' learners see", async () => {
  const questions = await lessonQuestions();

  it('finds the shuffled questions of every bundled lesson', () => {
    expect(questions.length).toBeGreaterThan(30);
    expect(new Set(questions.map((q) => q.lesson.id)).size).toBeGreaterThan(5);
    expect(questions.every((q) => q.right.length > 0)).toBe(true);
  });

  it('shows the right answers evenly spread over the positions, over 200 learners', () => {
    expect(unfairPositions(displayedPositions(questions, LEARNER_SEEDS, shown))).toEqual([]);
  });

  it('spreads them even if every author had put the right answer second', () => {
    const second = questions.map((q) => ({ ...q, right: [1] }));
    expect(unfairPositions(displayedPositions(second, LEARNER_SEEDS, fileOrder))).not.toEqual([]);
    expect(unfairPositions(displayedPositions(second, LEARNER_SEEDS, shown))).toEqual([]);
  });
});
