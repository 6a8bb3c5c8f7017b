// The shipped lessons, run headless with the reference answers and with wrong ones:
// grades come from what the simulated cluster did, and the feedback quotes its numbers.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAnswers } from '../../src/lesson/catalog/answers-file.js';
import { predictOutcomes } from '../../src/lesson/engine/grading.js';
import { type AutoAnswer, LessonRunner, type StepRecord } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import type { Lesson } from '../../src/lesson/format/types.js';

async function load(id: string): Promise<{
  lesson: Lesson;
  answers: Map<string, number>;
  tasks: Map<string, string[]>;
}> {
  const r = await loadLessonFile(`lessons/${id}.yaml`);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const a = await loadAnswers(`lessons/answers/${id}.yaml`, r.lesson);
  return { lesson: r.lesson, answers: a.choices, tasks: a.tasks };
}

/** Every task of the lesson given up at once. */
const givenUp = (lesson: Lesson) =>
  new Map(lesson.steps.flatMap((s) => (s.kind === 'task' ? [[s.label, ['give up']]] : [])));

const graded = (r: LessonRunner) =>
  r.records.filter((x) => x.correct !== undefined && x.answer !== undefined);

function byLabel(records: StepRecord[]): Map<string, StepRecord> {
  return new Map(records.filter((r) => r.correct !== undefined).map((r) => [r.step, r]));
}

/** Answers every question wrongly, judged from the state at that moment of this run. */
const wrongly: AutoAnswer = (step, runner) => {
  const right =
    step.kind === 'quiz'
      ? step.answer
      : step.kind === 'predict'
        ? predictOutcomes(runner.sim, step)
        : (runner.optionOutcomes() ?? []).filter((o) => o.correct).map((o) => o.index);
  const wrong = step.choices.findIndex((_, i) => !right.includes(i));
  return Math.max(wrong, 0);
};

// Every lesson shipped in lessons/, each with its reference answers.
const LESSONS = readdirSync('lessons')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

describe.each(LESSONS)('%s', (id) => {
  it('completes with the reference answers: every answer right, every expect holds', async () => {
    const { lesson, answers, tasks } = await load(id);
    const r = new LessonRunner(lesson, { answers, tasks });
    r.advance();
    expect(r.done).toBe(true);
    expect(r.problems).toEqual([]);
    const grades = graded(r);
    expect(grades.length).toBe(
      lesson.steps.filter((s) => ['quiz', 'predict', 'choose'].includes(s.kind)).length,
    );
    for (const g of grades)
      expect({ step: g.step, correct: g.correct }).toEqual({ step: g.step, correct: true });
    expect(r.score).toBeGreaterThan(r.maxScore / 2);
    // At least one choose and one predict are graded by the simulated outcome.
    expect(grades.some((g) => g.kind === 'choose' && (g.outcomes?.length ?? 0) > 1)).toBe(true);
    expect(grades.some((g) => g.kind === 'predict')).toBe(true);
    // Each task's reference lines solve it at par: all its points.
    for (const step of lesson.steps) {
      if (step.kind !== 'task') continue;
      const rec = r.records.find((x) => x.step === step.label && x.kind === 'task');
      expect({ task: step.label, points: rec?.points }).toEqual({
        task: step.label,
        points: step.points,
      });
    }
  });

  it('grades wrong answers as wrong, with feedback that names what happened', async () => {
    const { lesson, answers, tasks } = await load(id);
    const right = new LessonRunner(lesson, { answers, tasks });
    right.advance();
    const r = new LessonRunner(lesson, { autoAnswer: wrongly, tasks: givenUp(lesson) });
    r.advance();
    expect(r.done).toBe(true);
    const grades = graded(r);
    expect(grades.length).toBe(graded(right).length);
    for (const rec of grades) {
      expect({ label: rec.step, correct: rec.correct, points: rec.points }).toEqual({
        label: rec.step,
        correct: false,
        points: 0,
      });
      expect(rec.feedback?.[0]).toMatch(/^✗/);
    }
    expect(r.score).toBe(0);
  });
});

describe('feedback facts', () => {
  it('lost-tweet: the reload read is stale, and the feedback quotes replica-2 at LSN 0', async () => {
    const { lesson } = await load('lost-tweet');
    const r = new LessonRunner(lesson, {
      answers: new Map([['p-reload', 0]]),
      tasks: givenUp(lesson),
    });
    r.advance();
    const rec = byLabel(r.records).get('p-reload')!;
    expect(rec.correct).toBe(false);
    expect(rec.feedback?.join('\n')).toContain('replica-2 had applied LSN 0');
    expect(rec.correctChoices).toEqual([1]);
    const read = r.records.find(
      (x) => x.step === 'p-reload.then' || (x.kind === 'read' && x.step.startsWith('p-reload')),
    )!;
    expect(read).toMatchObject({ node: 'replica-2', value: null, lsn: 0, stale: true });
  });

  it('lost-tweet: routing your own read to a lagging replica is wrong, and the counterfactuals say which nodes would have worked', async () => {
    const { lesson, answers, tasks } = await load('lost-tweet');
    const step = lesson.steps.find((s) => s.label === 'c-own-profile');
    if (step?.kind !== 'choose') throw new Error('c-own-profile is not a choose step');
    const lagging = step.choices.findIndex((c) => c.node === 'replica-2');
    const r = new LessonRunner(lesson, {
      answers: new Map([...answers, ['c-own-profile', lagging]]),
      tasks,
    });
    r.advance();
    const rec = byLabel(r.records).get('c-own-profile')!;
    expect(rec.correct).toBe(false);
    const text = rec.feedback!.join('\n');
    expect(text).toContain('✓ primary');
    expect(text).toMatch(/replica-2 had applied LSN \d+\), but your own write is LSN \d+/);
  });
});
