// validate on a task: the reference solution must reach the goal within par, the goal must
// not hold at the task's start, the give-up path must keep later steps true, and solution
// lines must parse at load time.
import { describe, expect, it } from 'vitest';
import { checkCommands } from '../../src/lesson/catalog/lesson-file.js';
import { playAllPaths, validateLesson } from '../../src/lesson/catalog/validate.js';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';
import { lesson } from './inline-lesson.js';

const reseed = (opts: { wipe?: boolean; solution?: string; par?: number; after?: string }) => `
id: reseed
title: Re-seed
cluster:
  dataSize: 1GB
  nodes:
    - {id: db1, role: leader}
    - {id: db2, role: follower, lag: 100ms}
steps:
  - write: {key: a, value: one}
${opts.wipe === false ? '' : '  - wipe: db2\n'}  - id: reseed
    task:
      text: Bring db2 back as a streaming standby of db1 without touching db1.
      goal: {status: {db2: streaming}, untouched: [db1]}
      par: {commands: ${opts.par ?? 2}}
      solution: ${opts.solution ?? '["backup db1 as base", "restore db2 from base at 1GB/s"]'}
  - read: {key: a, from: db2}
    expect: {value: one${opts.after ?? ''}}
`;

const messages = (yaml: string) => validateLesson(lesson(yaml), [1, 2]).map(formatProblem);

describe('validate with a task', () => {
  it('passes a task whose solution reaches the goal at par, on every path', () => {
    expect(messages(reseed({}))).toEqual([]);
  });

  it('reports a solution that does not reach the goal', () => {
    expect(messages(reseed({ solution: '["backup db1 as base", "wait 1s"]' }))).toContain(
      'inline.yaml:12:5: step reseed: task: the reference solution does not reach the goal: db2 is streaming (db2 needs a resync) (on every seed)',
    );
  });

  it('reports a goal that already holds at the task start', () => {
    expect(messages(reseed({ wipe: false }))).toEqual([
      'inline.yaml:11:5: step reseed: task: the goal already holds when the task starts (on every seed)',
    ]);
  });

  it('reports a solution over par', () => {
    expect(messages(reseed({ par: 1 }))).toEqual([
      'inline.yaml:12:5: step reseed: task: the reference solution is over par: ✓ Goal reached with 2 commands (par 1), over par: 2/3 points. (on every seed)',
    ]);
  });

  it('plays the give-up path, which rejoins the story: later steps hold on it too', () => {
    const stats = { paths: 0, rejoined: 0 };
    const found = playAllPaths(lesson(reseed({ after: ', lsn: 1' })), 1, stats);
    expect(found).toEqual([]);
    expect(stats).toEqual({ paths: 1, rejoined: 1 });
    // An expect the story breaks is reported, on the reference path.
    expect(messages(reseed({ after: ', lsn: 2' }))).toContain(
      'inline.yaml:19:13: step #3: expected lsn 2, got 1 (on every seed)',
    );
  });

  it('rejects at load time a solution line that does not parse, naming the step and the column', () => {
    const r = checkCommands(
      parseLessonText(
        reseed({ solution: '["backup db1 as base", "restore db2 from bsae at 1GB/s"]' }),
        'x.yaml',
      ),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map(formatProblem)).toEqual([
      'x.yaml:17:40: steps[2].task.solution[1]: task reseed, solution line 2 "restore db2 from bsae at 1GB/s", column 18: unknown backup "bsae" (did you mean "base"? backups: base)',
    ]);
  });

  it('rejects a par that is not positive and an unknown node in the goal', () => {
    const r = parseLessonText(
      reseed({ par: 0 }).replace('untouched: [db1]', 'untouched: [db3]'),
      'x.yaml',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.errors.map(formatProblem).join('\n');
    expect(text).toContain('par.commands: expected a whole number above 0, found 0');
    expect(text).toContain('unknown node "db3"');
  });
});
