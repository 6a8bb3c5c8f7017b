// Lesson 6, "Adding a follower": the numbers its narration quotes come from the simulator.
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/lesson/catalog/answers-file.js';
import { LessonRunner, type StepRecord } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import type { Lesson } from '../../src/lesson/format/types.js';

const ID = 'adding-a-follower';

async function run(override: [string, number][] = []): Promise<LessonRunner> {
  const r = await loadLessonFile(`lessons/${ID}.yaml`);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const lesson: Lesson = r.lesson;
  const answers = await loadAnswersFile(`lessons/answers/${ID}.yaml`, lesson);
  const runner = new LessonRunner(lesson, { answers: new Map([...answers, ...override]) });
  runner.advance();
  expect(runner.done).toBe(true);
  return runner;
}

const byStep = (r: LessonRunner, step: string): StepRecord => {
  const rec = r.records.find((x) => x.step === step);
  if (!rec) throw new Error(`no record for ${step}`);
  return rec;
};

describe('adding-a-follower', () => {
  it('copies 60 GB at 100 MB/s in about 10 min 14 s, then starts from the snapshot LSN', async () => {
    const r = await run();
    const started = r.records.find((x) => x.kind === 'addFollower')!.t;
    // Nine minutes in it is still copying (the predict's answer is "still copying"), whether
    // a GB is counted as 1,000 or 1,024 MB: the question does not hinge on the unit.
    expect(byStep(r, 'p-copy').correctChoices).toEqual([0]);
    expect(byStep(r, 'p-copy.then').t - started).toBe(9 * 60_000 + 2);
    const copied = r.records.find((x) => x.kind === 'until' && x.t > started)!;
    expect(copied.held).toBe(true);
    // 60 GiB plus a few KB of entries at 100 MiB/s: 614.4 s.
    expect(copied.t - started).toBeGreaterThan(614_000);
    expect(copied.t - started).toBeLessThan(615_000);
    // The first reads after the copy answer from the snapshot: LSN 3, without order:1004.
    const reads = r.records.filter((x) => x.kind === 'read' && x.node === 'replica-2');
    expect(reads[0]).toMatchObject({ key: 'order:1003', lsn: 3 });
    expect(reads[1]).toMatchObject({ key: 'order:1004', lsn: 3, value: null });
    expect(reads[2]).toMatchObject({ key: 'order:1004', value: '1 × Brazil Cerrado, 500 g' });
  });

  it('describes a background addFollower as a copy that has only started', async () => {
    const r = await run();
    const add = r.records.find((x) => x.kind === 'addFollower')!;
    expect(add.summary).toMatch(
      /^new follower replica-2 started copying a 60 GB snapshot of primary \(up to LSN 3\) at 100 MB\/s; done at t=\d+\.\d{3}s \(in 10m 14s\)$/,
    );
    expect(add.summary).not.toMatch(/copied|catching up/);
  });

  it('a restart within the retained log catches up; past it, only a re-seed helps', async () => {
    const r = await run();
    expect(byStep(r, 'p-restart').correctChoices).toEqual([0]);
    const choose = byStep(r, 'c-resync');
    const right = (choose.outcomes ?? []).filter((o) => o.correct).map((o) => o.label);
    expect(right).toEqual([
      'Re-seed it: copy a fresh snapshot of the primary onto it, then let it catch up from there',
    ]);
    for (const o of (choose.outcomes ?? []).filter((x) => !x.correct)) {
      expect(o.summary).toContain('replica-1 needs a resync');
    }
  });

  it('waiting for a follower that needs a resync is graded wrong, with what it did', async () => {
    const r = await run([['c-resync', 0]]);
    const rec = byStep(r, 'c-resync');
    expect(rec.correct).toBe(false);
    expect(rec.points).toBe(0);
    expect(rec.feedback?.[0]).toMatch(
      /^✗.*replica-1 needs a resync, replica-1 is 1197 entries behind/,
    );
  });
});
