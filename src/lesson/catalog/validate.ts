// `validate`: schema and cross-checks (the loader), then headless runs with the reference
// answers over 20 seeds, the lesson's own seed first. Every `expect` must hold on every
// seed; every predict must have exactly one matching choice; every choose must have at
// least one option that meets its goal (so a choose needs no reference answer).

import { predictOutcomes } from '../engine/grading.js';
import { LessonRunner } from '../engine/runner.js';
import { type LessonProblem, loadLessonFile } from '../format/load.js';
import type { InteractiveStep, Lesson } from '../format/types.js';

export const VALIDATION_SEEDS = 20;

export interface ValidationReport {
  file: string;
  lesson?: Lesson;
  errors: LessonProblem[];
  warnings: LessonProblem[];
  seeds: number[];
}

/** The reference answer: the quiz key, the predict choice that will hold, the best choose option. */
export function referenceAnswer(step: InteractiveStep, runner: LessonRunner): number {
  if (step.kind === 'quiz') return step.answer[0] ?? 0;
  if (step.kind === 'predict') return predictOutcomes(runner.sim, step)[0] ?? 0;
  const outcomes = runner.optionOutcomes() ?? [];
  const correct = outcomes.filter((o) => o.correct);
  const cheap = correct.find((o) => !o.usedLeader);
  return (
    (step.form === 'route' && step.prefer === 'replica' ? cheap : undefined)?.index ??
    correct[0]?.index ??
    0
  );
}

export function seedsFor(lesson: Lesson, count = VALIDATION_SEEDS): number[] {
  const seeds = [lesson.seed];
  for (let s = 1; seeds.length < count; s++) if (s !== lesson.seed) seeds.push(s);
  return seeds;
}

/** Runs a loaded lesson over the seeds and collects every problem with where it is. */
export function validateLesson(lesson: Lesson, seeds = seedsFor(lesson)): LessonProblem[] {
  const byMessage = new Map<
    string,
    { p: Omit<LessonProblem, 'message'>; message: string; seeds: number[] }
  >();
  for (const seed of seeds) {
    let runner: LessonRunner;
    try {
      runner = new LessonRunner(lesson, {
        seed,
        autoAnswer: referenceAnswer,
        recordMessages: false,
      });
      runner.advance();
    } catch (err) {
      add(
        byMessage,
        {
          file: lesson.file,
          line: 0,
          col: 0,
          path: '',
          message: `run failed: ${(err as Error).message}`,
        },
        seed,
      );
      continue;
    }
    for (const pr of runner.problems) {
      add(
        byMessage,
        {
          file: lesson.file,
          line: pr.pos.line,
          col: pr.pos.col,
          path: `step ${pr.step}`,
          message: pr.message,
        },
        seed,
      );
    }
  }
  return [...byMessage.values()].map(({ p, message, seeds: s }) => ({
    ...p,
    message:
      s.length === seeds.length
        ? `${message} (on every seed)`
        : `${message} (seed${s.length > 1 ? 's' : ''} ${s.join(', ')})`,
  }));
}

function add(
  acc: Map<string, { p: Omit<LessonProblem, 'message'>; message: string; seeds: number[] }>,
  p: LessonProblem,
  seed: number,
): void {
  const key = `${p.line}:${p.col}:${p.path}:${p.message}`;
  const cur = acc.get(key);
  if (cur) cur.seeds.push(seed);
  else
    acc.set(key, {
      p: { file: p.file, line: p.line, col: p.col, path: p.path },
      message: p.message,
      seeds: [seed],
    });
}

export async function validateFile(file: string): Promise<ValidationReport> {
  const loaded = await loadLessonFile(file);
  if (!loaded.ok) return { file, errors: loaded.errors, warnings: loaded.warnings, seeds: [] };
  const seeds = seedsFor(loaded.lesson);
  return {
    file,
    lesson: loaded.lesson,
    errors: validateLesson(loaded.lesson, seeds),
    warnings: loaded.warnings,
    seeds,
  };
}
