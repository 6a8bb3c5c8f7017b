// WAL couples versions: under `log: wal` a follower on another major version than its leader
// refuses the stream (`version-mismatch` in the event log and its status, reads refused); a
// row log streams across versions, which is how upgrades by failover work.
import { describe, expect, it } from 'vitest';
import type { LogFormat, NodeConfig } from '../../src/sim/index.js';
import { config, failover, faults, node, read, sim, status, write } from './make-cluster.js';

function cluster(log: LogFormat, versions: (number | undefined)[] = [16, 16, 16]) {
  const nodes: NodeConfig[] = [
    { id: 'db1', role: 'leader', version: versions[0] },
    { id: 'db2', role: 'follower', lag: 100, version: versions[1] },
    { id: 'db3', role: 'follower', lag: 100, version: versions[2] },
  ];
  return sim(config(nodes, { log }));
}

describe('a follower on another major version', () => {
  it('refuses the WAL stream: a fault in the event log, its status, reads refused, lag grows', () => {
    const s = cluster('wal');
    write(s, 'a', 1);
    s.runUntil(500);
    expect(node(s, 'db2').applied).toBe(1);
    s.apply({ type: 'set-node', node: 'db2', params: { version: 17 } });
    expect(faults(s)).toContain('500 version-mismatch db2');
    const detail = s.history
      .toArray()
      .find((e) => e.type === 'fault' && e.fault === 'version-mismatch');
    expect(detail).toMatchObject({
      detail: "(version 17) refuses db1's WAL (version 16)",
    });
    expect(status(s, 'db2')).toBe('version-mismatch');
    write(s, 'b', 2);
    s.runUntil(2000);
    expect(node(s, 'db2').log.length).toBe(1);
    expect(node(s, 'db3').applied).toBe(2);
    expect(s.snapshot().nodes.find((n) => n.id === 'db2')!.lagEntries).toBe(1);
    const r = read(s, 'a', 'db2');
    expect([r.outcome, r.error]).toEqual(['fail', 'version-mismatch']);
    // Only one fault however often the stream restarts.
    s.apply({ type: 'crash', node: 'db2' });
    s.apply({ type: 'restart', node: 'db2' });
    s.runUntil(3000);
    expect(faults(s).filter((f) => f.includes('version-mismatch'))).toHaveLength(1);
    expect(status(s, 'db2')).toBe('version-mismatch');
  });

  it('a row log streams across versions', () => {
    const s = cluster('row', [16, 17, 16]);
    write(s, 'a', 1);
    s.runUntil(500);
    expect(status(s, 'db2')).toBe('streaming');
    expect(read(s, 'a', 'db2').value).toBe(1);
    expect(faults(s).some((f) => f.includes('version-mismatch'))).toBe(false);
  });

  it('configured from the start under wal: refused at t=0; nodes without a version never are', () => {
    const s = cluster('wal', [16, 17, undefined]);
    expect(faults(s)).toEqual(['0 version-mismatch db2']);
    write(s, 'a', 1);
    s.runUntil(500);
    expect(status(s, 'db2')).toBe('version-mismatch');
    expect(status(s, 'db3')).toBe('streaming');
    expect(node(s, 'db2').log.length).toBe(0);
  });

  it('switching to a row log, or back to the same version, resumes the stream from where it stopped', () => {
    for (const fix of ['log', 'version'] as const) {
      const s = cluster('wal', [16, 17, 16]);
      write(s, 'a', 1);
      write(s, 'b', 2);
      s.runUntil(500);
      expect(node(s, 'db2').applied).toBe(0);
      if (fix === 'log') s.apply({ type: 'set-cluster', params: { log: 'row' } });
      else s.apply({ type: 'set-node', node: 'db2', params: { version: 16 } });
      s.runUntil(1000);
      expect(status(s, 'db2')).toBe('streaming');
      expect(node(s, 'db2').applied).toBe(2);
      expect(read(s, 'b', 'db2').value).toBe(2);
      // And back to WAL with versions that still differ: refused again.
      if (fix === 'log') {
        s.apply({ type: 'set-cluster', params: { log: 'wal' } });
        expect(status(s, 'db2')).toBe('version-mismatch');
      }
    }
  });

  it('upgrading the leader first: every follower on the old version refuses its WAL', () => {
    const s = cluster('wal');
    s.apply({ type: 'set-node', node: 'db1', params: { version: 17 } });
    expect(status(s, 'db2')).toBe('version-mismatch');
    expect(status(s, 'db3')).toBe('version-mismatch');
    expect(status(s, 'db1')).toBe('leading');
  });

  it('cannot be promoted, by hand or by an election', () => {
    const s = sim(
      config(
        [
          { id: 'db1', role: 'leader', version: 16 },
          { id: 'db2', role: 'follower', lag: 100, version: 17 },
          { id: 'db3', role: 'follower', lag: 100, version: 16 },
        ],
        { log: 'wal', failover: failover() },
      ),
    );
    expect(() => s.apply({ type: 'promote', node: 'db2' })).toThrow(
      `cannot promote "db2": it runs version 17 and cannot open the leader's data files`,
    );
    s.apply({ type: 'crash', node: 'db1' });
    s.runUntil(10_000);
    expect(s.currentLeader()?.id).toBe('db3');
    expect(status(s, 'db2')).toBe('version-mismatch');
  });

  it('under row, the upgraded follower takes over by failover: the upgrade path', () => {
    const s = cluster('row', [16, 17, 16]);
    write(s, 'a', 1);
    s.runUntil(500);
    s.apply({ type: 'promote', node: 'db2' });
    write(s, 'b', 2);
    s.runUntil(1000);
    expect(s.currentLeader()?.id).toBe('db2');
    expect(read(s, 'b', 'db3').value).toBe(2);
  });

  it('is no synchronous standby under FIRST 1, and routed reads pass it over', () => {
    const s = sim(
      config(
        [
          { id: 'db1', role: 'leader', version: 16 },
          { id: 'db2', role: 'follower', lag: 10, version: 17 },
          { id: 'db3', role: 'follower', lag: 50, version: 16 },
        ],
        { log: 'wal', mode: 'sync', syncStandbys: { first: 1 } },
      ),
      1,
      [{ id: 'r', policy: 'random' }],
    );
    const w = write(s, 'a', 1);
    // Waited for db3, the first standby that streams: 1 + 50 + 1 + 1 ms.
    expect([w.outcome, w.completedAt! - w.invokedAt]).toEqual(['ok', 53]);
    s.runUntil(1000);
    for (let i = 0; i < 20; i++) {
      const r = read(s, 'a', 'route', 'r');
      expect(r.node).not.toBe('db2');
    }
  });
});
