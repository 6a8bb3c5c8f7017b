// A leaderless lesson end to end: it loads, every expect holds on 20 seeds (validate), and
// the experiment's rows are labelled by quorum and carry staleReads and reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateLesson } from '../../src/lesson/catalog/validate.js';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';
import type { Lesson } from '../../src/lesson/format/types.js';
import { repoRoot } from '../run-cli.js';

function load(text: string, file = 'test/fixtures/valid/leaderless.yaml'): Lesson {
  const r = parseLessonText(text, file);
  if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
  return r.lesson;
}

const FIXTURE = readFileSync(join(repoRoot, 'test/fixtures/valid/leaderless.yaml'), 'utf8');

describe('a leaderless lesson', () => {
  it('loads with its quorum, conflict mode and quorum experiment', () => {
    const lesson = load(FIXTURE);
    expect(lesson.cluster.quorum).toEqual({
      n: 3,
      w: 2,
      r: 2,
      sloppy: true,
      readRepair: true,
      readFrom: 'all',
    });
    const exp = lesson.steps.find((s) => s.kind === 'experiment');
    expect(exp?.kind === 'experiment' && exp.quorums).toEqual([
      { w: 1, r: 1 },
      { w: 2, r: 2 },
    ]);
  });

  it('validates: every expect holds on every seed', () => {
    expect(validateLesson(load(FIXTURE)).map((p) => p.message)).toEqual([]);
  });

  it('a wrong expect fails validation', () => {
    const broken = FIXTURE.replace(
      /expect: \{ value: eggs, stale: false, .*\}/,
      'expect: {value: milk}',
    );
    expect(broken).not.toBe(FIXTURE);
    const problems = validateLesson(load(broken), [3]).map((p) => p.message);
    expect(problems.join('\n')).toContain('expected value "milk", got "eggs"');
  });

  it('rejects quorums on a leader cluster and unknown quorum rows', () => {
    const r = parseLessonText(
      [
        'id: x',
        'title: X',
        'cluster: {nodes: [{id: p, role: leader}]}',
        'steps:',
        '  - experiment: {workload: {clients: 1, duration: 1s}, quorums: [{w: 1, r: 1}]}',
        '    expect: {rows: {w2r2: {staleReads: 0}}}',
      ].join('\n'),
      'x.yaml',
    );
    expect(r.ok).toBe(false);
    const messages = r.ok ? [] : r.errors.map(formatProblem);
    expect(messages.join('\n')).toContain('quorums apply only to topology: leaderless');
    expect(messages.join('\n')).toContain('unknown quorum "w2r2"');
  });
});
