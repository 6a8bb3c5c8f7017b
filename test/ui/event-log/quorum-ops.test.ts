// A leaderless run in the event log: operations go to the replicas or a read quorum, not to
// one node, and carry no LSNs; a read from one replica names it; conflicts and discarded
// writes are named by the simulator's notes.
import { describe, expect, it } from 'vitest';
import { readLabels } from '../../../src/lesson/engine/read-labels.js';
import { defaultCluster, isSingleReplicaRead, Simulation } from '../../../src/sim/index.js';
import { formatEvent } from '../../../src/ui/event-log/event-format.js';
import { leaderlessFacts } from '../../../src/ui/event-log/version-facts.js';

describe('leaderless operations in the event log', () => {
  const sim = new Simulation(
    defaultCluster(
      ['a', 'b', 'c'].map((id) => ({ id, role: 'follower' as const })),
      { topology: 'leaderless', quorum: { n: 3, w: 2, r: 2 } },
    ),
    { seed: 1, clients: [{ id: 'slow', policy: 'leader', clockSkew: -5000 }] },
  );
  sim.apply({ type: 'write', client: 'you', key: 'k', value: 'v1' });
  sim.runUntil(10);
  sim.apply({ type: 'write', client: 'slow', key: 'k', value: 'v2' });
  sim.runUntil(20);
  sim.apply({ type: 'read', client: 'you', key: 'k', from: 'route' });
  sim.apply({ type: 'read', client: 'you', key: 'k', from: 'c' });
  sim.runUntil(30);
  const ctx = {
    ops: new Map(sim.ops.slice().map((o) => [o.id, o])),
    quorum: { singleRead: (op: number) => isSingleReplicaRead(sim, op) },
  };
  const text = sim.history
    .toArray()
    .map((e) => formatEvent(e, ctx)?.text)
    .filter((t): t is string => t !== undefined);

  it('says where each operation went, without LSNs', () => {
    expect(text).toContain('you → the replicas: write k = "v1"');
    expect(text).toContain('you wrote k = "v1" (quorum acknowledged)');
    expect(text).toContain('you read k = "v1" from a read quorum');
    expect(text).toContain('you read k = "v1" from c');
    expect(text.join('\n')).not.toMatch(/LSN/);
  });

  it('names the write last write wins discarded', () => {
    expect(text.some((t) => /^discarded on a: "k" = "v2" \(write #1 by slow\)/.test(t))).toBe(true);
  });
});

describe('session anomalies of a leaderless run in the event log', () => {
  // c gets writes 500 ms late: after reading "v1" from a, reading c is older than what
  // "you" had seen (monotonic), and misses "you"'s own write (read-your-writes).
  const sim = new Simulation(
    defaultCluster(
      ['a', 'b', { id: 'c', lag: 500 }].map((n) =>
        typeof n === 'string'
          ? { id: n, role: 'follower' as const }
          : { ...n, role: 'follower' as const },
      ),
      { topology: 'leaderless', quorum: { n: 3, w: 1, r: 1 } },
    ),
    { seed: 1, clients: [] },
  );
  sim.apply({ type: 'write', client: 'you', key: 'k', value: 'v1' });
  sim.runUntil(10);
  sim.apply({ type: 'read', client: 'you', key: 'k', from: 'a' });
  sim.runUntil(20);
  sim.apply({ type: 'read', client: 'you', key: 'k', from: 'c' });
  sim.runUntil(30);
  const ctx = {
    ops: new Map(sim.ops.slice().map((o) => [o.id, o])),
    quorum: { singleRead: (op: number) => isSingleReplicaRead(sim, op) },
    labels: readLabels(sim),
  };
  const lines = sim.history.toArray().flatMap((e) => formatEvent(e, ctx) ?? []);

  it('labels the read that went back, as for a leader cluster', () => {
    const fromC = lines.find((l) => l.text === 'you read k = null from c');
    const fromA = lines.find((l) => l.text === 'you read k = "v1" from a');
    expect(fromC?.labels).toEqual(['stale', 'read-your-writes', 'monotonic']);
    expect(fromA?.labels ?? []).toEqual([]);
  });
});

describe('a leaderless read that returned siblings, in the event log', () => {
  const sim = new Simulation(
    defaultCluster(
      ['a', 'b'].map((id) => ({ id, role: 'follower' as const })),
      { topology: 'leaderless', quorum: { n: 2, w: 1, r: 2 }, conflict: 'siblings' },
    ),
    { seed: 1, clients: [{ id: 'sam', policy: 'leader' }] },
  );
  // Two blind writes, each acknowledged by one replica before the other has it: siblings.
  sim.apply({ type: 'crash', node: 'b' });
  sim.apply({ type: 'write', client: 'you', key: 'cart', value: 'tea' });
  sim.runUntil(10);
  sim.apply({ type: 'restart', node: 'b' });
  sim.apply({ type: 'crash', node: 'a' });
  sim.apply({ type: 'write', client: 'sam', key: 'cart', value: 'eggs' });
  sim.runUntil(20);
  sim.apply({ type: 'restart', node: 'a' });
  sim.runUntil(30);
  sim.apply({ type: 'read', client: 'you', key: 'cart', from: 'route' });
  sim.runUntil(40);

  it('names every sibling the read returned', () => {
    const text = sim.history
      .toArray()
      .map(
        (e) =>
          formatEvent(e, {
            ops: new Map(sim.ops.slice().map((o) => [o.id, o])),
            quorum: leaderlessFacts(sim)!,
          })?.text,
      )
      .filter((t): t is string => t !== undefined);
    expect(text.find((t) => t.startsWith('you read cart'))).toMatch(
      /^you read cart = ("tea" \| "eggs"|"eggs" \| "tea") \(2 siblings\) from a read quorum$/,
    );
  });
});
