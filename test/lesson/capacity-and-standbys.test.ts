// The lesson keys for node capacity and PostgreSQL-style synchronous standbys: how they load,
// and what the loader refuses, with the line it points at.
import { describe, expect, it } from 'vitest';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';
import type { Lesson, SetStep } from '../../src/lesson/format/types.js';

function load(yaml: string): Lesson {
  const r = parseLessonText(yaml, 'inline.yaml');
  if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
  return r.lesson;
}

function problems(yaml: string): string[] {
  const r = parseLessonText(yaml, 'inline.yaml');
  return r.ok ? [] : r.errors.map(formatProblem);
}

const NODES = `
  nodes:
    - {id: db1, role: leader}
    - {id: db2, lag: 5ms}
    - {id: db3, lag: 40ms}`;

function withCluster(cluster: string, steps = '  - say: Hi.'): string {
  return `id: x\ntitle: X\ncluster:\n${cluster}${NODES}\nsteps:\n${steps}\n`;
}

describe('capacity', () => {
  it('reads a rate or a number as operations per second, on the cluster and on a node', () => {
    const l = load(`id: x
title: X
cluster:
  capacity: 2000/s
  nodes:
    - {id: db1, role: leader, capacity: 90000/m}
    - {id: db2, capacity: 250}
    - {id: db3}
steps:
  - say: Hi.
`);
    expect(l.cluster.capacity).toBe(2000);
    expect(l.cluster.nodes.map((n) => n.capacity)).toEqual([1500, 250, undefined]);
  });

  it('is absent unless given', () => {
    const l = load(withCluster('  mode: async'));
    expect(l.cluster.capacity).toBeUndefined();
    expect(l.cluster.nodes.every((n) => n.capacity === undefined)).toBe(true);
  });

  it('is set on a node with node, and as the cluster default without', () => {
    const l = load(
      withCluster(
        '  mode: async',
        '  - set: {node: db2, capacity: 500/s}\n  - set: {capacity: 100/s, mode: sync}',
      ),
    );
    const [onNode, onCluster] = l.steps as SetStep[];
    expect(onNode).toMatchObject({ node: 'db2', nodeParams: { capacity: 500 }, clusterParams: {} });
    expect(onCluster?.nodeParams).toEqual({});
    expect(onCluster?.clusterParams).toEqual({ capacity: 100, mode: 'sync' });
  });

  it('refuses a rate of zero', () => {
    expect(problems(withCluster('  capacity: 0/s'))).toEqual([
      'inline.yaml:4:13: cluster.capacity: expected operations per second above 0, as a number or a rate like 2000/s, found "0/s"',
    ]);
  });

  it('refuses zero, a size rate and text', () => {
    expect(
      problems(`id: x
title: X
cluster:
  capacity: 0
  nodes:
    - {id: db1, role: leader, capacity: 10MB/s}
    - {id: db2, capacity: fast}
steps:
  - say: Hi.
`),
    ).toEqual([
      'inline.yaml:4:13: cluster.capacity: expected operations per second above 0, as a number or a rate like 2000/s, found 0',
      'inline.yaml:6:41: cluster.nodes[0].capacity: expected operations per second above 0, as a number or a rate like 2000/s, found "10MB/s"',
      'inline.yaml:7:27: cluster.nodes[1].capacity: expected operations per second above 0, as a number or a rate like 2000/s, found "fast"',
    ]);
  });
});

describe('syncStandbys', () => {
  it('loads {first: k} and {any: k}, and set changes it', () => {
    const l = load(
      withCluster('  mode: sync\n  syncStandbys: {first: 1}', '  - set: {syncStandbys: {any: 2}}'),
    );
    expect(l.cluster.syncStandbys).toEqual({ first: 1 });
    expect((l.steps[0] as SetStep).clusterParams).toEqual({ syncStandbys: { any: 2 } });
  });

  it('accepts semi-sync as well as sync', () => {
    expect(problems(withCluster('  mode: semi-sync\n  syncStandbys: {any: 2}'))).toEqual([]);
  });

  it('needs a mode that waits for standbys', () => {
    expect(problems(withCluster('  syncStandbys: {first: 1}'))).toEqual([
      'inline.yaml:4:17: cluster.syncStandbys: syncStandbys needs mode: sync or semi-sync (an asynchronous leader waits for no standby)',
    ]);
  });

  it('cannot ask for more standbys than there are followers to choose from', () => {
    expect(problems(withCluster('  mode: sync\n  syncStandbys: {any: 3}'))).toEqual([
      'inline.yaml:5:23: cluster.syncStandbys.any: any: 3 standbys, but the cluster has 2 followers',
    ]);
    expect(
      problems(`id: x
title: X
cluster:
  mode: sync
  syncStandbys: {first: 2}
  nodes:
    - {id: db1, role: leader}
    - {id: db2, sync: true}
    - {id: db3}
steps:
  - say: Hi.
`),
    ).toEqual([
      'inline.yaml:5:25: cluster.syncStandbys.first: first: 2 standbys, but 1 follower is marked sync: true',
    ]);
  });

  it('leaves no say to minAcks, in the cluster or in a set step', () => {
    expect(
      problems(
        withCluster(
          '  mode: semi-sync\n  minAcks: 1\n  syncStandbys: {first: 1}',
          '  - set: {minAcks: 2, syncStandbys: {any: 1}}',
        ),
      ),
    ).toEqual([
      'inline.yaml:5:3: cluster.minAcks: minAcks does not apply with syncStandbys: its k says how many standbys acknowledge',
      'inline.yaml:12:20: steps[0].set.minAcks: minAcks does not apply with syncStandbys: its k says how many standbys acknowledge',
    ]);
  });

  it('needs exactly one of first and any, and says which key was meant', () => {
    expect(problems(withCluster('  mode: sync\n  syncStandbys: {first: 1, any: 1}'))).toEqual([
      'inline.yaml:5:17: cluster.syncStandbys: expected exactly one of first or any, like {first: 1} or {any: 2}, found both',
    ]);
    expect(problems(withCluster('  mode: sync\n  syncStandbys: {frist: 1}'))).toContain(
      'inline.yaml:5:18: cluster.syncStandbys.frist: unknown key "frist" (did you mean "first"?)',
    );
    expect(problems(withCluster('  mode: sync\n  syncStandbys: {first: 0}'))).toHaveLength(1);
  });

  it('is a cluster setting only', () => {
    expect(
      problems(withCluster('  mode: sync', '  - set: {node: db2, syncStandbys: {first: 1}}')),
    ).toEqual([
      'inline.yaml:10:36: steps[0].set.syncStandbys: "syncStandbys" is a cluster setting; set it in a step without "node"',
    ]);
  });
});
