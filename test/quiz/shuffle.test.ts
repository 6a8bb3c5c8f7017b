// The drill's choices are shuffled per learner and question: the right answer's place
// carries no hint, the same learner (or --seed) sees the same order, `last` stays last, the
// verdict numbers choices as shown, and a routing question keeps the node order.
import { describe, expect, it } from 'vitest';
import { ask } from '../../src/quiz/ask.js';
import { loadBank } from '../../src/quiz/bank.js';
import { parseBankText } from '../../src/quiz/bank-load.js';
import { Drill } from '../../src/quiz/drill.js';
import { exportMarkdown } from '../../src/quiz/export-markdown.js';
import { choiceQ } from './fixtures.js';

const bank = await loadBank();

describe('shuffled drill questions', () => {
  it('spread the right answer evenly over the places shown, over many learners', () => {
    // Questions with one right answer, not one kept last ("none of the above").
    const choice = bank.questions.filter(
      (q) => q.kind === 'choice' && q.answer.length === 1 && !q.last?.includes(q.answer[0]!),
    );
    expect(choice.length).toBeGreaterThan(50);
    // By number of choices: how often the right answer is shown in each place.
    const byCount = new Map<number, number[]>();
    const learners = 200;
    for (const q of choice) {
      if (q.kind !== 'choice') continue;
      const free = q.choices.length - (q.last?.length ?? 0);
      const counts = byCount.get(free) ?? new Array<number>(free).fill(0);
      byCount.set(free, counts);
      const places = new Set<number>();
      for (let learner = 0; learner < learners; learner++) {
        const asked = ask(q, 1, learner);
        const right = asked.grade({ kind: 'skip' }).correctChoices[0]!;
        counts[right]!++;
        places.add(right);
      }
      // Every question's answer moves: where it was written tells a learner nothing.
      expect(places.size, q.id).toBe(free);
    }
    let checked = 0;
    for (const [n, counts] of byCount) {
      const total = counts.reduce((a, b) => a + b, 0);
      if (total < 20 * learners) continue; // too few questions with this many choices
      checked++;
      for (const c of counts) expect(Math.abs(c / total - 1 / n)).toBeLessThan(0.1 / n);
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('are the same for the same learner, and differ between learners', () => {
    const q = bank.questions.find((x) => x.kind === 'choice' && x.choices.length >= 4)!;
    expect(ask(q, 1, 5).choices).toEqual(ask(q, 1, 5).choices);
    const orders = new Set(
      Array.from({ length: 20 }, (_, learner) => ask(q, 1, learner).choices.join('|')),
    );
    expect(orders.size).toBeGreaterThan(1);
    // Without a learner the order is the file's.
    expect(q.kind === 'choice' && ask(q, 1).choices).toEqual(q.kind === 'choice' && q.choices);
  });

  it('grade the choice shown, and number the verdict as shown', () => {
    const q = choiceQ('q1', 'failover', { choices: ['a', 'b', 'c', 'd'], answer: [1] });
    for (let learner = 0; learner < 10; learner++) {
      const asked = ask(q, 1, learner);
      const shown = asked.choices.indexOf('b');
      expect(asked.order[shown]).toBe(1);
      const v = asked.grade({ kind: 'choice', index: shown });
      expect(v).toMatchObject({ correct: true, correctChoices: [shown], given: `${shown + 1}. b` });
      expect(asked.grade({ kind: 'choice', index: (shown + 1) % 4 }).correct).toBe(false);
    }
  });

  it('keep a choice marked last at the end', () => {
    const r = parseBankText(
      `topic: failover
questions:
  - id: none-last
    difficulty: easy
    kind: choice
    question: Which?
    choices: [a, b, c, {label: None of these, last: true}]
    answer: 3
    model: None of them.
    explain: Because.
`,
      'bank.yaml',
      ['failover'],
    );
    expect(r.errors).toEqual([]);
    const q = r.questions[0]!;
    expect(q).toMatchObject({ choices: ['a', 'b', 'c', 'None of these'], last: [3] });
    for (let learner = 0; learner < 50; learner++) {
      const asked = ask(q, 1, learner);
      expect(asked.choices[3]).toBe('None of these');
      expect(asked.grade({ kind: 'skip' }).correctChoices).toEqual([3]);
    }
  });

  it('are asked in the drill and exported in the learner’s order', () => {
    const q = choiceQ('q1', 'failover', { choices: ['a', 'b', 'c', 'd', 'e'], answer: [1] });
    const drill = new Drill([q], { seed: 1, orderSeed: 8, startedAt: 0 });
    const shown = ask(q, 1, 8).choices;
    expect(drill.current()?.choices).toEqual(shown);
    const md = exportMarkdown([q], { seed: 1, orderSeed: 8 });
    const listed = md
      .split('\n')
      .filter((l) => /^\d\. /.test(l))
      .map((l) => l.slice(3));
    expect(listed).toEqual(shown);
    expect(md).toContain(`**Answer:** ${shown.indexOf('b') + 1}. b`);
  });

  it('keep the node order of a routing question', () => {
    const routing = bank.questions.find((x) => x.kind === 'routing');
    if (!routing) return;
    expect(ask(routing, 3, 1).choices).toEqual(ask(routing, 3, 2).choices);
    expect(ask(routing, 3, 1).order).toEqual(ask(routing, 3, 1).choices.map((_, i) => i));
  });
});
