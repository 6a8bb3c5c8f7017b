// PostgreSQL-style choice of synchronous standbys. {first: k}: the first k connected,
// streaming followers in listed order are synchronous; a crashed one is replaced at once, one
// cut off only after ackTimeout. {any: k}: quorum commit, any k acknowledgements. With a
// network delay of 1 ms, a write invoked at t is acknowledged by a follower of lag L at
// t + 1 + L + 1 and the client hears ok at t + L + 3.
import { describe, expect, it } from 'vitest';
import {
  type ClusterConfig,
  defaultCluster,
  type NodeConfig,
  SimulationError,
  type SyncStandbys,
} from '../../src/sim/index.js';
import { sim, start, write } from './make-cluster.js';

function cluster(
  syncStandbys: SyncStandbys,
  lags: number[],
  over: Partial<ClusterConfig> = {},
): ClusterConfig {
  return defaultCluster(
    [
      { id: 'primary', role: 'leader' },
      ...lags.map((lag, i): NodeConfig => ({ id: `r${i + 1}`, role: 'follower', lag })),
    ],
    { mode: 'sync', syncStandbys, clientTimeout: 60_000, ...over },
  );
}

/** When a write invoked now is acknowledged to its client. */
function okAt(s: ReturnType<typeof sim>, key = 'k'): number {
  const w = write(s, key, 'v');
  expect(w.outcome).toBe('ok');
  return w.completedAt! - w.invokedAt;
}

function notes(s: ReturnType<typeof sim>): string[] {
  return s.history.toArray().flatMap((e) => (e.type === 'note' ? [`${e.t} ${e.text}`] : []));
}

describe('syncStandbys: {first: 1}', () => {
  it('waits for the first listed follower only, however slow, not for the others', () => {
    const s = sim(cluster({ first: 1 }, [200, 10, 10]));
    expect(okAt(s)).toBe(203);
  });

  it('a crashed standby is replaced at once: the waiting write is released by the next', () => {
    const s = sim(cluster({ first: 1 }, [200, 30, 10]));
    const w = start(s, { type: 'write', client: 'a', key: 'k', value: 1 });
    s.runUntil(100);
    expect(w.outcome).toBe('pending');
    // r2 acknowledged at 32; r1 crashes at 100: r2 is the synchronous standby from now on.
    s.apply({ type: 'crash', node: 'r1' });
    s.runUntil(200);
    expect([w.outcome, w.completedAt]).toEqual(['ok', 101]);
    expect(okAt(s)).toBe(33);
    // r1 back and streaming: it is first again, and writes wait for it.
    s.apply({ type: 'restart', node: 'r1' });
    s.runUntil(1000);
    expect(okAt(s)).toBe(203);
  });

  it('a partitioned standby is waited for until ackTimeout, then the next takes over', () => {
    const s = sim(cluster({ first: 1 }, [20, 30, 10], { ackTimeout: 500 }));
    s.apply({ type: 'partition', groups: [['r1']] });
    const w = start(s, { type: 'write', client: 'a', key: 'k', value: 1 });
    s.runUntil(400);
    expect(w.outcome).toBe('pending');
    s.runUntil(600);
    // Appended at 1, timed out at 501: r2 (which acknowledged at 32) is chosen and releases it.
    expect([w.outcome, w.completedAt]).toEqual(['ok', 502]);
    expect(notes(s)).toEqual([
      '501 primary: no answer from r1 for 500 ms, stopped waiting for it; synchronous now: r2',
    ]);
    expect(okAt(s)).toBe(33);
    // Healed and caught up, r1 answers again and is the synchronous standby once more.
    s.apply({ type: 'heal' });
    s.runUntil(2000);
    expect(okAt(s)).toBe(23);
  });

  it('without an ackTimeout a partitioned standby blocks writes, as a fixed one does', () => {
    const s = sim(cluster({ first: 1 }, [20, 30], { clientTimeout: 5000 }));
    s.apply({ type: 'partition', groups: [['r1']] });
    const w = write(s, 'k', 'v');
    expect([w.outcome, w.error]).toEqual(['info', 'timeout']);
  });

  it('a standby still catching up is not chosen; only followers marked sync are listed', () => {
    const cfg = cluster({ first: 1 }, [10, 40, 5]);
    cfg.nodes[2] = { ...cfg.nodes[2]!, sync: true };
    cfg.nodes[3] = { ...cfg.nodes[3]!, sync: true };
    const s = sim(cfg);
    // r1 is not marked: r2 is the first listed candidate (r3 would be faster).
    expect(okAt(s)).toBe(43);
    s.apply({ type: 'crash', node: 'r2' });
    for (let i = 0; i < 5; i++) expect(okAt(s)).toBe(8);
    s.apply({ type: 'restart', node: 'r2' });
    // r2 catches up from LSN 2 (its backlog arrives 40 ms later): until then r3 decides.
    expect(okAt(s)).toBe(8);
    s.runUntil(s.now + 100);
    expect(okAt(s)).toBe(43);
  });
});

describe('syncStandbys: {first: 2} and {any: k}', () => {
  it('{first: 2} waits for the first two listed', () => {
    const s = sim(cluster({ first: 2 }, [10, 150, 5]));
    expect(okAt(s)).toBe(153);
  });

  it('{any: 2} waits for the second acknowledgement, from whichever followers', () => {
    const s = sim(cluster({ any: 2 }, [300, 50, 10]));
    expect(okAt(s)).toBe(53);
    s.apply({ type: 'crash', node: 'r2' });
    expect(okAt(s)).toBe(303);
  });

  it('{any: 2} with only one follower left blocks; ackTimeout makes the outcome unknown', () => {
    const s = sim(cluster({ any: 2 }, [30, 50, 10], { ackTimeout: 400 }));
    s.apply({ type: 'crash', node: 'r2' });
    s.apply({ type: 'crash', node: 'r3' });
    const w = write(s, 'k', 'v');
    expect([w.outcome, w.error, w.completedAt]).toEqual(['info', 'timeout', 402]);
  });

  it('set-cluster changes the choice and releases what the new one allows', () => {
    const s = sim(cluster({ first: 1 }, [1000, 10]));
    const w = start(s, { type: 'write', client: 'a', key: 'k', value: 1 });
    s.runUntil(100);
    s.apply({ type: 'set-cluster', params: { syncStandbys: { any: 1 } } });
    s.runUntil(200);
    expect([w.outcome, w.completedAt]).toEqual(['ok', 101]);
  });

  it('refuses anything but {first: k} or {any: k} with k ≥ 1', () => {
    const bad = [{ first: 0 }, { any: 1.5 }, { first: 1, any: 1 }, {}] as SyncStandbys[];
    for (const b of bad) {
      expect(() => sim(cluster(b, [10]))).toThrow(SimulationError);
    }
    expect(() => sim(cluster({ first: 0 }, [10]))).toThrow(
      'syncStandbys must be {first: k} or {any: k} with k a whole number ≥ 1, got {"first":0}',
    );
  });

  it('has no effect in async mode', () => {
    const s = sim(cluster({ first: 1 }, [500], { mode: 'async' }));
    expect(okAt(s)).toBe(2);
  });
});
