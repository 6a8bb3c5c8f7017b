// Lesson 14, "Multi-leader": last write wins with a fast laptop clock discards the later
// edit, only siblings keep both edits on every leader, and the learner's merge replaces the
// siblings only after reading them.
import { describe, expect, it } from 'vitest';
import { loadAnswers } from '../../src/lesson/catalog/answers-file.js';
import { LessonRunner, type StepRecord } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';

const ID = 'multi-leader';

async function run(tasks?: Map<string, string[]>): Promise<LessonRunner> {
  const r = await loadLessonFile(`lessons/${ID}.yaml`);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const a = await loadAnswers(`lessons/answers/${ID}.yaml`, r.lesson);
  const runner = new LessonRunner(r.lesson, {
    answers: a.choices,
    tasks: new Map([...a.tasks, ...(tasks ?? [])]),
  });
  runner.advance();
  expect(runner.done).toBe(true);
  expect(runner.problems).toEqual([]);
  return runner;
}

const byStep = (r: LessonRunner, step: string, kind?: string): StepRecord => {
  const rec = r.records.find((x) => x.step === step && (kind === undefined || x.kind === kind));
  if (!rec) throw new Error(`no record for ${step}`);
  return rec;
};

describe('multi-leader lesson', () => {
  it("the laptop's fast clock makes last write wins keep its earlier edit and discard the phone's", async () => {
    const r = await run();
    // The question is asked before the laptop goes online; the phone's read after it.
    const asked = r.records.findIndex((x) => x.step === 'q-lww' && x.kind === 'quiz');
    expect(asked).toBeGreaterThan(0);
    const read = r.records.slice(asked).find((x) => x.kind === 'read' && x.key === 'review');
    expect(read).toMatchObject({ node: 'eu', value: '15:00 Tejo' });
    const notes = r.sim.history
      .others()
      .filter((e) => e.type === 'note')
      .map((e) => ('text' in e ? String(e.text) : ''));
    expect(notes.some((t) => t.startsWith('discarded on') && t.includes('"10:00 Douro"'))).toBe(
      true,
    );
  });

  it('only siblings keep both lunch edits on every leader; the others lose one or diverge', async () => {
    const r = await run();
    const outcomes = byStep(r, 'c-strategy', 'choose').outcomes ?? [];
    const by = new Map(outcomes.map((o) => [o.label, o]));
    expect(outcomes.filter((o) => o.correct).map((o) => o.label)).toEqual([
      'Keep both as siblings',
    ]);
    expect(by.get('Last write wins')!.summary).toContain(
      'the read returned "13:00 Tasca", no nodes diverged',
    );
    expect(by.get('The leader listed first (eu) wins')!.summary).toContain(
      'the read returned "12:00 Adega", no nodes diverged',
    );
    expect(by.get('Apply writes in arrival order')!.summary).toContain('nodes diverged');
    expect(by.get('Apply writes in arrival order')!.summary).not.toContain('no nodes diverged');
  });

  it('the phone edits a review it still sees at 10:00, and the merge leaves one version in Virginia', async () => {
    const r = await run();
    const reads = r.records.filter((x) => x.kind === 'read');
    // Before its edit the phone still saw Ben's time: the laptop's move had not left it.
    const douro = r.records.findIndex((x) => x.kind === 'write' && x.value === '10:00 Douro');
    expect(douro).toBeGreaterThan(0);
    const before = r.records.slice(0, douro).filter((x) => x.kind === 'read' && x.key === 'review');
    expect(before.at(-1)).toMatchObject({ node: 'eu', value: '10:00 Tejo' });
    // After the merge, Ben's read in Virginia returns the merge alone, not three siblings.
    const asked = r.records.findIndex((x) => x.step === 'q-merged');
    expect(asked).toBeGreaterThan(0);
    const ben = reads.find((x) => r.records.indexOf(x) > asked && x.key === 'lunch');
    expect(ben).toMatchObject({ node: 'us', value: '13:00 Adega' });
  });

  it('a merge written before reading the siblings stands beside the laptop’s version', async () => {
    const blind = ['write lunch 13:00 Adega', 'read lunch', 'give up'];
    const r = await run(new Map([['t-merge', blind]]));
    const task = byStep(r, 't-merge', 'task');
    expect(task.task?.outcome).toBe('gave-up');
    const read = r.records.find((x) => x.command === 'read lunch');
    expect(read?.summary).toBe('read "lunch" on eu → "13:00 Tasca" and "13:00 Adega" (siblings)');
  });

  it('reading the siblings first lets the merge replace both, at par', async () => {
    const r = await run();
    const task = byStep(r, 't-merge', 'task');
    expect(task.task).toMatchObject({ outcome: 'solved', hints: 0 });
    expect(task.points).toBe(3);
    const first = r.records.find((x) => x.command === 'read lunch');
    expect(first?.summary).toContain('(siblings)');
  });
});
