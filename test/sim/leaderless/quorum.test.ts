// Leaderless quorums with exact times. a, b, c are the home replicas (n = 3), netDelay 1 ms:
// a write sent at t reaches a replica at t + max(lag, 1) (its lag covers the whole way) and
// its ack is back 1 ms later; a read request takes 1 ms and its answer 1 ms.
import { describe, expect, it } from 'vitest';
import { checkAll, quorumReadValues, type Simulation } from '../../../src/sim/index.js';
import { runOp } from '../make-cluster.js';
import { abc, llSim } from './make-leaderless.js';

const write = (s: Simulation, key: string, value: string, client = 'you') =>
  runOp(s, { type: 'write', client, key, value });
const read = (s: Simulation, key: string, client = 'you', from = 'route') =>
  runOp(s, { type: 'read', client, key, from });

describe('leaderless writes', () => {
  it('succeed after w acks: the w-th fastest replica decides', () => {
    const s = llSim(abc({ w: 2 }, { b: 500, c: 5000 }));
    const w = write(s, 'k', 'v1');
    expect([w.outcome, w.completedAt]).toEqual(['ok', 501]);
    const w3 = llSim(abc({ w: 3 }, { b: 500, c: 5000 }));
    expect(write(w3, 'k', 'v1').completedAt).toBe(5001);
  });

  it('fail with no-quorum at once when too few replicas are up, and keep what was stored', () => {
    const s = llSim(abc({ w: 2 }));
    s.apply({ type: 'crash', node: 'b' });
    s.apply({ type: 'crash', node: 'c' });
    const w = write(s, 'k', 'v1');
    expect([w.outcome, w.error, w.completedAt]).toEqual(['fail', 'no-quorum', 2]);
    s.runUntil(s.now + 10);
    // No rollback: a read from a alone sees the failed write.
    expect(read(s, 'k', 'you', 'a').value).toBe('v1');
  });

  it('fail as soon as a replica that crashed meanwhile refuses', () => {
    const s = llSim(abc({ w: 3 }, { c: 1000 }));
    const id = s.apply({ type: 'write', client: 'you', key: 'k', value: 'v' })!;
    s.runUntil(10);
    s.apply({ type: 'crash', node: 'c' });
    s.runUntil(2000);
    const w = s.ops.at(id)!;
    expect([w.outcome, w.error, w.completedAt]).toEqual(['fail', 'no-quorum', 1001]);
  });

  it('fail with no-quorum at ackTimeout when acks cannot cross a partition', () => {
    const s = llSim(abc({ w: 2 }, {}, { ackTimeout: 300 }));
    s.apply({
      type: 'partition',
      groups: [
        ['you', 'a'],
        ['b', 'c'],
      ],
    });
    const w = write(s, 'k', 'v');
    expect([w.outcome, w.error]).toEqual(['fail', 'no-quorum']);
  });
});

describe('leaderless reads', () => {
  it('a quorum read returns the newest of the first r answers', () => {
    const s = llSim(abc({ w: 1, r: 2 }, { b: 3000, c: 3000 }));
    write(s, 'k', 'v1');
    s.runUntil(10_000);
    write(s, 'k', 'v2'); // only a has it for 3 s
    const r = read(s, 'k');
    expect([r.outcome, r.value]).toEqual(['ok', 'v2']);
    expect(checkAll(s)['stale-read']).toEqual([]);
  });

  it('r = 1 with readFrom all answers from the first listed replica; from a node reads it alone', () => {
    const s = llSim(abc({ w: 1, r: 1 }, { a: 3000 }));
    write(s, 'k', 'v1'); // b and c ack first; a gets it at 3 s
    const r = read(s, 'k');
    expect(r.value).toBe(null);
    expect(checkAll(s)['stale-read'].map((a) => a.op)).toEqual([r.id]);
    expect(read(s, 'k', 'you', 'b').value).toBe('v1');
  });

  it('fewer than r reachable home replicas: no-quorum', () => {
    const s = llSim(abc({ r: 2 }));
    s.apply({ type: 'crash', node: 'a' });
    s.apply({ type: 'crash', node: 'b' });
    const r = read(s, 'k');
    expect([r.outcome, r.error]).toEqual(['fail', 'no-quorum']);
  });

  it('read repair sends the newest version to every replica that answered older', () => {
    const s = llSim(abc({ w: 2, r: 3, readRepair: true }, { c: 500 }));
    s.apply({ type: 'crash', node: 'c' });
    write(s, 'k', 'v1');
    s.apply({ type: 'restart', node: 'c' });
    // A restarted replica keeps what it had and replays nothing.
    expect(read(s, 'k', 'you', 'c').value).toBe(null);
    read(s, 'k');
    s.runUntil(s.now + 497);
    expect(read(s, 'k', 'you', 'c').value).toBe(null); // the repair takes c's lag
    s.runUntil(s.now + 10);
    expect(read(s, 'k', 'you', 'c').value).toBe('v1');
    const repairs = s.history.toArray().filter((e) => e.type === 'quorum' && e.msg === 'repair');
    expect(repairs.map((e) => (e.type === 'quorum' ? `${e.phase} ${e.to}` : ''))).toEqual([
      'send c',
      'deliver c',
    ]);
  });

  it('a late answer is repaired too', () => {
    const s = llSim(abc({ w: 3, r: 1, readRepair: true }));
    write(s, 'k', 'v1');
    s.apply({ type: 'crash', node: 'b' });
    write(s, 'k', 'v2'); // fails (w = 3) but a and c keep v2
    s.apply({ type: 'restart', node: 'b' });
    s.apply({ type: 'pause', node: 'a', for: 5 });
    const r = read(s, 'k'); // b answers first (a is paused), with v1
    expect(r.value).toBe('v1');
    s.runUntil(s.now + 20);
    // a answered late with v2 — newer, so nothing is sent to a; b stays at v1 (it answered
    // before anything newer was known).
    expect(read(s, 'k', 'you', 'b').value).toBe('v1');
  });
});

describe('conflicts', () => {
  it('lww keeps the highest client clock and discards the other write (lost)', () => {
    const s = llSim(abc({ w: 3, r: 3 }), 1, [
      { id: 'fast', policy: 'leader', clockSkew: 5000 },
      { id: 'slow', policy: 'leader' },
    ]);
    const first = write(s, 'k', 'from-fast', 'fast');
    const second = write(s, 'k', 'from-slow', 'slow'); // later, but its clock is 5 s behind
    expect(second.outcome).toBe('ok');
    expect(read(s, 'k').value).toBe('from-fast');
    const report = checkAll(s);
    expect(report['lost-writes'].map((a) => a.op)).toEqual([second.id]);
    expect(report.conflicts.length).toBe(1);
    expect(first.outcome).toBe('ok');
    const notes = s.history.others!().filter(
      (e) => e.type === 'note' && e.text.startsWith('discarded'),
    );
    expect(notes.length).toBe(1);
  });

  it('siblings: blind writes are kept side by side; a write after reading both merges them', () => {
    const s = llSim(abc({ w: 2, r: 2 }, {}, { conflict: 'siblings' }));
    write(s, 'cart', 'milk', 'ann');
    write(s, 'cart', 'eggs', 'bob');
    const r = read(s, 'cart', 'ann');
    expect(quorumReadValues(s, r.id)?.sort()).toEqual(['eggs', 'milk']);
    expect(checkAll(s).siblings.length).toBe(1);
    expect(checkAll(s).conflicts.length).toBe(1);
    write(s, 'cart', 'eggs+milk', 'ann');
    const after = read(s, 'cart', 'bob');
    expect(quorumReadValues(s, after.id)).toEqual(['eggs+milk']);
    expect(checkAll(s)['lost-writes']).toEqual([]);
  });
});

describe('version vectors are exact', () => {
  it('reading a replica that missed a write does not let the next write supersede it', () => {
    // a coordinates both writes (dots a:1 and a:2); c misses the first (it was down) and
    // holds only the second. A client that read c has seen a:2 but not a:1.
    const s = llSim(abc({ w: 2, r: 3 }, { c: 100 }, { conflict: 'siblings' }));
    s.apply({ type: 'write', client: 'bob', key: 'k', value: 'b1' });
    s.runUntil(50);
    s.apply({ type: 'crash', node: 'c' });
    s.runUntil(150);
    s.apply({ type: 'restart', node: 'c' });
    s.apply({ type: 'write', client: 'ann', key: 'k', value: 'a1' });
    s.runUntil(300);
    expect(read(s, 'k', 'zed', 'c').value).toBe('a1');
    write(s, 'k', 'z1', 'zed');
    s.runUntil(s.now + 200);
    const r = read(s, 'k', 'bob');
    expect(quorumReadValues(s, r.id)?.sort()).toEqual(['b1', 'z1']);
    expect(checkAll(s)['lost-writes']).toEqual([]);
  });

  it('a blind write by the same client is a sibling of its first; reading merges them', () => {
    const s = llSim(abc({ w: 2, r: 2 }, {}, { conflict: 'siblings' }));
    write(s, 'k', 'v1');
    write(s, 'k', 'v2'); // no read in between: no context
    const r = read(s, 'k');
    expect(quorumReadValues(s, r.id)?.sort()).toEqual(['v1', 'v2']);
    // Not lost either way: the same client had written v1 before v2.
    expect(checkAll(s)['lost-writes']).toEqual([]);
    write(s, 'k', 'v3');
    expect(quorumReadValues(s, read(s, 'k').id)).toEqual(['v3']);
  });
});

describe('sloppy quorum and hinted handoff', () => {
  it('a sloppy write acknowledged by fallbacks is missed by a quorum read, then handed off', () => {
    const cfg = abc({ w: 2, r: 2, sloppy: true }, {}, {}, ['a', 'b', 'c', 'd', 'e']);
    const s = llSim(cfg);
    s.apply({
      type: 'partition',
      groups: [
        ['you', 'c', 'd', 'e'],
        ['a', 'b', 'other'],
      ],
    });
    const w = write(s, 'k', 'v1');
    expect(w.outcome).toBe('ok');
    s.apply({ type: 'heal' });
    // Stop the handoff for a moment: cut the fallbacks off, read through the home replicas.
    s.apply({
      type: 'partition',
      groups: [
        ['d', 'e'],
        ['a', 'b', 'c', 'you'],
      ],
    });
    const r = read(s, 'k');
    expect(r.value).toBe(null);
    expect(checkAll(s)['stale-read'].map((a) => a.op)).toEqual([r.id]);
    s.apply({ type: 'heal' });
    s.runUntil(s.now + 10);
    expect(read(s, 'k', 'you', 'a').value).toBe('v1');
    expect(s.leaderless!.replicas.every((x) => x.hints.length === 0)).toBe(true);
  });
});

describe('anti-entropy', () => {
  it('brings a replica that missed writes up to date every interval', () => {
    const s = llSim(abc({ w: 2, r: 2, antiEntropy: 1000 }));
    s.apply({ type: 'crash', node: 'c' });
    write(s, 'k', 'v1');
    s.apply({ type: 'restart', node: 'c' });
    expect(read(s, 'k', 'you', 'c').value).toBe(null);
    expect(checkAll(s).divergence.length).toBe(1);
    s.runUntil(1100);
    expect(read(s, 'k', 'you', 'c').value).toBe('v1');
    expect(checkAll(s).divergence).toEqual([]);
    // The history names both ends of every quorum message (kept compactly, built on read).
    const msgs = s.history
      .toArray()
      .flatMap((e) =>
        e.type === 'quorum' ? [`${e.t} ${e.phase} ${e.msg} ${e.from}->${e.to} #${e.op}`] : [],
      );
    expect(msgs.slice(0, 4)).toEqual([
      '0 send write you->a #0',
      '0 send write you->b #0',
      '1 deliver write you->a #0',
      '1 send ack a->you #0',
    ]);
    expect(msgs).toContain('1000 send sync a->c #0');
    expect(msgs).toContain('1001 deliver sync a->c #0');
  });
});
