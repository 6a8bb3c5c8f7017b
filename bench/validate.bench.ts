// `replication-tutor validate` of the bundled lessons, as an instructor or CI runs it: every
// lesson under its seeds, every answer of every graded step played (checkers over every
// run); median of 3 runs. The ratio: playing every path against playing the reference path
// only, in this process, on the same lessons and seeds (CPU time, median of 3). Paths rejoin
// the reference run right after their step, so all of them should cost well under twice one.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  playAllPaths,
  referenceAnswer,
  seedsFor,
  taskSolutions,
} from '../src/lesson/catalog/validate.js';
import { LessonRunner } from '../src/lesson/engine/runner.js';
import { loadLessonFile } from '../src/lesson/format/load.js';
import type { Lesson } from '../src/lesson/format/types.js';
import { type BenchContext, type BenchResult, median, spawnMs } from './measure.js';

/**
 * Per-lesson validate time of the three lessons shipped when the every-path check was asked
 * for (2.3 s, 2.7 s and 4.7 s on this machine, reference path only). The targets set then:
 * at most 1.5 s per lesson for the 20 seeds, at most 10 s per lesson for every path.
 */
const EARLIER_PER_LESSON_MS = (2300 + 2700 + 4700) / 3;
const TARGET_REFERENCE_MS = 1500;
const TARGET_EVERY_PATH_MS = 10_000;

function cpuMs(fn: () => void): number {
  const a = process.cpuUsage();
  fn();
  const b = process.cpuUsage(a);
  return (b.user + b.system) / 1000;
}

// The reference run types each task's solution: without it a run stops at the first task
// and the "every path" ratio compares against a lesson cut short.
function referenceOnly(lessons: readonly Lesson[]): void {
  for (const lesson of lessons) {
    const tasks = taskSolutions(lesson);
    for (const seed of seedsFor(lesson)) {
      const r = new LessonRunner(lesson, {
        seed,
        autoAnswer: referenceAnswer,
        tasks,
        recordMessages: false,
      });
      r.advance();
      if (!r.done)
        throw new Error(`bench: ${lesson.id} stopped at step ${r.cursor} (seed ${seed})`);
    }
  }
}

function everyPath(lessons: readonly Lesson[]): void {
  for (const lesson of lessons) for (const seed of seedsFor(lesson)) playAllPaths(lesson, seed);
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const dir = join(ctx.root, 'lessons');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f));
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push(spawnMs([ctx.cli, 'validate', ...files]));
  ctx.log(`validate runs (ms): ${times.map((t) => Math.round(t)).join(', ')}`);

  const lessons: Lesson[] = [];
  for (const f of files) {
    const r = await loadLessonFile(f);
    if (r.ok) lessons.push(r.lesson);
  }
  referenceOnly(lessons); // warm up
  const ref: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < 3; i++) {
    ref.push(cpuMs(() => referenceOnly(lessons)));
    all.push(cpuMs(() => everyPath(lessons)));
  }
  ctx.log(`reference path only (ms CPU): ${ref.map(Math.round).join(', ')}`);
  ctx.log(`every path (ms CPU): ${all.map(Math.round).join(', ')}`);
  const perLessonRef = median(ref) / lessons.length;
  const perLessonAll = median(all) / lessons.length;
  return {
    figures: [
      {
        name: `validate, ${files.length} bundled lessons`,
        value: Math.round(median(times)) / 1000,
        unit: 's',
      },
      { name: 'validate per lesson, 20 seeds', value: Math.round(perLessonRef) / 1000, unit: 's' },
      {
        name: 'validate per lesson, every path',
        value: Math.round(perLessonAll) / 1000,
        unit: 's',
      },
    ],
    ratios: [
      {
        name: 'validate per lesson (20 seeds) vs the earlier per-lesson time',
        value: perLessonRef / EARLIER_PER_LESSON_MS,
        target: Math.round((100 * TARGET_REFERENCE_MS) / EARLIER_PER_LESSON_MS) / 100,
        cmp: '<=',
      },
      {
        name: 'validate per lesson (every path) vs the earlier per-lesson time',
        value: perLessonAll / EARLIER_PER_LESSON_MS,
        target: Math.round((100 * TARGET_EVERY_PATH_MS) / EARLIER_PER_LESSON_MS) / 100,
        cmp: '<=',
      },
      {
        name: 'validate, every path vs the reference path only',
        value: median(all) / median(ref),
        target: 2,
        cmp: '<=',
      },
    ],
  };
}
