// Lesson 10, "GitHub, 2012": the stale promotion hands out ids again, and only the lag
// limit on promotion keeps both the ids and the acknowledged writes.
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/lesson/catalog/answers-file.js';
import { LessonRunner, type StepRecord } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';

const ID = 'github-2012';

async function run(override: [string, number][] = []): Promise<LessonRunner> {
  const r = await loadLessonFile(`lessons/${ID}.yaml`);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const answers = await loadAnswersFile(`lessons/answers/${ID}.yaml`, r.lesson);
  const runner = new LessonRunner(r.lesson, { answers: new Map([...answers, ...override]) });
  runner.advance();
  expect(runner.done).toBe(true);
  return runner;
}

const byStep = (r: LessonRunner, step: string): StepRecord => {
  const rec = r.records.find((x) => x.step === step);
  if (!rec) throw new Error(`no record for ${step}`);
  return rec;
};

describe('github-2012', () => {
  it('the load spike fails over a leader that was only paused, losing nothing', async () => {
    const r = await run();
    expect(byStep(r, 'p-busy').correctChoices).toEqual([1]);
  });

  it('the promoted standby hands out id 5 again while the old active still holds it', async () => {
    const r = await run();
    expect(byStep(r, 'p-next-id').correctChoices).toEqual([1]);
    const bob = byStep(r, 'p-next-id.then');
    expect(bob).toMatchObject({ node: 'db-a', key: 'repositories/5', ok: true });
    const reads = r.records.filter((x) => x.kind === 'read' && x.key === 'repositories/5');
    expect(reads.map((x) => [x.node, x.value])).toEqual([
      ['db-b', 'alice/payroll (private)'],
      ['db-a', 'bob/side-project (private)'],
    ]);
  });

  it('only the lag limit keeps the reused ids and the lost writes where they were', async () => {
    const r = await run();
    const outcomes = byStep(r, 'c-guard').outcomes ?? [];
    expect(outcomes.filter((o) => o.correct).map((o) => o.index)).toEqual([2]);
    expect(outcomes[2]!.summary).toContain('3 acknowledged writes lost, reused-id: 3');
    // Faster failover and fencing promote the same stale standby: more ids reused, more lost.
    expect(outcomes[0]!.summary).toContain('6 acknowledged writes lost, reused-id: 4');
    expect(outcomes[1]!.summary).toContain('6 acknowledged writes lost, reused-id: 4');
    // Ids from a separate service cannot repeat, but the writes are lost all the same.
    expect(outcomes[3]!.summary).toContain('6 acknowledged writes lost, reused-id: 3');
  });

  it('the lag limit has a price: when db-a really dies, nobody is promoted and writes fail', async () => {
    const r = await run();
    expect(byStep(r, 'p-limit-cost').correctChoices).toEqual([1]);
    const after = r.records.filter((x) => x.t > byStep(r, 'p-limit-cost').t);
    const bob = after.find((x) => x.kind === 'write')!;
    expect(bob).toMatchObject({ ok: false, node: 'db-a' });
    // The standby still answers reads, at the position it had when db-a died.
    const read = after.find((x) => x.kind === 'read')!;
    expect(read).toMatchObject({ node: 'db-b', key: 'repositories/11', lsn: 11 });
  });

  it('predicting a promotion after the real crash is graded wrong', async () => {
    const r = await run([['p-limit-cost', 0]]);
    const rec = byStep(r, 'p-limit-cost');
    expect(rec.correct).toBe(false);
    expect(rec.points).toBe(0);
    expect(r.score).toBeLessThan(r.maxScore);
  });

  it('picking the id service is graded wrong, and the feedback counts the lost writes', async () => {
    const r = await run([['c-guard', 3]]);
    const rec = byStep(r, 'c-guard');
    expect(rec.correct).toBe(false);
    expect(rec.feedback?.[0]).toMatch(/^✗.*6 acknowledged writes lost/);
  });
});
