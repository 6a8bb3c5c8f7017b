// `replication-tutor validate` of the bundled lessons, as an instructor or CI runs it: every
// lesson under its seeds, every answer of every graded step played (checkers over every
// run); median of 3 runs. The ratio: playing every path against playing the reference path
// only, in this process, on the same lessons and seeds (CPU time, median of 3). Paths rejoin
// the reference run right after their step, so all of them should cost well under twice one.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { playAllPaths, referenceAnswer, seedsFor } from '../src/lesson/catalog/validate.js';
import { LessonRunner } from '../src/lesson/engine/runner.js';
import { loadLessonFile } from '../src/lesson/format/load.js';
import type { Lesson } from '../src/lesson/format/types.js';
import { type BenchContext, type BenchResult, median, spawnMs } from './measure.js';

function cpuMs(fn: () => void): number {
  const a = process.cpuUsage();
  fn();
  const b = process.cpuUsage(a);
  return (b.user + b.system) / 1000;
}

function referenceOnly(lessons: readonly Lesson[]): void {
  for (const lesson of lessons)
    for (const seed of seedsFor(lesson)) {
      const r = new LessonRunner(lesson, {
        seed,
        autoAnswer: referenceAnswer,
        recordMessages: false,
      });
      r.advance();
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
  return {
    figures: [
      {
        name: `validate, ${files.length} bundled lessons`,
        value: Math.round(median(times)) / 1000,
        unit: 's',
      },
    ],
    ratios: [
      {
        name: 'validate, every path vs the reference path only',
        value: median(all) / median(ref),
        target: 2,
        cmp: '<=',
      },
    ],
  };
}
