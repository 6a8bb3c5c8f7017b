// Read-your-writes and monotonic reads on leaderless runs, judged on versions: where they
// must fire, and where they must not (concurrent siblings, a newer write by someone else).
import { describe, expect, it } from 'vitest';
import { checkAll, quorumReadValues, type Simulation } from '../../../src/sim/index.js';
import { runOp } from '../make-cluster.js';
import { abc, llSim } from './make-leaderless.js';

const write = (s: Simulation, client: string, value: string, key = 'k') =>
  runOp(s, { type: 'write', client, key, value });
const read = (s: Simulation, client: string, from = 'route', key = 'k') =>
  runOp(s, { type: 'read', client, key, from });
const ids = (s: Simulation, checker: 'read-your-writes' | 'monotonic-reads') =>
  checkAll(s)[checker].map((a) => [a.op, ...(a.related ?? [])]);

describe('leaderless read-your-writes', () => {
  it('fires when a read misses the reader’s own acknowledged write', () => {
    const s = llSim(abc({ w: 1, r: 1 }, { c: 500 }));
    const w = write(s, 'you', 'v1'); // a acked it; c gets it at 500 ms
    const r = read(s, 'you', 'c');
    expect(r.value).toBe(null);
    expect(ids(s, 'read-your-writes')).toEqual([[r.id, w.id]]);
    expect(checkAll(s)['read-your-writes'][0]!.message).toBe(
      `you wrote "v1" to "k" (write #${w.id}, acknowledged at 0.002s) but then read nothing at 0.002s, which does not reflect it`,
    );
    // Once c has it, reading c is fine.
    s.runUntil(600);
    read(s, 'you', 'c');
    expect(ids(s, 'read-your-writes')).toHaveLength(1);
  });

  it('judges per user: a write from one device, a read from another', () => {
    const s = llSim(abc({ w: 1, r: 1 }, { c: 500 }), 1, [
      { id: 'laptop', user: 'alice', policy: 'leader' },
      { id: 'phone', user: 'alice', policy: 'leader' },
    ]);
    write(s, 'laptop', 'v1');
    read(s, 'phone', 'c');
    const [a] = checkAll(s)['read-your-writes'];
    expect(a?.message).toMatch(/^alice wrote "v1" .*\(written from laptop, read from phone\)$/);
  });

  it('does not fire on someone else’s write missed (that is a stale read only)', () => {
    const s = llSim(abc({ w: 1, r: 1 }, { c: 500 }));
    write(s, 'other', 'v1');
    read(s, 'you', 'c');
    const report = checkAll(s);
    expect(report['stale-read']).toHaveLength(1);
    expect(report['read-your-writes']).toEqual([]);
  });

  it('does not fire when a newer write by someone else replaced it (LWW and read-then-write)', () => {
    const lww = llSim(abc({ w: 3, r: 1 }));
    write(lww, 'you', 'v1');
    write(lww, 'other', 'v2'); // blind, but stamped later: LWW keeps it
    expect(read(lww, 'you', 'a').value).toBe('v2');
    expect(checkAll(lww)['read-your-writes']).toEqual([]);

    const sib = llSim(abc({ w: 3, r: 1 }, {}, { conflict: 'siblings' }));
    write(sib, 'you', 'v1');
    read(sib, 'other', 'a');
    write(sib, 'other', 'v2'); // other had read v1: v2 replaces it
    expect(read(sib, 'you', 'a').value).toBe('v2');
    expect(checkAll(sib)['read-your-writes']).toEqual([]);
  });

  it('does not fire when the read returns the own write beside a concurrent sibling', () => {
    const s = llSim(abc({ w: 3, r: 1 }, {}, { conflict: 'siblings' }));
    write(s, 'you', 'v1');
    write(s, 'other', 'v2'); // blind: concurrent with v1
    const r = read(s, 'you', 'a');
    expect(checkAll(s).siblings.map((a) => a.op)).toEqual([r.id]);
    expect(checkAll(s)['read-your-writes']).toEqual([]);
  });
});

describe('leaderless monotonic reads', () => {
  it('fires when a later read returns an older version than an earlier one', () => {
    const s = llSim(abc({ w: 1, r: 1 }, { c: 500 }));
    write(s, 'other', 'v1');
    const r1 = read(s, 'you', 'a');
    const r2 = read(s, 'you', 'c');
    expect([r1.value, r2.value]).toEqual(['v1', null]);
    expect(ids(s, 'monotonic-reads')).toEqual([[r2.id, r1.id]]);
    expect(checkAll(s)['monotonic-reads'][0]!.message).toBe(
      `you read "k" = "v1" (write #0) at 0.002s, then the older nothing at 0.004s`,
    );
    expect(checkAll(s)['read-your-writes']).toEqual([]);
  });

  it('fires when a later read loses a sibling the earlier one returned', () => {
    const s = llSim(abc({ w: 1, r: 1 }, {}, { conflict: 'siblings' }));
    write(s, 'x', 'v1');
    s.apply({ type: 'crash', node: 'c' });
    write(s, 'y', 'v2'); // blind: a sibling of v1 on a and b, not on c
    s.apply({ type: 'restart', node: 'c' });
    const r1 = read(s, 'you', 'a');
    const r2 = read(s, 'you', 'c');
    expect(quorumValues(s, r1.id)).toEqual(['v1', 'v2']);
    expect(quorumValues(s, r2.id)).toEqual(['v1']);
    expect(ids(s, 'monotonic-reads')).toEqual([[r2.id, r1.id]]);
  });

  it('does not fire when siblings appear', () => {
    const s = llSim(abc({ w: 1, r: 1 }, {}, { conflict: 'siblings' }));
    write(s, 'x', 'v1');
    s.apply({ type: 'crash', node: 'c' });
    write(s, 'y', 'v2');
    s.apply({ type: 'restart', node: 'c' });
    read(s, 'you', 'c'); // {v1}
    read(s, 'you', 'a'); // {v1, v2}: newer, not older
    expect(checkAll(s)['monotonic-reads']).toEqual([]);
  });

  /** a holds only v1 (by x), c only v3 (by y, written blind later): concurrent versions. */
  function split(conflict: 'lww' | 'siblings'): Simulation {
    const t = llSim(abc({ w: 1, r: 1 }, {}, { conflict }));
    t.apply({ type: 'crash', node: 'c' });
    write(t, 'x', 'v1');
    t.apply({ type: 'crash', node: 'a' });
    t.apply({ type: 'crash', node: 'b' });
    t.apply({ type: 'restart', node: 'c' });
    write(t, 'y', 'v3');
    t.apply({ type: 'restart', node: 'a' });
    return t;
  }

  it('does not fire on a concurrent version (siblings): neither is older', () => {
    for (const order of [
      ['a', 'c'],
      ['c', 'a'],
    ]) {
      const t = split('siblings');
      const values = order.map((from) => read(t, 'you', from).value);
      expect(values).toEqual(order.map((n) => (n === 'a' ? 'v1' : 'v3')));
      expect(checkAll(t)['monotonic-reads']).toEqual([]);
    }
  });

  it('under LWW the stamp orders them: going back to the lower stamp fires', () => {
    const up = split('lww');
    read(up, 'you', 'a');
    read(up, 'you', 'c');
    expect(checkAll(up)['monotonic-reads']).toEqual([]);
    const down = split('lww');
    const r1 = read(down, 'you', 'c');
    const r2 = read(down, 'you', 'a');
    expect([r1.value, r2.value]).toEqual(['v3', 'v1']);
    expect(ids(down, 'monotonic-reads')).toEqual([[r2.id, r1.id]]);
  });

  it('does not fire after a newer write by someone else', () => {
    const s = llSim(abc({ w: 3, r: 1 }));
    write(s, 'x', 'v1');
    read(s, 'you', 'a');
    write(s, 'y', 'v2');
    expect(read(s, 'you', 'b').value).toBe('v2');
    expect(checkAll(s)['monotonic-reads']).toEqual([]);
  });
});

const quorumValues = (s: Simulation, op: number) => quorumReadValues(s, op)?.slice().sort();
