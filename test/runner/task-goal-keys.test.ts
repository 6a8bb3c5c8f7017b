// Every expect key a task's goal accepts is a condition of the checklist: the leaderless
// `siblings` (of the task's read) and `conflicts`, and the lag metrics, none silently dropped.
import { describe, expect, it } from 'vitest';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { lesson } from './inline-lesson.js';

const CART = `
id: cart
title: Cart
cluster:
  topology: leaderless
  quorum: {n: 2, w: 1, r: 2, readRepair: true}
  conflict: siblings
  nodes:
    - {id: a}
    - {id: b}
clients:
  - {id: sam}
steps:
  - write: {client: sam, key: cart, value: tea}
  - wait: 1s
  - crash: a
  - write: {client: you, key: cart, value: eggs}
  - restart: a
  - wait: 1s
  - id: merge
    task:
      text: Merge the cart.
      goal: {read: cart, siblings: 1, conflicts: 1}
      par: {commands: 3}
      solution: ["read cart", "write cart tea,eggs", "read cart"]
`;

const LAG = `
id: lag
title: Lag
cluster:
  nodes:
    - {id: db1, role: leader}
    - {id: db2, role: follower, lag: 10s}
steps:
  - write: {key: a, value: one}
  - id: catch-up
    task:
      text: Let db2 catch up.
      goal: {lagBytes: {db2: 0B}}
      par: {commands: 1}
      solution: ["wait 20s"]
`;

describe('task goal keys', () => {
  it('judges siblings (of the read) and conflicts', () => {
    const r = new LessonRunner(lesson(CART));
    r.advance();
    expect(r.state.kind).toBe('task');
    const conditions = () => r.currentTask!.conditions.map((c) => [c.key, c.text, c.met]);
    expect(conditions()).toEqual([
      ['siblings', 'a read of cart returns one value', false],
      ['conflicts', '1 pair of conflicting writes in all', true],
    ]);
    r.taskInput('read cart');
    r.advance();
    const siblings = r.currentTask!.conditions[0]!;
    expect(siblings).toMatchObject({ met: false });
    expect(siblings.now).toContain('siblings');
    r.taskInput('write cart tea,eggs');
    r.advance();
    r.taskInput('read cart');
    r.advance();
    expect(r.records.find((x) => x.step === 'merge')?.task?.outcome).toBe('solved');
  });

  it('judges a lag metric per node', () => {
    const r = new LessonRunner(lesson(LAG));
    r.advance();
    const [c] = r.currentTask!.conditions;
    expect(c).toMatchObject({ key: 'lagBytes.db2', met: false });
    expect(c!.text).toBe('replay lag in bytes of db2 is 0 B');
    expect(c!.now).toMatch(/^db2 is .* behind$/);
    r.taskInput('wait 20s');
    r.advance();
    expect(r.records.find((x) => x.step === 'catch-up')?.task?.outcome).toBe('solved');
  });
});

describe('a failed read in a task', () => {
  it('does not count as a fresh read', () => {
    const r = new LessonRunner(
      lesson(`
id: fresh
title: Fresh
cluster:
  nodes:
    - {id: db1, role: leader}
    - {id: db2, role: follower, lag: 10s}
steps:
  - write: {key: a, value: one}
  - crash: db2
  - id: read-it
    task:
      text: Read a, fresh.
      goal: {read: a, stale: false}
      par: {commands: 1}
      solution: ["read a from db1"]
`),
    );
    r.advance();
    r.taskInput('read a from db2');
    r.advance();
    const [c] = r.currentTask!.conditions;
    expect(c).toMatchObject({ key: 'stale', met: false });
    expect(c!.now).toMatch(/^the newest one failed/);
    r.taskInput('read a from db1');
    r.advance();
    expect(r.records.find((x) => x.step === 'read-it')?.task?.outcome).toBe('solved');
  });
});
