// A multi-leader lesson end to end: it loads with its conflict policy and replication
// topology, every expect holds on 20 seeds (validate), and the format refuses what a
// multi-leader cluster cannot mean.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateLesson } from '../../src/lesson/catalog/validate.js';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';
import type { Lesson } from '../../src/lesson/format/types.js';
import { repoRoot } from '../run-cli.js';

const FILE = 'test/fixtures/valid/multi-leader.yaml';
const FIXTURE = readFileSync(join(repoRoot, FILE), 'utf8');

function load(text: string): Lesson {
  const r = parseLessonText(text, FILE);
  if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
  return r.lesson;
}

function errors(yaml: string[]): string {
  const r = parseLessonText(yaml.join('\n'), 'x.yaml');
  return r.ok ? '' : r.errors.map(formatProblem).join('\n');
}

describe('a multi-leader lesson', () => {
  it('loads with its conflict policy, replication topology and client homes', () => {
    const lesson = load(FIXTURE);
    expect([lesson.cluster.conflict, lesson.cluster.replication]).toEqual(['lww', 'all-to-all']);
    expect(lesson.clients.map((c) => c.home)).toEqual(['dc1', 'dc2']);
  });

  it('validates: every expect holds on every seed', () => {
    expect(validateLesson(load(FIXTURE)).map((p) => p.message)).toEqual([]);
  });

  it('a wrong expect fails validation', () => {
    const broken = FIXTURE.replace(
      'expect: { value: "10:00", anomalies',
      'expect: { value: "11:00", anomalies',
    );
    expect(broken).not.toBe(FIXTURE);
    const problems = validateLesson(load(broken), [2]).map((p) => p.message);
    expect(problems.join('\n')).toContain('expected value "11:00", got "10:00"');
  });

  it('refuses a follower without upstream, a home that is not a leader, and leader expects', () => {
    const out = errors([
      'id: x',
      'title: X',
      'cluster:',
      '  topology: multi-leader',
      '  nodes: [{id: dc1, role: leader}, {id: dc2, role: leader}, {id: r, role: follower}]',
      'clients: [{id: you, home: r}]',
      'steps:',
      '  - write: {client: you, key: k, value: v}',
      '    expect: {leader: dc1}',
    ]);
    expect(out).toContain('follower "r" of a multi-leader cluster needs upstream');
    expect(out).toContain('unknown leader "r"');
    expect(out).toContain('every leader of a multi-leader cluster leads');
  });

  it('refuses replication and home on other topologies', () => {
    const out = errors([
      'id: x',
      'title: X',
      'cluster: {replication: ring, nodes: [{id: p, role: leader}]}',
      'clients: [{id: you, home: p}]',
      'steps:',
      '  - wait: 1s',
    ]);
    expect(out).toContain('replication applies only to topology: multi-leader');
    expect(out).toContain('home applies only to topology: multi-leader');
  });
});
