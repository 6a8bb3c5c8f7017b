// The leaderless lesson's staleness experiment against the closed form of probabilistically
// bounded staleness: its set-up makes exactly w of the 3 replicas hold each write when the
// write is read back, and each read asks r replicas at random, so the share of stale reads
// must be C(3 − w, r) / C(3, r), the figures the lesson's narration quotes.
import { describe, expect, it } from 'vitest';
import { loadAnswers } from '../../src/lesson/catalog/answers-file.js';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';

function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

async function experimentRows(seed: number) {
  const r = await loadLessonFile('lessons/leaderless.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const a = await loadAnswers('lessons/answers/leaderless.yaml', r.lesson);
  const run = new LessonRunner(r.lesson, { answers: a.choices, tasks: a.tasks, seed });
  run.advance();
  expect(run.problems).toEqual([]);
  const table = run.records.find((x) => x.step === 'x-pbs')?.table;
  if (!table) throw new Error('the experiment x-pbs did not run');
  return table;
}

describe('the leaderless lesson’s staleness table', () => {
  it.each([4, 7])('matches C(3 − w, r) / C(3, r) within 6 points (seed %i)', async (seed) => {
    const rows = await experimentRows(seed);
    expect(rows.map((row) => row.policy)).toEqual(['w1r1', 'w1r2', 'w2r1', 'w2r2']);
    for (const row of rows) {
      const [, w, r] = /^w(\d)r(\d)$/.exec(row.policy)!.map(Number) as [number, number, number];
      const expected = choose(3 - w, r) / choose(3, r);
      expect(row.reads).toBeGreaterThan(400);
      expect(row.failed).toBe(0);
      const share = (row.staleReads ?? Number.NaN) / row.reads!;
      expect(Math.abs(share - expected), `${row.policy}: ${share} vs ${expected}`).toBeLessThan(
        0.06,
      );
    }
  });
});
