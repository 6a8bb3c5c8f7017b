// The op table stores operations in columns and builds records on demand: the records must
// be exactly what the simulator used to keep as objects (fields, values, JSON order).
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/index.js';
import { FAIL, INFO, OK, OpTable } from '../../src/sim/op-table.js';
import { config } from './make-cluster.js';

function table(): OpTable {
  const t = new OpTable(['primary', 'replica-1']);
  t.addClient('alice');
  t.addClient('bob');
  return t;
}

describe('op table', () => {
  it('a pending write has only what was known at invocation, in the record order', () => {
    const t = table();
    const id = t.invoke(1, t.userIndexOf('bob'), true, 'k', 0, 12.5, 3);
    expect(id).toBe(0);
    expect(t.isPending(id)).toBe(true);
    expect(t.isPending(1)).toBe(false); // not issued yet
    expect(JSON.stringify(t.at(id))).toBe(
      '{"id":0,"client":"bob","user":"bob","kind":"write","key":"k","node":"primary",' +
        '"invokedAt":12.5,"invokeSeq":3,"outcome":"pending"}',
    );
  });

  it('a write accepted, acknowledged and completed carries every field', () => {
    const t = table();
    const id = t.invoke(0, t.userIndexOf('carol'), true, 'orders', 0, 1, 0);
    t.accept(id, 'orders/7', 'v', 42, 3, 2, 7);
    t.acked(id, 2);
    t.complete(id, 3, 1, OK, undefined);
    expect(t.at(id)).toEqual({
      id,
      client: 'alice',
      user: 'carol',
      kind: 'write',
      key: 'orders/7',
      node: 'primary',
      invokedAt: 1,
      invokeSeq: 0,
      outcome: 'ok',
      completedAt: 3,
      completeSeq: 1,
      value: 'v',
      lsn: 42,
      epoch: 3,
      acceptedAt: 2,
      ackedAt: 2,
      autoId: 7,
    });
    expect(t.lsn(id)).toBe(42);
    expect(t.epoch(id)).toBe(3);
    expect(t.wasAcked(id)).toBe(true);
    expect(t.key(id)).toBe('orders/7');
    expect(t.userOf(id)).toBe(t.userIndexOf('carol'));
  });

  it('keeps LSN 0, epoch 0 and null values apart from unset ones', () => {
    const t = table();
    const read = t.invoke(0, 0, false, 'x', 1, 5, 0);
    t.complete(read, 6, 1, OK, undefined);
    t.readResult(read, null, 0, 0, 0, 'follower');
    expect(t.at(read)).toMatchObject({ value: null, lsn: 0, versionLsn: 0, versionEpoch: 0 });
    expect(t.at(read)!.role).toBe('follower');
    const timedOut = t.invoke(0, 0, true, 'x', 0, 5, 2);
    t.complete(timedOut, 9, 3, INFO, 'timeout');
    t.position(timedOut, 0, undefined);
    const rec = t.at(timedOut)!;
    expect(rec).toMatchObject({ outcome: 'info', error: 'timeout', lsn: 0 });
    expect('epoch' in rec && rec.epoch === undefined).toBe(true);
    expect(t.wasAcked(timedOut)).toBe(false);
  });

  it('a failed read has no result fields; errors round-trip', () => {
    const t = table();
    for (const error of [
      'fenced',
      'no-quorum',
      'not-leader',
      'down',
      'unreachable',
      'restoring',
    ] as const) {
      const id = t.invoke(0, 0, false, 'x', 0, 0, 0);
      t.complete(id, 1, 1, FAIL, error);
      const rec = t.at(id)!;
      expect(rec.error).toBe(error);
      expect(rec.outcome).toBe('fail');
      expect(rec.lsn).toBeUndefined();
      expect(rec.role).toBeUndefined();
    }
  });

  it('grows past its first capacity without losing a row; at, slice and iteration agree', () => {
    const t = table();
    // Past the first chunk's doublings and across two 64K-row chunk boundaries.
    const rows = 140_000;
    for (let i = 0; i < rows; i++) {
      const id = t.invoke(i % 2, 0, i % 3 === 0, `k${i}`, i % 2, i * 1.5, i);
      if (i % 3 === 0) t.accept(id, `k${i}`, i, i + 1, 1, i * 1.5 + 1, undefined);
      if (i % 4 === 0) t.complete(id, i * 1.5 + 2, 10_000 + i, OK, undefined);
    }
    expect(t.length).toBe(rows);
    expect(t.at(rows - 1)!.key).toBe(`k${rows - 1}`);
    expect(t.at(-1)!.id).toBe(rows - 1);
    expect(t.at(rows)).toBeUndefined();
    for (const i of [3000, 65_535, 65_538, 131_073]) {
      expect(t.at(i)).toMatchObject({ id: i, kind: 'write', lsn: i + 1, value: i, key: `k${i}` });
      expect(t.at(i)!.invokedAt).toBe(i * 1.5);
      expect(t.at(i)!.outcome).toBe(i % 4 === 0 ? 'ok' : 'pending');
      expect(t.isPending(i)).toBe(i % 4 !== 0);
    }
    expect(t.at(3001)).toMatchObject({ kind: 'read', outcome: 'pending', completedAt: undefined });
    expect(t.at(65_540)).toMatchObject({ kind: 'read', outcome: 'ok', completeSeq: 75_540 });
    const all = [...t];
    expect(all).toHaveLength(rows);
    expect(all.every((o, i) => o.id === i && o.key === `k${i}`)).toBe(true);
    expect(t.slice(65_535, 65_538).map((o) => o.id)).toEqual([65_535, 65_536, 65_537]);
    expect(t.slice(-2).map((o) => o.id)).toEqual([rows - 2, rows - 1]);
    expect(JSON.parse(JSON.stringify(t.slice(0, 10)))).toHaveLength(10);
  });

  it('a simulation reads its operations through it, writes with their scripted deps', () => {
    const s = new Simulation(
      config([
        { id: 'primary', role: 'leader' },
        { id: 'replica-1', role: 'follower', lag: 10 },
      ]),
      { seed: 1 },
    );
    const w = s.apply({ type: 'write', client: 'you', key: 'a', value: 1 })!;
    s.runUntil(100);
    const r = s.apply({ type: 'read', client: 'you', key: 'a', from: 'replica-1' })!;
    s.runUntil(200);
    const w2 = s.apply({ type: 'write', client: 'you', key: 'b', value: 2 })!;
    s.runUntil(300);
    expect(s.ops.length).toBe(3);
    expect(s.ops.at(w)).toMatchObject({ kind: 'write', outcome: 'ok', lsn: 1, value: 1 });
    expect(s.ops.at(r)).toMatchObject({ kind: 'read', outcome: 'ok', value: 1, versionLsn: 1 });
    expect(s.ops.at(w2)!.deps).toEqual({ a: 1 });
  });
});
