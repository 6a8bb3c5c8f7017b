// Multi-leader conflicts with exact times. netDelay is 1 ms: a write sent at t reaches its
// leader at t + 1, is applied and acknowledged there (the client hears at t + 2), and reaches
// each other leader `lag` after t + 1 (its receiver's lag, at least 1 ms).
import { describe, expect, it } from 'vitest';
import {
  checkAll,
  countAnomalies,
  multiLeaderReadValues,
  type Simulation,
} from '../../../src/sim/index.js';
import { runOp } from '../make-cluster.js';
import { mlSim, multiLeader } from './make-multi-leader.js';

const write = (s: Simulation, client: string, key: string, value: string, via?: string) =>
  runOp(s, { type: 'write', client, key, value, ...(via ? { via } : {}) });
const read = (s: Simulation, client: string, key: string, from = 'route') =>
  runOp(s, { type: 'read', client, key, from });
const counts = (s: Simulation) => countAnomalies(checkAll(s));
const notes = (s: Simulation) =>
  s.history.toArray().flatMap((e) => (e.type === 'note' ? [e.text] : []));

/** Both leaders accept a write to `k` before either hears of the other's. */
function concurrentWrites(s: Simulation): void {
  s.apply({ type: 'write', client: 'a', key: 'k', value: 'A' });
  s.apply({ type: 'write', client: 'b', key: 'k', value: 'B' });
  s.runUntil(10_000);
}

describe('multi-leader writes', () => {
  it('are applied and acknowledged by the home leader at once, and reach the other after its lag', () => {
    const s = mlSim(multiLeader([{ id: 'dc1' }, { id: 'dc2', lag: 1000 }]));
    const w = write(s, 'a', 'k', 'A');
    expect([w.outcome, w.node, w.completedAt]).toEqual(['ok', 'dc1', 2]);
    expect(read(s, 'b', 'k', 'dc2').value).toBe(null);
    s.runUntil(1001);
    expect(read(s, 'b', 'k', 'dc2').value).toBe('A');
    expect(counts(s)['lost-writes']).toBe(0);
  });

  it('go to via, else the client home, else the first leader; a follower refuses them', () => {
    const s = mlSim(
      multiLeader([{ id: 'dc1' }, { id: 'dc2' }, { id: 'dc2-r', upstream: 'dc2', lag: 200 }]),
    );
    expect(write(s, 'b', 'k', 'B').node).toBe('dc2');
    expect(write(s, 'b', 'k', 'B2', 'dc1').node).toBe('dc1');
    expect(write(s, 'nobody', 'k', 'N').node).toBe('dc1');
    const f = write(s, 'b', 'k', 'F', 'dc2-r');
    expect([f.outcome, f.error]).toEqual(['fail', 'not-leader']);
    s.apply({ type: 'crash', node: 'dc1' });
    const d = write(s, 'a', 'k', 'D');
    expect([d.outcome, d.error]).toEqual(['fail', 'down']);
  });
});

describe('conflict: lww', () => {
  it('keeps the highest stamp of the originating clock; the loser is discarded and lost', () => {
    // dc2's clock is 2 s behind: its write, made later, still loses.
    const s = mlSim(
      multiLeader([
        { id: 'dc1', lag: 500 },
        { id: 'dc2', lag: 500, clockSkew: -2000 },
      ]),
    );
    s.apply({ type: 'write', client: 'a', key: 'k', value: 'A' });
    s.runUntil(100);
    s.apply({ type: 'write', client: 'b', key: 'k', value: 'B' });
    s.runUntil(10_000);
    expect(read(s, 'a', 'k', 'dc1').value).toBe('A');
    expect(read(s, 'b', 'k', 'dc2').value).toBe('A');
    const c = counts(s);
    expect([c.conflicts, c['lost-writes'], c.divergence]).toEqual([1, 1, 0]);
    const lost = checkAll(s)['lost-writes'][0]!;
    expect(lost.message).toContain('"B"');
    // A reaches dc2 first (at 501), where B loses.
    expect(notes(s).some((t) => t.startsWith('discarded on dc2: "k" = "B"'))).toBe(true);
  });

  it('discards a later write stamped by a slow clock, though it had seen the earlier one', () => {
    const s = mlSim(multiLeader([{ id: 'dc1' }, { id: 'dc2', lag: 1000, clockSkew: -5000 }]));
    write(s, 'a', 'k', 'A');
    s.runUntil(2000);
    // dc2 has A, so B is no conflict; but B's stamp (2 s - 5 s) is below A's.
    write(s, 'b', 'k', 'B');
    s.runUntil(10_000);
    expect(read(s, 'a', 'k', 'dc1').value).toBe('A');
    expect(read(s, 'b', 'k', 'dc2').value).toBe('A');
    const c = counts(s);
    expect([c.conflicts, c['lost-writes']]).toEqual([0, 1]);
    expect(notes(s).some((t) => t.includes("it came later, but dc2's clock was behind"))).toBe(
      true,
    );
  });

  it('breaks a stamp tie by leader id, the same on every node', () => {
    const s = mlSim(multiLeader([{ id: 'dc1' }, { id: 'dc2' }]));
    concurrentWrites(s);
    expect(read(s, 'a', 'k', 'dc1').value).toBe('B');
    expect(read(s, 'b', 'k', 'dc2').value).toBe('B');
  });
});

describe('conflict: replica-id', () => {
  it('lets the leader listed first win, whatever the clocks say', () => {
    const s = mlSim(multiLeader([{ id: 'dc1' }, { id: 'dc2', clockSkew: 60_000 }], 'replica-id'));
    concurrentWrites(s);
    expect(read(s, 'a', 'k', 'dc1').value).toBe('A');
    expect(read(s, 'b', 'k', 'dc2').value).toBe('A');
    const c = counts(s);
    expect([c.conflicts, c['lost-writes'], c.divergence]).toEqual([1, 1, 0]);
    expect(notes(s).some((t) => t.includes('dc1 is listed first (replica id)'))).toBe(true);
  });

  it('converges with three leaders whatever order the entries arrive in', () => {
    // dc3's write Z follows dc1's X; dc2's Y (cut off meanwhile) is concurrent with both.
    // Every node must end up showing Y: among the versions nothing superseded, Y and Z, dc2
    // is listed first — although dc1 shows Z and dc2 shows X for a while.
    const s = mlSim(multiLeader([{ id: 'dc1' }, { id: 'dc2' }, { id: 'dc3' }], 'replica-id'));
    s.apply({ type: 'partition', groups: [['dc2'], ['dc1', 'dc3']] });
    s.apply({ type: 'write', client: 'a', key: 'k', value: 'X' });
    s.apply({ type: 'write', client: 'b', key: 'k', value: 'Y' });
    s.runUntil(100);
    s.apply({ type: 'write', client: 'c', key: 'k', value: 'Z' });
    s.runUntil(200);
    expect(read(s, 'a', 'k', 'dc1').value).toBe('Z');
    s.apply({ type: 'heal' });
    s.runUntil(20_000);
    for (const [client, node] of [
      ['a', 'dc1'],
      ['b', 'dc2'],
      ['c', 'dc3'],
    ] as const) {
      expect(read(s, client, 'k', node).value).toBe('Y');
    }
    expect(counts(s).divergence).toBe(0);
  });

  it('a write on a leader that saw the conflict follows both: nothing stays lost', () => {
    const s = mlSim(multiLeader([{ id: 'dc1' }, { id: 'dc2' }], 'replica-id'));
    concurrentWrites(s);
    expect(counts(s)['lost-writes']).toBe(1);
    write(s, 'b', 'k', 'C');
    s.runUntil(20_000);
    expect(read(s, 'a', 'k', 'dc1').value).toBe('C');
    expect(counts(s)['lost-writes']).toBe(0);
  });
});

describe('conflict: siblings', () => {
  it('keeps both; a read returns every sibling; a write that read them merges them', () => {
    const s = mlSim(multiLeader([{ id: 'dc1' }, { id: 'dc2', lag: 500 }], 'siblings'));
    concurrentWrites(s);
    const r = read(s, 'a', 'k', 'dc1');
    expect(multiLeaderReadValues(s, r.id)?.sort()).toEqual(['A', 'B']);
    let c = counts(s);
    expect([c.conflicts, c.siblings, c['lost-writes'], c.divergence]).toEqual([1, 1, 0, 0]);
    // a read the siblings: its write supersedes both, everywhere.
    write(s, 'a', 'k', 'A+B');
    s.runUntil(20_000);
    for (const [client, node] of [
      ['a', 'dc1'],
      ['b', 'dc2'],
    ] as const) {
      const x = read(s, client, 'k', node);
      expect(multiLeaderReadValues(s, x.id)).toEqual(['A+B']);
    }
    c = counts(s);
    expect([c.conflicts, c['lost-writes'], c.divergence]).toEqual([1, 0, 0]);
  });

  it('a blind write beside siblings is one more sibling', () => {
    const s = mlSim(multiLeader([{ id: 'dc1' }, { id: 'dc2' }], 'siblings'));
    concurrentWrites(s);
    write(s, 'nobody', 'k', 'C', 'dc1');
    s.runUntil(20_000);
    const r = read(s, 'b', 'k', 'dc2');
    expect(multiLeaderReadValues(s, r.id)?.sort()).toEqual(['A', 'B', 'C']);
    expect(counts(s)['lost-writes']).toBe(0);
  });

  it('a later write on a leader holding one version replaces it without a conflict', () => {
    const s = mlSim(multiLeader([{ id: 'dc1' }, { id: 'dc2' }], 'siblings'));
    write(s, 'a', 'k', 'A');
    s.runUntil(100);
    write(s, 'b', 'k', 'B');
    s.runUntil(1000);
    expect(read(s, 'a', 'k', 'dc1').value).toBe('B');
    const c = counts(s);
    expect([c.conflicts, c['lost-writes']]).toEqual([0, 0]);
  });
});

describe('conflict: none', () => {
  it('applies in arrival order, so the leaders end up different', () => {
    const s = mlSim(multiLeader([{ id: 'dc1' }, { id: 'dc2' }], 'none'));
    concurrentWrites(s);
    // Each leader applied its own write first and the other's on arrival.
    expect(read(s, 'a', 'k', 'dc1').value).toBe('B');
    expect(read(s, 'b', 'k', 'dc2').value).toBe('A');
    const c = counts(s);
    expect([c.conflicts, c.divergence, c['lost-writes']]).toEqual([1, 1, 0]);
  });
});
