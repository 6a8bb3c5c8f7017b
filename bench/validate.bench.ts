// `replication-tutor validate` of the bundled lessons, as an instructor or CI runs it: every
// lesson under its seeds, graded with the reference answers (checkers over every run). No
// target, printed so that a change that slows grading shows; median of 3 runs.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchContext, type BenchResult, median, spawnMs } from './measure.js';

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const dir = join(ctx.root, 'lessons');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f));
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push(spawnMs([ctx.cli, 'validate', ...files]));
  ctx.log(`validate runs (ms): ${times.map((t) => Math.round(t)).join(', ')}`);
  return {
    figures: [
      {
        name: `validate, ${files.length} bundled lessons`,
        value: Math.round(median(times)) / 1000,
        unit: 's',
      },
    ],
    ratios: [],
  };
}
