// Shipping the log, with exact times: lag and replay, throughput as a queue, retention,
// catch-up after a crash, partitions, changing lag mid-run, cascades, wipe and resync.
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../src/sim/index.js';
import {
  config,
  faults,
  node,
  read,
  runOp,
  sim,
  start,
  status,
  threeNodes,
  write,
} from './make-cluster.js';

function snap(s: Simulation, id: string) {
  return s.snapshot().nodes.find((n) => n.id === id)!;
}

describe('replication', () => {
  it('replay delay: received at 1001, applied at 1501; reads see applied data', () => {
    const cfg = threeNodes([1000, 5000]);
    cfg.nodes[1]!.replay = 500;
    const s = sim(cfg);
    write(s, 'k', 'v');
    s.runUntil(1200);
    expect(snap(s, 'replica-1')).toMatchObject({
      receivedLsn: 1,
      appliedLsn: 0,
      lagEntries: 1,
      lagBytes: 1024,
      lagMs: 1199,
    });
    expect(read(s, 'k', 'replica-1').value).toBe(null);
    s.runUntil(1500);
    expect(snap(s, 'replica-1').appliedLsn).toBe(0);
    s.runUntil(1501);
    expect(snap(s, 'replica-1')).toMatchObject({ appliedLsn: 1, lagEntries: 0, lagMs: 0 });
  });

  it('throughput: writes that outpace the link make the lag grow as a queue', () => {
    // 20 writes/s against a link of 10 entries/s: entry k leaves the queue at 1 + 100k and
    // arrives 1 ms later; entry k was written at 50(k-1) + 1.
    const cfg = threeNodes([0, 0]);
    cfg.nodes[1]!.throughput = 10;
    const s = sim(cfg);
    let next = 0;
    const lagAt = (t: number) => {
      for (; next <= t && next < 5000; next += 50) {
        s.runUntil(next);
        s.apply({ type: 'write', client: `c${next}`, key: 'k', value: next });
      }
      s.runUntil(t);
      return snap(s, 'replica-1').lagEntries;
    };
    expect(lagAt(1002)).toBe(21 - 10);
    expect(lagAt(2502)).toBe(51 - 25);
    expect(lagAt(4951)).toBe(100 - 49);
    // Writes stop; the queue drains at 10/s: the 100th entry arrives at 1 + 100·100 + 1.
    expect(lagAt(10_001)).toBe(1);
    expect(lagAt(10_002)).toBe(0);
    expect(snap(s, 'replica-2').lagEntries).toBe(0);
  });

  it('retention: a follower that needs an entry the leader no longer keeps needs a resync', () => {
    const s = sim(threeNodes([1000, 5000], { retain: 5 }));
    s.apply({ type: 'crash', node: 'replica-2' });
    for (let i = 1; i <= 10; i++) write(s, 'k', i);
    s.apply({ type: 'restart', node: 'replica-2' });
    expect(status(s, 'replica-2')).toBe('needs-resync');
    expect(s.history.at(-1)).toEqual({
      t: 20,
      type: 'fault',
      fault: 'needs-resync',
      node: 'replica-2',
      detail: 'it needs LSN 1, but primary keeps only LSN 6 onwards',
    });
    // A resync (base backup at 1024 bytes/ms: 10 KB in 10 ms) and it streams again.
    s.apply({ type: 'resync', node: 'replica-2', rate: 1024 });
    expect(status(s, 'replica-2')).toBe('copying');
    s.runUntil(30);
    expect(snap(s, 'replica-2')).toMatchObject({ status: 'streaming', appliedLsn: 10 });
  });

  it('retention: a lagging stream breaks when it reaches an entry that was recycled', () => {
    const s = sim(threeNodes([1000, 5000], { retain: 3 }));
    for (let i = 1; i <= 5; i++) s.apply({ type: 'write', client: `c${i}`, key: 'k', value: i });
    s.runUntil(5000);
    expect(status(s, 'replica-2')).toBe('streaming');
    s.runUntil(5001);
    expect(status(s, 'replica-2')).toBe('needs-resync');
    // Lag is the sender's backlog plus the network: LSN 1 and 2 were recycled at t=1 (when
    // LSN 5 was written), long before either stream reached them.
    expect(faults(s)).toEqual(['1001 needs-resync replica-1', '5001 needs-resync replica-2']);
  });

  it('crash and restart: the follower catches up from its last received LSN', () => {
    const s = sim(threeNodes([1000, 5000]));
    write(s, 'k', 1); // LSN 1 reaches replica-1 at 1001
    s.runUntil(1500);
    s.apply({ type: 'crash', node: 'replica-1' });
    write(s, 'k', 2);
    write(s, 'k', 3);
    expect(status(s, 'replica-1')).toBe('down');
    s.runUntil(2000);
    s.apply({ type: 'restart', node: 'replica-1' });
    s.runUntil(2999);
    expect(snap(s, 'replica-1')).toMatchObject({
      status: 'catching-up',
      receivedLsn: 1,
      lagEntries: 2,
    });
    const shipped = s.history
      .toArray()
      .filter((e) => e.type === 'send' && e.to === 'replica-1' && e.t === 2000);
    expect(shipped.map((e) => (e.type === 'send' ? e.lsn : 0))).toEqual([2, 3]);
    s.runUntil(3000);
    expect(snap(s, 'replica-1')).toMatchObject({ status: 'streaming', appliedLsn: 3 });
  });

  it('partition: entries wait at the cut and flow from the last LSN after heal', () => {
    const s = sim(threeNodes([1000, 5000]));
    s.apply({ type: 'partition', groups: [['primary'], ['replica-1', 'replica-2']] });
    write(s, 'k', 1);
    s.runUntil(1001);
    expect(snap(s, 'replica-1')).toMatchObject({ status: 'disconnected', receivedLsn: 0 });
    write(s, 'k', 2);
    s.runUntil(3000);
    s.apply({ type: 'heal' });
    expect(status(s, 'replica-1')).toBe('catching-up');
    s.runUntil(3999);
    expect(snap(s, 'replica-1').receivedLsn).toBe(0);
    s.runUntil(4000);
    expect(snap(s, 'replica-1')).toMatchObject({ status: 'streaming', appliedLsn: 2 });
    s.runUntil(8000);
    expect(snap(s, 'replica-2').appliedLsn).toBe(2);
  });

  it('partition: acknowledgements across the cut are dropped; after heal the follower reports', () => {
    const cfg = threeNodes([1000, 5000], { mode: 'sync' });
    cfg.nodes[1]!.sync = true;
    const s = sim(cfg);
    const w = start(s, { type: 'write', client: 'you', key: 'k', value: 1 });
    s.runUntil(1001); // replica-1 received LSN 1; its acknowledgement would arrive at 1002
    s.apply({ type: 'partition', groups: [['primary'], ['replica-1', 'replica-2']] });
    s.runUntil(2000);
    expect(w.outcome).toBe('pending');
    expect(s.history.toArray().some((e) => e.type === 'deliver' && e.msg === 'ack')).toBe(false);
    s.apply({ type: 'heal' });
    s.runUntil(2002);
    expect([w.outcome, w.completedAt]).toEqual(['ok', 2002]);
  });

  it('partition: a client request on its way when a cut isolates the client is lost', () => {
    const s = sim(threeNodes([1000, 5000]));
    const w = start(s, { type: 'write', client: 'you', key: 'k', value: 1 });
    s.apply({ type: 'partition', groups: [['you'], ['primary', 'replica-1', 'replica-2']] });
    s.runUntil(20_000);
    expect([w.outcome, w.error, w.completedAt]).toEqual(['info', 'timeout', 10_000]);
    expect(node(s, 'primary').log).toEqual([]);
    // Sent while cut off: refused after a round trip.
    const r = runOp(s, { type: 'read', client: 'you', key: 'k', from: 'primary' });
    expect([r.outcome, r.error, r.completedAt! - r.invokedAt]).toEqual(['fail', 'unreachable', 2]);
  });

  it('slow link: lag set mid-run applies to new entries, and never lets one overtake', () => {
    const s = sim(threeNodes([1000, 5000]));
    start(s, { type: 'write', client: 'a', key: 'k', value: 'A' }); // arrives 1001
    s.runUntil(100);
    s.apply({ type: 'set-node', node: 'replica-1', params: { lag: 5000 } });
    start(s, { type: 'write', client: 'b', key: 'k', value: 'B' }); // committed 101: 5101
    s.runUntil(200);
    s.apply({ type: 'set-node', node: 'replica-1', params: { lag: 0 } });
    start(s, { type: 'write', client: 'c', key: 'k', value: 'C' }); // would be 202: waits
    s.runUntil(5100);
    expect(snap(s, 'replica-1').appliedLsn).toBe(1);
    s.runUntil(5101);
    expect(snap(s, 'replica-1')).toMatchObject({ appliedLsn: 3, data: { k: 'C' } });
    // The setting stays with the node.
    const d = start(s, { type: 'write', client: 'd', key: 'k', value: 'D' });
    s.runUntil(5104);
    expect(d.lsn).toBe(4);
    expect(snap(s, 'replica-1').appliedLsn).toBe(4);
  });

  it('cascade: replica-2 streams from replica-1, so its lag is the sum of both', () => {
    const s = sim(
      config([
        { id: 'primary', role: 'leader' },
        { id: 'replica-1', role: 'follower', lag: 1000 },
        { id: 'replica-2', role: 'follower', lag: 2000, upstream: 'replica-1' },
      ]),
    );
    write(s, 'k', 'v');
    s.runUntil(2000);
    expect(snap(s, 'replica-2')).toMatchObject({ upstream: 'replica-1', lagMs: 1999 });
    s.runUntil(3000);
    expect(snap(s, 'replica-2').appliedLsn).toBe(0);
    s.runUntil(3001);
    expect(snap(s, 'replica-2').appliedLsn).toBe(1);
    // Its acknowledgements go to the leader, not to the relay.
    const ack = s.history
      .toArray()
      .find((e) => e.type === 'send' && e.msg === 'ack' && e.from === 'replica-2');
    expect(ack).toMatchObject({ to: 'primary', t: 3001 });
  });

  it('cascade: when the relay restarts, the follower behind it catches up through it', () => {
    const s = sim(
      config([
        { id: 'primary', role: 'leader' },
        { id: 'replica-1', role: 'follower', lag: 100 },
        { id: 'replica-2', role: 'follower', lag: 100, upstream: 'replica-1' },
      ]),
    );
    write(s, 'k', 1);
    s.runUntil(150); // replica-1 has LSN 1 (101); its relay to replica-2 arrives at 201
    s.apply({ type: 'crash', node: 'replica-1' });
    s.runUntil(500);
    expect(snap(s, 'replica-2')).toMatchObject({ status: 'disconnected', receivedLsn: 0 });
    write(s, 'k', 2);
    s.apply({ type: 'restart', node: 'replica-1' });
    s.runUntil(1000);
    expect(s.snapshot().nodes.map((n) => n.appliedLsn)).toEqual([2, 2, 2]);
  });

  it('wipe: the follower loses its data and needs a resync; resync copies and catches up', () => {
    const s = sim(threeNodes([1000, 5000], { dataSize: 0 }));
    write(s, 'k', 'v');
    s.runUntil(1001);
    s.apply({ type: 'wipe', node: 'replica-1' });
    expect(snap(s, 'replica-1')).toMatchObject({
      status: 'needs-resync',
      receivedLsn: 0,
      appliedLsn: 0,
      data: {},
    });
    expect(read(s, 'k', 'replica-1').value).toBe(null);
    s.apply({ type: 'resync', node: 'replica-1', rate: 1 });
    expect(status(s, 'replica-1')).toBe('copying');
    s.runUntil(1003 + 1024);
    expect(snap(s, 'replica-1')).toMatchObject({ status: 'streaming', appliedLsn: 1 });
    expect(node(s, 'replica-1').log[0]).toBe(node(s, 'primary').log[0]);
  });
});
