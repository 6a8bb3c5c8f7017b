// The drill's right answers must not be guessable from where they sit: among the choice
// questions with the same number of choices, each position holds the (first) right answer
// about equally often, within one of an even share.
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/quiz/bank.js';
import type { ChoiceQuestion } from '../../src/quiz/types.js';

const bank = await loadBank();
const choiceQuestions = bank.questions.filter((q): q is ChoiceQuestion => q.kind === 'choice');

/** Per number of choices: how often the first right answer sits at each position. */
function answerPositions(questions: readonly ChoiceQuestion[]): Map<number, number[]> {
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
