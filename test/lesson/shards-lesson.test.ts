// A sharded lesson end to end: shards load (nodes flattened, each shard keeping its node ids),
// every expect holds on every seed (validate: the consistent-prefix anomaly, wrong-shard, the
// causal policy, per-shard failover and the leader map), and bad shard configs are refused
// with one clear line each.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateLesson } from '../../src/lesson/catalog/validate.js';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';
import type { Lesson } from '../../src/lesson/format/types.js';
import { repoRoot } from '../run-cli.js';

const FILE = 'test/fixtures/valid/shards.yaml';
const FIXTURE = readFileSync(join(repoRoot, FILE), 'utf8');

function load(text: string): Lesson {
  const r = parseLessonText(text, FILE);
  if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
  return r.lesson;
}

function errors(cluster: string, steps = '  - say: hi'): string[] {
  const r = parseLessonText(['id: x', 'title: X', cluster, 'steps:', steps].join('\n'), 'x.yaml');
  return r.ok ? [] : r.errors.map((e) => formatProblem(e).replace(/^x\.yaml:\d+:\d+: /, ''));
}

describe('a sharded lesson', () => {
  it('loads: the nodes of every shard, and each shard with its keys and node ids', () => {
    const c = load(FIXTURE).cluster;
    expect(c.nodes.map((n) => n.id)).toEqual([
      's1-leader',
      's1-replica',
      's2-leader',
      's2-replica',
    ]);
    expect(c.shards).toEqual([
      { id: 's1', keys: ['question', 'q-*'], nodes: ['s1-leader', 's1-replica'] },
      { id: 's2', keys: ['answer'], nodes: ['s2-leader', 's2-replica'] },
    ]);
  });

  it('validates: every expect holds on every seed', () => {
    expect(validateLesson(load(FIXTURE)).map((p) => p.message)).toEqual([]);
  });

  it('a wrong leader map fails validation, naming the shard', () => {
    const broken = FIXTURE.replace('{ s1: s1-replica, s2: s2-leader }', '{ s1: s1-leader }');
    expect(broken).not.toBe(FIXTURE);
    const problems = validateLesson(load(broken), [1]).map((p) => p.message);
    expect(problems.join('\n')).toContain('leader.s1');
  });

  it('refuses bad shard configs with one line each', () => {
    const shard = (id: string, keys: string, nodes: string) =>
      `{id: ${id}, keys: ${keys}, nodes: [${nodes}]}`;
    expect(
      errors(
        `cluster: {shards: [${shard('s1', '[a]', '{id: n1, role: leader}')}, ${shard('s2', '[b]', '{id: n1, role: leader}')}]}`,
      ),
    ).toEqual([
      'cluster.shards[1].nodes[0].id: duplicate node id "n1" (also cluster.shards[0].nodes[0])',
    ]);
    expect(errors(`cluster: {shards: [${shard('s1', '[a]', '{id: n1}')}]}`)).toEqual([
      'cluster.shards[0].nodes: shard "s1" has no leader: give one of its nodes role: leader',
    ]);
    expect(
      errors(
        `cluster: {nodes: [{id: p, role: leader}], shards: [${shard('s1', '[a]', '{id: n1, role: leader}')}]}`,
      ),
    ).toEqual([
      'cluster.nodes: a cluster has either nodes or shards: list the nodes under each shard',
    ]);
    expect(errors(`cluster: {shards: [${shard('s1', '[]', '{id: n1, role: leader}')}]}`)).toEqual([
      expect.stringMatching(/^cluster\.shards\[0\]\.keys: /),
      'cluster.shards[0].keys: shard "s1" lists no keys: give it at least one key or prefix',
    ]);
    expect(
      errors(
        `cluster: {shards: [${shard('s1', '[a]', '{id: n1, role: leader}')}, ${shard('s2', '[a]', '{id: n2, role: leader}')}]}`,
      ),
    ).toEqual(['cluster.shards[1].keys[0]: key "a" is already in shard "s1"']);
    expect(errors('cluster: {topology: leader}')).toEqual([
      'cluster.nodes: a cluster needs nodes (or shards, each with its own nodes)',
    ]);
  });

  it('checks expect.leader against the shards', () => {
    const cluster = `cluster: {shards: [{id: s1, keys: [a], nodes: [{id: n1, role: leader}, {id: n2}]}, {id: s2, keys: [b], nodes: [{id: m1, role: leader}]}]}`;
    expect(errors(cluster, '  - {say: hi, expect: {leader: n1}}')).toEqual([
      'steps[0].expect.leader: this cluster is sharded: leader is a map like {s1: s1-leader}, per shard',
    ]);
    expect(errors(cluster, '  - {say: hi, expect: {leader: {s3: n1, s2: n1}}}')).toEqual([
      'steps[0].expect.leader.s3: unknown shard "s3" (shards: s1, s2)',
      'steps[0].expect.leader.s2: "n1" holds another shard than "s2"',
    ]);
    expect(
      errors(
        'cluster: {nodes: [{id: p, role: leader}]}',
        '  - {say: hi, expect: {leader: {s1: p}}}',
      ),
    ).toEqual([
      'steps[0].expect.leader: leader is a map (shard → node) only on a sharded cluster; name one node',
    ]);
  });
});

describe('addFollower on a sharded cluster', () => {
  const cluster = `cluster: {shards: [{id: s1, keys: [a], nodes: [{id: n1, role: leader}]}, {id: s2, keys: [b], nodes: [{id: m1, role: leader}]}]}`;

  it('needs from: the shard it joins', () => {
    expect(errors(cluster, '  - addFollower: {id: n2, rate: 100MB/s}')).toEqual([
      'steps[0].addFollower: this cluster is sharded: give from (a node of the shard the new follower joins)',
    ]);
  });

  it('joins the shard of the node it copies from, and can be its leader in a leader map', () => {
    const steps = [
      '  - addFollower: {id: n2, from: n1, rate: 100MB/s}',
      '  - {say: hi, expect: {leader: {s1: n2}}}',
      '  - {say: hi, expect: {leader: {s2: n2}}}',
    ].join('\n');
    expect(errors(cluster, steps)).toEqual([
      'steps[2].expect.leader.s2: "n2" holds another shard than "s2"',
    ]);
  });
});
