// The task step: commands typed on the learner's own copy of the cluster, the goal checked
// after each, points against par, give up, limits, the story rule after the task, rewind.
import { describe, expect, it } from 'vitest';
import { LessonRunner } from '../../src/lesson/engine/runner.js';
import { traceHash } from '../../src/sim/index.js';
import { lesson } from './inline-lesson.js';

const yaml = (task: string, after = '') => `
id: reseed
title: Re-seed
seed: 3
cluster:
  dataSize: 1GB
  nodes:
    - {id: db1, role: leader}
    - {id: db2, role: follower, lag: 100ms}
clients:
  - {id: web}
steps:
  - write: {client: web, key: a, value: one}
  - wipe: db2
  - id: reseed
    task:
      text: Bring db2 back as a streaming standby of db1 without touching db1.
      goal: {status: {db2: streaming}, lostInTask: 0, untouched: [db1]}
      par: {commands: 2}
      hints: ["Take a backup of db1.", "Restore it onto db2."]
      solution: ["backup db1 as base", "restore db2 from base at 1GB/s"]
${task}
  - read: {client: web, key: a, from: db2}
    expect: {value: one, lsn: 1}
  - read: {client: web, key: a, from: db1}
    expect: {value: one, lsn: 1}
${after}`;

const SOLUTION = ['backup db1 as base', 'restore db2 from base at 1GB/s'];

function play(lines: string[], task = ''): LessonRunner {
  const r = new LessonRunner(lesson(yaml(task)), { tasks: new Map([['reseed', lines]]) });
  r.advance();
  return r;
}

const taskRecord = (r: LessonRunner) =>
  r.records.find((x) => x.step === 'reseed' && x.kind === 'task');

describe('a task', () => {
  it('waits at its start with the goal unmet, and a line that does not parse changes nothing', () => {
    const r = new LessonRunner(lesson(yaml('')));
    r.advance();
    expect(r.state.kind).toBe('task');
    const task = r.currentTask!;
    expect(task.conditions.map((c) => [c.text, c.met])).toEqual([
      ['db2 is streaming', false],
      ['db1 untouched', true],
      ['no acknowledged write lost during the task', true],
    ]);
    const bad = r.taskInput('restore db2 from nope');
    expect(bad).toMatchObject({ ok: false, from: 17, to: 21 });
    expect(task.commands).toHaveLength(0);
    expect(r.inDetour).toBe(false);
    expect(r.taskInput('restart db1')).toMatchObject({
      ok: false,
      message: 'db1 is running; crash it first',
    });
    expect(task.commands).toHaveLength(0);
  });

  it('is solved at par for full points, and the learner typing the solution is the story', () => {
    const r = play(SOLUTION);
    expect(r.done).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.score).toBe(3);
    expect(r.maxScore).toBe(3);
    const rec = taskRecord(r)!;
    expect(rec.task).toMatchObject({ outcome: 'solved', commands: SOLUTION, hints: 0 });
    expect(rec.feedback?.[0]).toBe('✓ Goal reached with 2 commands (par 2): 3/3 points.');
    // No set-back: what the learner typed is the reference solution.
    expect(r.resets).toEqual([]);
  });

  it('scores less over par and per hint, but a solved task keeps at least one point', () => {
    expect(play(['wait 1s', ...SOLUTION]).score).toBe(2);
    expect(play(['hint', ...SOLUTION]).score).toBe(2);
    expect(play(['wait 1s', 'wait 1s', 'wait 1s', 'hint', 'hint', ...SOLUTION]).score).toBe(1);
  });

  it('gives the hints one at a time, and none after the last', () => {
    const r = new LessonRunner(lesson(yaml('')));
    r.advance();
    expect(r.hint()).toBe('Take a backup of db1.');
    expect(r.hint()).toBe('Restore it onto db2.');
    expect(r.hint()).toBeUndefined();
    expect(r.currentTask!.hintsShown).toBe(2);
  });

  it('scores 0 when given up, and the reference solution plays from the task start', () => {
    const r = play(['wait 5s', 'give up']);
    expect(r.done).toBe(true);
    expect(r.score).toBe(0);
    expect(r.problems).toEqual([]);
    expect(taskRecord(r)!.task?.outcome).toBe('gave-up');
    // The cluster went back to the task's start (t = 2 ms) before the solution played.
    expect(r.resets).toEqual([2]);
    const solution = r.records.filter((x) => x.step.startsWith('reseed.solution'));
    expect(solution.map((x) => x.t)).toEqual([2, 1003]);
  });

  it('sets the cluster back after any solution, so later steps hold whatever was typed', () => {
    // Another solution that reaches the goal, but touches more than the reference one.
    const mine = play([
      'backup db2 as old',
      'backup db1 as base',
      'restore db2 from base at 2GB/s',
    ]);
    const ref = play(SOLUTION);
    expect(mine.score).toBe(2);
    expect(mine.problems).toEqual([]);
    expect(mine.resets).toHaveLength(1);
    expect(traceHash(mine.storySim)).toBe(traceHash(ref.storySim));
  });

  it('lets a wrong command do its damage on the learner’s copy only', () => {
    const r = new LessonRunner(lesson(yaml('')), { tasks: new Map([['reseed', ['wipe db1']]]) });
    r.advance();
    expect(r.state.kind).toBe('task');
    const task = r.currentTask!;
    expect(task.conditions.filter((c) => !c.met).map((c) => [c.text, c.now])).toEqual([
      ['db2 is streaming', 'db2 needs a resync'],
      ['db1 untouched', 'db1 was wiped'],
      ['no acknowledged write lost during the task', '1 lost'],
    ]);
    expect(r.storySim.node('db1').applied).toBe(1);
    r.taskInput('give up', { live: false });
    r.advance();
    expect(r.done).toBe(true);
    expect(r.problems).toEqual([]);
  });

  it('keeps the learner’s cluster after a solved task with branch: true', () => {
    const r = play(['backup db1 as mine', 'restore db2 from mine at 1GB/s'], '      branch: true');
    expect(r.done).toBe(true);
    expect(r.resets).toEqual([]);
    expect(r.storySim.backups.map((b) => b.id)).toEqual(['mine']);
  });

  it('ends at its command limit or its time limit with 0 points', () => {
    const byCount = play(['wait 1s', 'wait 1s'], '      limit: {commands: 2}');
    expect(taskRecord(byCount)!.task?.outcome).toBe('out-of-commands');
    expect(byCount.score).toBe(0);
    const byTime = play(['wait 1h'], '      limit: {time: 10s}');
    const rec = taskRecord(byTime)!;
    expect(rec.task?.outcome).toBe('out-of-time');
    // The wait was cut at the limit: 10 s after the task began.
    expect(rec.t).toBe(10_002);
    expect(byTime.done).toBe(true);
  });

  it('rewinds into a task by replaying the lines typed so far', () => {
    const r = new LessonRunner(lesson(yaml('')));
    r.advance();
    r.taskInput('wait 2s');
    r.advance();
    r.taskInput('backup db1 as base');
    r.advance();
    expect(r.state.kind).toBe('task');
    const back = r.rewoundTo(1000);
    expect(back.sim.now).toBe(1000);
    expect(back.typed).toEqual([['reseed', 'wait 2s']]);
    back.advance();
    // The rest of what was typed replays: the same cluster as before the rewind.
    expect(back.state.kind).toBe('task');
    expect(back.currentTask!.commands.map((c) => c.text)).toEqual([
      'wait 2s',
      'backup db1 as base',
    ]);
    expect(traceHash(back.sim)).toBe(traceHash(r.sim));
  });

  it('reports a goal that already holds when the task starts', () => {
    const r = new LessonRunner(lesson(yaml('').replace('  - wipe: db2\n', '')), {
      tasks: new Map([['reseed', SOLUTION]]),
    });
    r.advance();
    expect(r.problems.map((p) => p.message)).toContain(
      'task: the goal already holds when the task starts',
    );
  });

  it('reads "untouched" from the history: a promote of db2 demotes db1', () => {
    const r = new LessonRunner(lesson(yaml('')), {
      tasks: new Map([['reseed', [...SOLUTION.slice(0, 1), 'promote db2']]]),
    });
    r.advance();
    const untouched = r.currentTask?.conditions.find((c) => c.key === 'untouched.db1');
    expect(untouched).toMatchObject({ met: false });
  });
});

describe('a task goal about a read', () => {
  const readYaml = `
id: rt
title: Read task
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 5s}
clients:
  - {id: you}
  - {id: phone}
steps:
  - write: {key: tweet, value: hello}
  - id: see
    task:
      text: Make your phone show the tweet.
      goal: {read: {key: tweet, client: phone}, value: hello, stale: false}
      par: {commands: 1}
      solution: ["read tweet from primary as phone"]
`;
  it('is about the newest read of that key by that client', () => {
    const r = new LessonRunner(lesson(readYaml), {
      tasks: new Map([
        ['see', ['read tweet from replica-1 as phone', 'read tweet from primary as you']],
      ]),
    });
    r.advance();
    expect(r.state.kind).toBe('task');
    expect(r.currentTask!.conditions.map((c) => [c.text, c.met, c.now])).toEqual([
      ['a read of tweet as phone shows "hello"', false, 'the newest one showed nothing (LSN 0)'],
      ['a read of tweet as phone is not stale', false, 'the newest one was stale'],
    ]);
    r.taskInput('wait 5s', { live: false });
    r.advance();
    // A person typing it: the runner holds once so they see the result before the story.
    r.taskInput('read tweet from replica-1 as phone');
    r.advance();
    expect(r.done).toBe(false);
    expect(r.score).toBe(1);
    r.advance();
    expect(r.done).toBe(true);
    expect(r.problems).toEqual([]);
  });
});
