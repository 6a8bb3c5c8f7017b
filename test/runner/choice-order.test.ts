// Choices are shuffled per learner and question: the same seed gives the same order, other
// learners see other orders, `last` stays last, routing choices keep the node order, and an
// answer given by its place in the file means the same choice whatever the order shown.
import { describe, expect, it } from 'vitest';
import { loadAnswers } from '../../src/lesson/catalog/answers-file.js';
import { choiceOrder } from '../../src/lesson/engine/choice-order.js';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import type { Lesson } from '../../src/lesson/format/types.js';
import { traceHash } from '../../src/sim/index.js';

async function bundled(id: string): Promise<Lesson> {
  const r = await loadLessonFile(`lessons/${id}.yaml`);
  if (!r.ok) throw new Error(`${id} does not load`);
  return r.lesson;
}

const four = [{}, {}, {}, {}];

describe('choiceOrder', () => {
  it('is fixed by the seed and the question', () => {
    expect(choiceOrder(42, 'lost-tweet/q-duplicate', four)).toEqual(
      choiceOrder(42, 'lost-tweet/q-duplicate', four),
    );
    // Learners keep their order from one release to the next: the algorithm is pinned.
    expect(choiceOrder(42, 'lost-tweet/q-duplicate', four)).toEqual([2, 0, 1, 3]);
    expect([...choiceOrder(7, 'x', four)].sort()).toEqual([0, 1, 2, 3]);
  });

  it('differs between learners and between questions', () => {
    const orders = (seed: number) =>
      ['a', 'b', 'c', 'd', 'e', 'f'].map((q) => choiceOrder(seed, q, four).join(''));
    expect(orders(1)).not.toEqual(orders(2));
    expect(new Set(orders(1)).size).toBeGreaterThan(1);
  });

  it('keeps choices marked last at the end, in the file order', () => {
    const choices = [{}, { last: true }, {}, {}, { last: true }];
    for (let seed = 0; seed < 200; seed++) {
      const order = choiceOrder(seed, 'q', choices);
      expect(order.slice(-2)).toEqual([1, 4]);
      expect([...order].sort()).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('puts each choice in each place about as often, over many learners', () => {
    const counts = four.map(() => [0, 0, 0, 0]);
    const n = 4000;
    for (let seed = 0; seed < n; seed++) {
      choiceOrder(seed, 'q', four).forEach((fileIndex, pos) => {
        counts[fileIndex]![pos]!++;
      });
    }
    for (const row of counts) for (const c of row) expect(Math.abs(c - n / 4)).toBeLessThan(n / 20);
  });
});

describe('a lesson shown to a learner', () => {
  it('shuffles quizzes, predicts and action chooses; routing chooses keep the node order', async () => {
    const l = await bundled('gitlab-2017');
    const r = new LessonRunner(l, { choiceSeed: 3 });
    for (const step of l.steps) {
      if (step.kind !== 'quiz' && step.kind !== 'predict' && step.kind !== 'choose') continue;
      const shown = r.lesson.steps.find((s) => s.label === step.label);
      if (!shown || !('choices' in shown)) throw new Error(step.label);
      const order = r.order(step.label);
      const routed = step.kind === 'choose' && step.form === 'route';
      expect(order === undefined).toBe(routed);
      expect(shown.choices).toEqual(
        (order ?? step.choices.map((_, i) => i)).map((i) => step.choices[i]),
      );
      if (step.kind === 'quiz' && shown.kind === 'quiz')
        expect(shown.answer.map((i) => r.fileIndex(step.label, i))).toEqual(step.answer);
    }
    const lost = await bundled('lost-tweet');
    const routing = lost.steps.find((s) => s.label === 'c-own-profile');
    const shownRouting = new LessonRunner(lost, { choiceSeed: 3 }).lesson.steps.find(
      (s) => s.label === 'c-own-profile',
    );
    expect(shownRouting).toBe(routing);
  });

  it('scores an answers file (labels and file indices) the same whatever the order shown', async () => {
    for (const id of ['lost-tweet', 'disappearing-comment', 'gitlab-2017']) {
      const l = await bundled(id);
      const { choices: answers, tasks } = await loadAnswers(`lessons/answers/${id}.yaml`, l);
      const runs = [undefined, 1, 2, 99].map((choiceSeed) => {
        const r = new LessonRunner(l, { answers, tasks, choiceSeed });
        r.advance();
        expect(r.done).toBe(true);
        return r;
      });
      const [plain, ...shuffled] = runs;
      expect(plain!.score).toBe(plain!.maxScore);
      for (const r of shuffled) {
        expect(r.score).toBe(plain!.score);
        expect(traceHash(r.sim)).toBe(traceHash(plain!.sim));
        // Each answer is recorded as shown, and maps back to the same choice in the file.
        for (const [label, shown] of r.given)
          expect(r.fileIndex(label, shown)).toBe(answers.get(label));
      }
      expect(
        shuffled.some((r) => r.given.some(([label, shown]) => shown !== answers.get(label))),
      ).toBe(true);
    }
  });
});
