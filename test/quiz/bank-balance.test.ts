// Right answers must not be guessable from where they sit: among the drill's choice
// questions with the same number of choices, each position holds the (first) right answer
// about equally often, within one of an even share. The same holds for the quiz and predict
// steps of the bundled lessons, taken together.
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/lesson/catalog/answers-file.js';
import { lessonFiles } from '../../src/lesson/catalog/catalog.js';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import { loadBank } from '../../src/quiz/bank.js';
import type { ChoiceQuestion } from '../../src/quiz/types.js';

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

/**
 * The quiz and predict steps of every bundled lesson with their right choices: a quiz's
 * `answer`, a predict's as graded on a run with the reference answers.
 */
async function lessonQuestions(): Promise<Answered[]> {
  const out: Answered[] = [];
  for (const file of (await lessonFiles('lessons')) ?? []) {
    const loaded = await loadLessonFile(file);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    const id = loaded.lesson.id;
    const answers = await loadAnswersFile(`lessons/answers/${id}.yaml`, loaded.lesson);
    const run = new LessonRunner(loaded.lesson, { answers });
    run.advance();
    for (const step of loaded.lesson.steps) {
      if (step.kind !== 'quiz' && step.kind !== 'predict') continue;
      const rec = run.records.find((r) => r.step === step.label && r.correctChoices);
      if (!rec?.correctChoices) throw new Error(`${id}: ${step.label} was not graded`);
      out.push({ choices: step.choices, answer: rec.correctChoices });
    }
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

  it("spreads the right answers of the lessons' quiz and predict steps evenly too", async () => {
    const questions = await lessonQuestions();
    expect(questions.length).toBeGreaterThan(10);
    expect(unevenPositions(answerPositions(questions))).toEqual([]);
  });

  it('notices a bank that always puts the answer second', () => {
    const skewed = choiceQuestions.map((q) => ({ ...q, answer: [1] }));
    expect(unevenPositions(answerPositions(skewed)).length).toBeGreaterThan(0);
  });
});
