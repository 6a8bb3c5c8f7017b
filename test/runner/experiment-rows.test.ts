// `expect.rows` on an experiment: each policy's figures, exact or a range, checked on every
// seed against the comparison table the learner sees.
import { describe, expect, it } from 'vitest';
import { validateLesson } from '../../src/lesson/catalog/validate.js';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { lesson } from './inline-lesson.js';

function experiment(rows: string) {
  return lesson(`id: rows\ntitle: t
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 1s}
    - {id: replica-2, role: follower, lag: 3s}
steps:
  - id: x
    experiment:
      workload: {clients: 10, duration: 5s, writes: 0.2, readAfterWrite: 0.8, rate: 100/s}
      policies: [leader, random]
    expect:
      rows:
${rows}`);
}

describe('expect.rows', () => {
  it('holds when the table shows it, on every seed', () => {
    const l =
      experiment(`        leader: {anomalies: {read-your-writes: 0, stale-read: 0}, leaderLoad: 100, p99: {max: 5ms}}
        random: {anomalies: {read-your-writes: {min: 1}}, leaderLoad: {min: 10, max: 60}}
`);
    expect(validateLesson(l, [1, 2, 3])).toEqual([]);
    const r = new LessonRunner(l);
    r.advance();
    const table = r.records.find((x) => x.kind === 'experiment')?.table ?? [];
    expect(table.map((row) => row.policy)).toEqual(['leader', 'random']);
    expect(table[0]).toMatchObject({ leaderLoad: 100, byChecker: {} });
    expect(table[0]!.reads! + table[0]!.writes!).toBe(table[0]!.ops);
  });

  it('fails with the figure the table shows instead', () => {
    const l = experiment(`        leader: {leaderLoad: 50}
        random: {anomalies: {read-your-writes: 0}, p50: {min: 1s}}
`);
    const r = new LessonRunner(l);
    r.advance();
    const random = r.records[0]?.table?.[1];
    expect(r.problems.map((p) => p.message)).toEqual([
      'expected rows.leader.leaderLoad 50, got 100',
      `expected rows.random.anomalies.read-your-writes 0, got ${random?.byChecker['read-your-writes']}`,
      `expected rows.random.p50 {"min":1000}, got ${random?.p50}`,
    ]);
    expect(r.records[0]?.expectFailures).toHaveLength(3);
  });
});
