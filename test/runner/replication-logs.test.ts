// Lesson 7, "Replication logs": what its choices' feedback tells the learner comes from the
// simulator, in plain English.
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/lesson/catalog/answers-file.js';
import { LessonRunner, type StepRecord } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';

const ID = 'replication-logs';

async function run(): Promise<LessonRunner> {
  const r = await loadLessonFile(`lessons/${ID}.yaml`);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const answers = await loadAnswersFile(`lessons/answers/${ID}.yaml`, r.lesson);
  const runner = new LessonRunner(r.lesson, { answers });
  runner.advance();
  expect(runner.done).toBe(true);
  return runner;
}

const byStep = (r: LessonRunner, step: string): StepRecord => {
  const rec = r.records.find((x) => x.step === step);
  if (!rec) throw new Error(`no record for ${step}`);
  return rec;
};

describe('replication-logs', () => {
  it('only the logical log gets the version 17 replica replicating; the others say why not', async () => {
    const r = await run();
    const outcomes = byStep(r, 'c-upgrade').outcomes ?? [];
    const summary = (label: string) => outcomes.find((o) => o.label.startsWith(label))?.summary;
    expect(outcomes.filter((o) => o.correct).map((o) => o.label)).toEqual([
      'Replicate logically: ship row changes instead of WAL',
    ]);
    // A restart leaves replica-2 refusing the stream one entry short: singular, not "1 entries".
    expect(summary('Restart')).toBe(
      'replica-2 refuses the WAL of another major version, replica-2 is 1 entry behind; took 4s',
    );
    expect(summary('Copy a fresh base backup')).toBe(
      'replica-2 refuses the WAL of another major version, replica-2 is 0 entries behind; took 4s',
    );
  });

  it('each replica stored its own NOW() under the naive statement log', async () => {
    const r = await run();
    const reads = r.records.filter((x) => x.kind === 'read' && x.summary?.includes('signup:ana'));
    expect(reads.map((x) => x.summary)).toEqual([
      expect.stringContaining('"10:00:03.003"'),
      expect.stringContaining('"10:00:01.003"'),
    ]);
  });
});
