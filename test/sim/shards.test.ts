// Shards: each is a leader-based group with its own log, LSNs, epochs and failover; keys map
// to shards exactly, by prefix, or by a stable hash; an operation sent to a node of another
// shard fails with wrong-shard; writes carry causal dependencies per shard, which the
// consistent-prefix checker and the `causal` policy use.
import { describe, expect, it } from 'vitest';
import {
  type ClientConfig,
  type ClusterConfig,
  checkAll,
  hashString,
  type NodeConfig,
  type ShardConfig,
  Simulation,
  SimulationError,
  traceHash,
} from '../../src/sim/index.js';
import { shardIndexOf } from '../../src/sim/shards.js';
import { config, failover, runOp } from './make-cluster.js';

/** Two shards: question (and q-*) on s1, whose replica is 10 s behind; answer on s2, 100 ms. */
function twoShards(over: Partial<ClusterConfig> = {}): ClusterConfig {
  const nodes: NodeConfig[] = [
    { id: 's1-leader', role: 'leader' },
    { id: 's1-replica', role: 'follower', lag: 10_000 },
    { id: 's2-leader', role: 'leader' },
    { id: 's2-replica', role: 'follower', lag: 100 },
  ];
  const shards: ShardConfig[] = [
    { id: 's1', keys: ['question', 'q-*'], nodes: ['s1-leader', 's1-replica'] },
    { id: 's2', keys: ['answer'], nodes: ['s2-leader', 's2-replica'] },
  ];
  return config(nodes, { shards, ...over });
}

function make(cfg: ClusterConfig, clients: ClientConfig[] = []): Simulation {
  return new Simulation(cfg, { seed: 1, clients });
}

const write = (s: Simulation, client: string, key: string, value: string, via?: string) =>
  runOp(s, { type: 'write', client, key, value, ...(via && { via }) });
const read = (s: Simulation, client: string, key: string, from = 'route') =>
  runOp(s, { type: 'read', client, key, from });

/** Mr. Poons asks, Mrs. Cake answers after reading the question; the observer reads both. */
function questionAndAnswer(s: Simulation) {
  const q = write(s, 'poons', 'question', 'How far into the future can you see?');
  const seen = read(s, 'cake', 'question', 's1-leader');
  const a = write(s, 'cake', 'answer', 'About ten seconds usually.');
  s.runUntil(s.now + 500);
  return { q, seen, a };
}

describe('which shard stores a key', () => {
  const shards: ShardConfig[] = [
    { id: 's1', keys: ['question', 'q-*'], nodes: [] },
    { id: 's2', keys: ['answer', 'q-long-*'], nodes: [] },
    { id: 's3', keys: ['misc'], nodes: [] },
  ];

  it('exact keys first, then the longest matching prefix', () => {
    expect(shardIndexOf(shards, 'question')).toBe(0);
    expect(shardIndexOf(shards, 'answer')).toBe(1);
    expect(shardIndexOf(shards, 'q-1')).toBe(0);
    expect(shardIndexOf(shards, 'q-long-7')).toBe(1);
    expect(shardIndexOf(shards, 'misc')).toBe(2);
  });

  it('a row key table/id lives with its table, unless listed itself', () => {
    expect(shardIndexOf(shards, 'answer/7')).toBe(1);
    expect(shardIndexOf(shards, 'misc/1/2')).toBe(2);
    expect(shardIndexOf(shards, 'q-long-x/3')).toBe(1);
    expect(shardIndexOf(shards, 'cart/3')).toBe(shardIndexOf(shards, 'cart'));
    expect(shardIndexOf([...shards, { id: 's4', keys: ['answer/7'], nodes: [] }], 'answer/7')).toBe(
      3,
    );
  });

  it("auto-increment rows are written, read and checked in their table's shard", () => {
    const s = make(twoShards());
    const w = runOp(s, { type: 'write', client: 'you', key: 'answer', value: 'x', autoId: true });
    expect([w.key, w.shard, w.node, w.outcome]).toEqual(['answer/1', 's2', 's2-leader', 'ok']);
    const r = read(s, 'you', 'answer/1', 's2-leader');
    expect([r.value, r.shard]).toEqual(['x', 's2']);
    expect(checkAll(s)['lost-writes']).toEqual([]);
  });

  it('any other key by FNV-1a modulo the shard count, pinned so that it never moves', () => {
    // Pinned values: a change of hash would move stored keys between shards.
    const keys = ['user:42', 'tweet', 'cart', 'x', 'comments'];
    expect(keys.map((k) => hashString(k))).toEqual([
      795573122, 2358159338, 2552722063, 4245442695, 1485230807,
    ]);
    expect(keys.map((k) => shardIndexOf(shards, k))).toEqual([2, 2, 1, 0, 2]);
    expect(keys.map((k) => shardIndexOf(shards.slice(0, 2), k))).toEqual([0, 0, 1, 1, 1]);
  });

  it('ops and node snapshots carry the shard', () => {
    const s = make(twoShards());
    const w = write(s, 'you', 'q-9', 'x');
    expect(w.shard).toBe('s1');
    expect(w.node).toBe('s1-leader');
    expect(s.snapshot().nodes.map((n) => [n.id, n.shard])).toEqual([
      ['s1-leader', 's1'],
      ['s1-replica', 's1'],
      ['s2-leader', 's2'],
      ['s2-replica', 's2'],
    ]);
    expect(s.snapshot().shards).toEqual([
      { id: 's1', keys: ['question', 'q-*'], leader: 's1-leader', epoch: 1 },
      { id: 's2', keys: ['answer'], leader: 's2-leader', epoch: 1 },
    ]);
  });
});

describe('each shard is its own leader-based group', () => {
  it('has its own log and LSNs', () => {
    const s = make(twoShards());
    expect(write(s, 'you', 'question', 'q').lsn).toBe(1);
    expect(write(s, 'you', 'answer', 'a').lsn).toBe(1);
    expect(write(s, 'you', 'q-2', 'q2').lsn).toBe(2);
    s.runUntil(s.now + 11_000);
    expect(s.node('s1-replica').log.map((e) => e.key)).toEqual(['question', 'q-2']);
    expect(s.node('s2-replica').log.map((e) => e.key)).toEqual(['answer']);
    expect(checkAll(s).divergence).toEqual([]);
  });

  it('fails over alone: crash s1 leader, s1 elects, s2 is untouched', () => {
    const s = make(twoShards({ failover: failover() }));
    write(s, 'you', 'answer', 'a');
    s.apply({ type: 'crash', node: 's1-leader' });
    s.runUntil(s.now + 10_000);
    expect(s.currentLeader('s1')?.id).toBe('s1-replica');
    expect(s.currentLeader('s2')?.id).toBe('s2-leader');
    expect(s.node('s2-leader').epoch).toBe(1);
    expect(s.snapshot().shards).toEqual([
      { id: 's1', keys: ['question', 'q-*'], leader: 's1-replica', epoch: 2 },
      { id: 's2', keys: ['answer'], leader: 's2-leader', epoch: 1 },
    ]);
    const elections = s.history.slice().filter((e) => e.type === 'election');
    expect(elections.map((e) => e.type === 'election' && [e.leader, e.epoch])).toEqual([
      ['s1-replica', 2],
    ]);
    // Writes keep working on both shards; s2's writes stay in epoch 1, and no split brain.
    expect(write(s, 'you', 'question', 'q').node).toBe('s1-replica');
    expect(write(s, 'you', 'answer', 'b').epoch).toBe(1);
    const report = checkAll(s);
    expect(report['split-brain']).toEqual([]);
    expect(report['lost-writes']).toEqual([]);
  });

  it('a shard without a majority elects nobody; the other shard is not counted', () => {
    const s = make(twoShards({ failover: failover({ quorum: true }) }));
    s.apply({ type: 'crash', node: 's1-leader' });
    s.runUntil(s.now + 10_000);
    // s1 has 2 members and 1 is up: no majority of s1, whatever s2 has.
    expect(s.currentLeader('s1')?.id).toBe('s1-leader');
    const notes = s.history.slice().filter((e) => e.type === 'note');
    expect(notes.some((e) => e.type === 'note' && e.text.includes('only 1 of 2 nodes'))).toBe(true);
  });
});

describe('wrong-shard', () => {
  it('a read or write naming a node of another shard fails, recorded in the history', () => {
    const s = make(twoShards());
    const r = read(s, 'you', 'question', 's2-replica');
    expect([r.outcome, r.error, r.node, r.shard]).toEqual([
      'fail',
      'wrong-shard',
      's2-replica',
      's1',
    ]);
    const w = write(s, 'you', 'answer', 'a', 's1-leader');
    expect([w.outcome, w.error]).toEqual(['fail', 'wrong-shard']);
    expect(s.node('s1-leader').log).toEqual([]);
    const phases = s.history
      .slice()
      .filter((e) => e.type === 'op' && e.op === w.id)
      .map((e) => e.type === 'op' && e.phase);
    expect(phases).toEqual(['invoke', 'fail']);
  });

  it("routed reads and writes stay in the key's shard", () => {
    const s = make(twoShards(), [{ id: 'r', policy: 'random' }]);
    write(s, 'r', 'answer', 'a');
    for (let i = 0; i < 20; i++) {
      const r = read(s, 'r', 'answer');
      expect(['s2-leader', 's2-replica']).toContain(r.node);
    }
  });
});

describe('refused configs', () => {
  const bad = (shards: ShardConfig[], nodes?: NodeConfig[]) => () =>
    make(config(nodes ?? twoShards().nodes, { shards }));
  it('say what is wrong in one line', () => {
    const both = ['s1-leader', 's1-replica', 's2-leader', 's2-replica'];
    expect(bad([{ id: 's1', keys: ['a'], nodes: both.slice(0, 2) }])).toThrow(
      new SimulationError('node "s2-leader" is in no shard'),
    );
    expect(
      bad([
        { id: 's1', keys: ['a'], nodes: both.slice(0, 3) },
        { id: 's2', keys: ['b'], nodes: both.slice(2) },
      ]),
    ).toThrow('node "s2-leader" is in shard "s1" and shard "s2"');
    expect(
      bad([
        { id: 's1', keys: ['a'], nodes: both.slice(0, 2) },
        { id: 's2', keys: ['a'], nodes: both.slice(2) },
      ]),
    ).toThrow('key "a" is in shard "s1" and shard "s2"');
    expect(
      bad([
        { id: 's1', keys: [], nodes: both.slice(0, 2) },
        { id: 's2', keys: ['b'], nodes: both.slice(2) },
      ]),
    ).toThrow('shard "s1" lists no keys');
    expect(
      bad([
        { id: 's1', keys: ['a'], nodes: ['s1-replica'] },
        { id: 's2', keys: ['b'], nodes: ['s1-leader', 's2-leader', 's2-replica'] },
      ]),
    ).toThrow('shard "s1" needs exactly one leader, found 0');
  });
});

describe('causal dependencies', () => {
  it('a write carries, per shard, what its client wrote or read there, and what that depended on', () => {
    const s = make(twoShards());
    const { q, a } = questionAndAnswer(s);
    expect(q.shardDeps).toBeUndefined();
    expect(a.shardDeps).toEqual({ s1: 1 });
    // The observer reads the answer: it now depends on s2 LSN 1 and, through it, s1 LSN 1.
    read(s, 'observer', 'answer', 's2-replica');
    const c = write(s, 'observer', 'q-comment', 'Nice.');
    expect(c.shardDeps).toEqual({ s1: 1, s2: 1 });
  });

  it('the checker flags the answer seen without its question (Mr. Poons and Mrs. Cake)', () => {
    const s = make(twoShards());
    const { a, q } = questionAndAnswer(s);
    const seenAnswer = read(s, 'observer', 'answer', 's2-replica');
    expect(seenAnswer.value).toBe('About ten seconds usually.');
    const missing = read(s, 'observer', 'question', 's1-replica');
    expect(missing.value).toBeNull();
    const cp = checkAll(s)['consistent-prefix'];
    expect(cp.map((x) => [x.op, x.related, x.key, x.lsns, x.node])).toEqual([
      [missing.id, [a.id, q.id], 'question', [0, 1], 's1-replica'],
    ]);
    expect(cp[0]!.message).toBe(
      'observer saw "About ten seconds usually." ("answer", shard s2), which depended on "How far into the future can you see?" ("question", shard s1 LSN 1), but then read nothing for "question" from s1-replica at 0.508s',
    );
  });

  it('passes dependencies on from reader to reader (transitively)', () => {
    const s = make(twoShards());
    questionAndAnswer(s);
    read(s, 'fan', 'answer', 's2-leader');
    write(s, 'fan', 'answer', 'Agreed.');
    s.runUntil(s.now + 500);
    read(s, 'observer', 'answer', 's2-replica');
    const missing = read(s, 'observer', 'question', 's1-replica');
    expect(missing.value).toBeNull();
    expect(checkAll(s)['consistent-prefix'].map((x) => x.op)).toEqual([missing.id]);
  });

  it('co-located in one shard and read from one replica: no anomaly', () => {
    const s = colocated();
    const q = write(s, 'poons', 'question', 'Q?');
    read(s, 'cake', 'question', 's1-leader');
    const a = write(s, 'cake', 'answer', 'A.');
    expect([q.shard, a.shard, a.lsn]).toEqual(['s1', 's1', 2]);
    s.runUntil(s.now + 500);
    // The replica applies its one log in order: it has neither yet, then both.
    expect(read(s, 'observer', 'answer', 's1-replica').value).toBeNull();
    expect(read(s, 'observer', 'question', 's1-replica').value).toBeNull();
    s.runUntil(s.now + 10_000);
    expect(read(s, 'observer', 'answer', 's1-replica').value).toBe('A.');
    expect(read(s, 'observer', 'question', 's1-replica').value).toBe('Q?');
    expect(checkAll(s)['consistent-prefix']).toEqual([]);
  });

  it("the causal policy reads the question from s1's leader: no anomaly", () => {
    const s = make(twoShards(), [{ id: 'observer', policy: 'causal' }]);
    questionAndAnswer(s);
    const ans = read(s, 'observer', 'answer');
    expect(ans.value).toBe('About ten seconds usually.');
    const q = read(s, 'observer', 'question');
    expect([q.node, q.value]).toEqual(['s1-leader', 'How far into the future can you see?']);
    expect(checkAll(s)['consistent-prefix']).toEqual([]);
  });

  it('the causal policy uses a replica that has applied the dependency', () => {
    const s = make(twoShards(), [{ id: 'observer', policy: 'causal' }]);
    questionAndAnswer(s);
    s.runUntil(s.now + 11_000);
    read(s, 'observer', 'answer');
    expect(read(s, 'observer', 'question').node).toBe('s1-replica');
  });
});

describe('checkers keep LSNs per shard', () => {
  it('stale, monotonic and read-your-writes judge each shard by its own LSNs', () => {
    const s = make(twoShards(), [{ id: 'you', policy: 'read-your-writes' }]);
    write(s, 'you', 'answer', 'a1');
    write(s, 'you', 'answer', 'a2');
    write(s, 'you', 'question', 'q1');
    s.runUntil(s.now + 500);
    // s2's replica has LSN 2 (a2); s1's replica nothing: read-your-writes sends question to s1's leader.
    expect(read(s, 'you', 'answer').node).toBe('s2-replica');
    expect(read(s, 'you', 'question').node).toBe('s1-leader');
    const stale = read(s, 'other', 'question', 's1-replica');
    const report = checkAll(s);
    expect(report['stale-read'].map((x) => x.op)).toEqual([stale.id]);
    expect(report['read-your-writes']).toEqual([]);
    expect(report['monotonic-reads']).toEqual([]);
    expect(report.divergence).toEqual([]);
  });
});

describe('determinism', () => {
  it('the same sharded run hashes the same', () => {
    const run = () => {
      const s = make(twoShards({ failover: failover() }), [{ id: 'observer', policy: 'causal' }]);
      questionAndAnswer(s);
      read(s, 'observer', 'answer');
      s.apply({ type: 'crash', node: 's2-leader' });
      s.runUntil(s.now + 12_000);
      read(s, 'observer', 'question');
      return traceHash(s);
    };
    expect(run()).toBe(run());
  });
});

/** question and answer both on s1 (its replica 10 s behind). */
function colocated(): Simulation {
  return make(
    config(twoShards().nodes, {
      shards: [
        { id: 's1', keys: ['question', 'answer'], nodes: ['s1-leader', 's1-replica'] },
        { id: 's2', keys: ['other'], nodes: ['s2-leader', 's2-replica'] },
      ],
    }),
  );
}
