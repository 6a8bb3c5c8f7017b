// The bundled lessons' shuffled questions with their right choices, for the tests that check
// right answers cannot be guessed (bank-balance: by position; answer-length: by length).
import { loadAnswers } from '../../src/lesson/catalog/answers-file.js';
import { lessonFiles } from '../../src/lesson/catalog/catalog.js';
import { isShuffled } from '../../src/lesson/engine/choice-order.js';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import type { Lesson, Step } from '../../src/lesson/format/types.js';

/** A shuffled step of a bundled lesson and its right choices, as indexes in the file. */
export interface LessonQuestion {
  lesson: Lesson;
  file: string;
  label: string;
  kind: Step['kind'];
  /** Every choice's text, in the file's order. */
  labels: readonly string[];
  /** How many choices are shuffled (choices marked `last` stay at the end). */
  shuffled: number;
  /** The right choices that are shuffled (a right choice marked `last` sits last on purpose). */
  right: readonly number[];
  /** Every right choice, `last` or not. */
  allRight: readonly number[];
}

/**
 * Every shuffled step of every bundled lesson with its right choices: a quiz's `answer`, a
 * predict's or a choose's as graded on a run with the reference answers in file order.
 */
export async function lessonQuestions(): Promise<LessonQuestion[]> {
  const out: LessonQuestion[] = [];
  for (const file of (await lessonFiles('lessons')) ?? []) {
    const loaded = await loadLessonFile(file);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    const lesson = loaded.lesson;
    const { choices: answers, tasks } = await loadAnswers(
      `lessons/answers/${lesson.id}.yaml`,
      lesson,
    );
    // No choiceSeed: the run keeps the file's order, so its records give file indexes.
    const run = new LessonRunner(lesson, { answers, tasks });
    run.advance();
    for (const step of lesson.steps) {
      if (!isShuffled(step)) continue;
      const rec = run.records.find((r) => r.step === step.label && r.correctChoices);
      if (!rec?.correctChoices) throw new Error(`${lesson.id}: ${step.label} was not graded`);
      out.push({
        lesson,
        file,
        label: step.label,
        kind: step.kind,
        labels: step.choices.map((c) => c.label),
        shuffled: step.choices.filter((c) => !c.last).length,
        right: rec.correctChoices.filter((i) => !step.choices[i]!.last),
        allRight: [...rec.correctChoices],
      });
    }
  }
  return out;
}
