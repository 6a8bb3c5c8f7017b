// Cross-checks run on raw data (they report even when the schema failed); these cover the
// rules the golden files do not.
import { describe, expect, it } from 'vitest';
import { crossCheck } from '../../src/lesson/format/cross-check.js';
import { formatPath } from '../../src/lesson/format/raw.js';

const nodes = [
  { id: 'primary', role: 'leader' },
  { id: 'replica-1', role: 'follower' },
  { id: 'replica-2', role: 'follower' },
];

function errors(data: unknown): string[] {
  return crossCheck(data).errors.map((e) => `${formatPath(e.path)}: ${e.message}`);
}

function lesson(extra: Record<string, unknown>, cluster: Record<string, unknown> = {}) {
  return { id: 'x', title: 'X', cluster: { nodes, ...cluster }, steps: [{ say: 'Hi.' }], ...extra };
}

describe('cross-checks', () => {
  it('accepts a consistent lesson', () => {
    expect(errors(lesson({}))).toEqual([]);
  });

  it('needs two leaders in a multi-leader cluster and none in a leaderless one', () => {
    expect(errors(lesson({}, { topology: 'multi-leader' }))).toEqual([
      'cluster.nodes: a multi-leader cluster needs at least two nodes with role: leader',
    ]);
    expect(errors(lesson({}, { topology: 'leaderless', quorum: { n: 3, w: 4, r: 2 } }))).toEqual([
      'cluster.nodes[0].role: a leaderless cluster has no leader; remove role: leader',
      'cluster.quorum.w: w (4) cannot exceed n (3)',
    ]);
    expect(errors(lesson({}, { quorum: { n: 3, w: 2, r: 2 } }))).toEqual([
      'cluster.quorum: quorum applies only to topology: leaderless',
    ]);
  });

  it('checks shards: ids, one leader each, node ids unique across shards, own upstreams', () => {
    const shards = [
      {
        id: 's1',
        keys: ['question'],
        nodes: [
          { id: 'a', role: 'leader' },
          { id: 'b', upstream: 'c' },
        ],
      },
      { id: 's1', keys: ['question'], nodes: [{ id: 'c' }, { id: 'a', role: 'leader' }] },
    ];
    expect(errors({ id: 'x', title: 'X', cluster: { shards }, steps: [{ say: 'Hi.' }] })).toEqual([
      'cluster.shards[1].nodes[1].id: duplicate node id "a" (also cluster.shards[0].nodes[0])',
      'cluster.shards[0].nodes[1].upstream: "c" holds another shard: a follower streams from a node of its own shard',
      'cluster.shards[1].id: duplicate shard id "s1"',
    ]);
    expect(
      errors(lesson({}, { shards: [{ id: 's1', keys: ['q'], nodes: [{ id: 'z' }] }] })),
    ).toEqual([
      'cluster.nodes: a cluster has either nodes or shards: list the nodes under each shard',
      'cluster.shards[0].nodes: shard "s1" has no leader: give one of its nodes role: leader',
    ]);
  });

  it('rejects duplicate client ids and client ids that are node ids', () => {
    const clients = [{ id: 'you' }, { id: 'you' }, { id: 'primary' }];
    expect(errors(lesson({ clients }))).toEqual([
      'clients[1].id: duplicate client id "you" (also clients[0])',
      'clients[2].id: client id "primary" is also a node id; partition groups could not tell them apart',
    ]);
  });

  it('lets partition groups name clients used by any step, once each', () => {
    const steps = [
      {
        partition: [
          ['primary', 'phone'],
          ['replica-1', 'replica-2', 'primary'],
        ],
      },
      { read: { client: 'phone', key: 'k' } },
    ];
    expect(errors(lesson({ steps }))).toEqual([
      'steps[0].partition[1][2]: "primary" is already in group 0',
    ]);
  });

  it('checks node references inside nested steps and expectations', () => {
    const steps = [
      {
        predict: {
          question: 'Q',
          choices: [
            { label: 'a', expect: { leader: 'replica-3' } },
            { label: 'b', expect: {} },
          ],
          // biome-ignore lint/suspicious/noThenProperty: the lesson format's key, as plain data.
          then: { crash: 'replica-3' },
        },
      },
    ];
    expect(errors(lesson({ steps }))).toEqual([
      'steps[0].predict.choices[0].expect.leader: unknown node "replica-3" (nodes: primary, replica-1, replica-2)',
      'steps[0].predict.then.crash: unknown node "replica-3" (nodes: primary, replica-1, replica-2)',
    ]);
  });

  it('keeps a node added in one action option out of the others', () => {
    const steps = [
      {
        choose: {
          prompt: 'P',
          options: [
            {
              label: 'a',
              do: [{ addFollower: { id: 'replica-3', rate: '1MB/s' } }, { crash: 'replica-3' }],
            },
            { label: 'b', do: [{ crash: 'replica-3' }] },
          ],
          goal: { lost: 0 },
        },
      },
    ];
    expect(errors(lesson({ steps }))).toEqual([
      'steps[0].choose.options[1].do[0].crash: unknown node "replica-3" (nodes: primary, replica-1, replica-2)',
    ]);
  });

  it('accepts restore from latest-backup after a backup, and reserves that name', () => {
    const ok = [
      { backup: { from: 'replica-1' } },
      { restore: { node: 'primary', from: 'latest-backup' } },
    ];
    expect(errors(lesson({ steps: ok }))).toEqual([]);
    const reserved = [{ backup: { from: 'replica-1', id: 'latest-backup' } }];
    expect(errors(lesson({ steps: reserved }))).toEqual([
      'steps[0].backup.id: "latest-backup" is reserved; name the backup differently',
    ]);
  });

  it('rejects an upstream on the leader and duplicate answers', () => {
    const withUpstream = [
      { id: 'primary', role: 'leader', upstream: 'replica-1' },
      { id: 'replica-1' },
    ];
    const steps = [{ quiz: { question: 'Q', choices: ['a', 'b'], answer: [1, 1] } }];
    expect(errors({ ...lesson({ steps }), cluster: { nodes: withUpstream } })).toEqual([
      'cluster.nodes[0].upstream: the leader has no upstream; upstream is for followers',
      'steps[0].quiz.answer: choice 1 is listed twice',
    ]);
  });

  it('ignores data it cannot read instead of failing', () => {
    expect(crossCheck(null)).toEqual({ errors: [], warnings: [] });
    expect(errors({ cluster: 'x', steps: 'y', clients: 3 })).toEqual([]);
  });

  it('warns against the curriculum rules only', () => {
    const warnings = crossCheck(lesson({ minutes: 25, objectives: [] })).warnings;
    expect(warnings.map((w) => `${formatPath(w.path)}: ${w.message}`)).toEqual([
      'steps: no predict, choose or task step: let the learner act on the cluster, not only read',
      'steps: 0 quiz steps; a lesson should have at least two',
      'minutes: 25 minutes; lessons should take 5 to 10',
      'objectives: no objectives: say what the learner can do afterwards',
    ]);
  });
});
