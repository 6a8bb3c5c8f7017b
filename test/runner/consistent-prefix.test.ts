// The consistent-prefix lesson, run headless: the answer shows before the question across
// two shards, the fixes are graded by what the cluster did, and one log read from two
// replicas shows the same anomaly.
import { describe, expect, it } from 'vitest';
import { experimentTable } from '../../src/cli/plain-text.js';
import { loadAnswers } from '../../src/lesson/catalog/answers-file.js';
import { LessonRunner, type StepRecord } from '../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../src/lesson/format/load.js';
import type { Lesson } from '../../src/lesson/format/types.js';

const QUESTION = 'Mrs. Cake, will it rain on the fête on Saturday?';

async function load(): Promise<{
  lesson: Lesson;
  answers: Map<string, number>;
  tasks: Map<string, string[]>;
}> {
  const r = await loadLessonFile('lessons/consistent-prefix.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const a = await loadAnswers('lessons/answers/consistent-prefix.yaml', r.lesson);
  return { lesson: r.lesson, answers: a.choices, tasks: a.tasks };
}

const graded = (records: StepRecord[], label: string) =>
  records.find((x) => x.step === label && x.correct !== undefined)!;

function optionIndex(lesson: Lesson, label: string, starts: string): number {
  const step = lesson.steps.find((s) => s.label === label);
  if (step?.kind !== 'choose') throw new Error(`${label} is not a choose step`);
  const i = step.choices.findIndex((c) => c.label.startsWith(starts));
  if (i < 0) throw new Error(`${label} has no option starting with "${starts}"`);
  return i;
}

describe('consistent-prefix', () => {
  it('a reader sees the answer on s1 and then no question on the lagging replica of s2', async () => {
    const { lesson, answers, tasks } = await load();
    const r = new LessonRunner(lesson, {
      answers: new Map([...answers, ['p-question', 0]]),
      tasks,
    });
    r.advance();
    expect(r.problems).toEqual([]);
    const rec = graded(r.records, 'p-question');
    expect(rec.correct).toBe(false);
    expect(rec.feedback?.join('\n')).toContain('s2-replica-2 had applied LSN 0');
    const read = r.records.find((x) => x.kind === 'read' && x.within === 'p-question')!;
    expect(read).toMatchObject({ node: 's2-replica-2', key: 'poons-1', value: null, stale: true });
  });

  it('grades the fixes by outcome: doing nothing and waiting 2 s break the order again, the three real fixes do not', async () => {
    const { lesson, answers, tasks } = await load();
    const r = new LessonRunner(lesson, { answers, tasks });
    r.advance();
    const rec = graded(r.records, 'c-fix');
    const byLabel = new Map(rec.outcomes!.map((o) => [o.label, o]));
    const verdict = (starts: string) =>
      [...byLabel].find(([label]) => label.startsWith(starts))?.[1];
    expect(verdict('Nothing changes')).toMatchObject({ correct: false });
    expect(verdict('Nothing changes')!.summary).toContain('consistent-prefix: 2');
    expect(verdict('Show a message only once')).toMatchObject({ correct: false });
    expect(verdict('Load every message')).toMatchObject({ correct: true });
    expect(verdict('Causal routing')).toMatchObject({ correct: true });
    expect(verdict('Shard by conversation')).toMatchObject({ correct: true });
    expect(verdict('Shard by conversation')!.summary).toContain('consistent-prefix: 1');
  });

  it('causal routing reads the question from the replica of s2 that has it, not from the lagging one', async () => {
    const { lesson, answers, tasks } = await load();
    const causal = optionIndex(lesson, 'c-fix', 'Causal routing');
    const r = new LessonRunner(lesson, {
      answers: new Map([...answers, ['c-fix', causal]]),
      tasks,
    });
    r.advance();
    expect(r.problems).toEqual([]);
    const reads = r.records.filter(
      (x) => x.kind === 'read' && x.within === 'c-fix' && x.detour && x.key === 'poons-2',
    );
    expect(reads.at(-1)).toMatchObject({
      node: 's2-replica-1',
      value: 'Mrs. Cake, where did I leave my spectacles?',
      stale: false,
    });
    // The explanation says the answer itself came from a replica, not a leader.
    const answer = r.records.filter(
      (x) => x.kind === 'read' && x.within === 'c-fix' && x.detour && x.key === 'cake-2',
    );
    expect(answer.at(-1)).toMatchObject({ node: 's1-replica', stale: false });
  });

  it('the task is solved by waiting for the slow replica too, over par, and the story goes on from the reference', async () => {
    const { lesson, answers } = await load();
    const typed = ['read poons-1 from s2-replica-2', 'wait 5s', 'read poons-1 from s2-replica-2'];
    const r = new LessonRunner(lesson, {
      answers,
      tasks: new Map([['t-show-question', typed]]),
    });
    r.advance();
    expect(r.done).toBe(true);
    expect(r.problems).toEqual([]);
    const task = r.records.find((x) => x.step === 't-show-question' && x.kind === 'task')!;
    expect(task.task?.outcome).toBe('solved');
    expect(task.points).toBeLessThan(3);
    const taskReads = r.records.filter((x) => x.kind === 'read' && x.key === 'poons-1' && x.detour);
    expect(taskReads.map((x) => x.value)).toEqual([null, QUESTION]);
  });

  it("one log: the monotonic router sends the question to the replica at the answer's position", async () => {
    const { lesson, answers, tasks } = await load();
    const r = new LessonRunner(lesson, { answers, tasks });
    r.advance();
    // Mrs. Cake's read, yours from the lagging replica, then the monotonic router's.
    const reads = r.records.filter((x) => x.kind === 'read' && x.key === 'thread-3.q' && !x.detour);
    expect(reads.slice(1).map((x) => [x.node, x.lsn])).toEqual([
      ['s2-replica-2', 3],
      ['s2-replica-1', 5],
    ]);
  });

  it('the routers compared: random breaks the order, causal and leader do not; plain mode shows the prefix column', async () => {
    const { lesson, answers, tasks } = await load();
    const r = new LessonRunner(lesson, { answers, tasks });
    r.advance();
    const table = r.records.find((x) => x.step === 'x-routers')!.table!;
    const prefix = (p: string) =>
      table.find((x) => x.policy === p)!.byChecker['consistent-prefix'] ?? 0;
    expect(prefix('random')).toBeGreaterThan(0);
    expect(prefix('causal')).toBe(0);
    expect(prefix('leader')).toBe(0);
    const plain = experimentTable(table);
    expect(plain[1]).toMatch(/monotonic\s+prefix\s+leader/);
    expect(plain.find((l) => l.trim().startsWith('random'))).toContain(` ${prefix('random')} `);
  });
});
