// Failover with exact times. Heartbeats every 1 s, timeout 5 s, netDelay 1 ms: followers
// last heard the leader at 1 (its heartbeat of t=0), or at 0 when it never arrived; a
// follower with index i gives up at lastHeard + 5000 + i; the vote round takes 2 ms.
import { describe, expect, it } from 'vitest';
import { checkAll, type HistoryEvent, type Simulation } from '../../src/sim/index.js';
import {
  config,
  failover,
  node,
  runOp,
  sim,
  start,
  status,
  threeNodes,
  write,
} from './make-cluster.js';

function events(s: Simulation, ...types: HistoryEvent['type'][]): string[] {
  return s.history.toArray().flatMap((e) => {
    if (!types.includes(e.type)) return [];
    switch (e.type) {
      case 'election':
        return [`${e.t} election ${e.leader} epoch ${e.epoch}${e.manual ? ' manual' : ''}`];
      case 'step-down':
        return [`${e.t} step-down ${e.node}: ${e.reason}`];
      case 'truncate':
        return [`${e.t} truncate ${e.node} ${e.fromLsn}-${e.toLsn} lost ${e.lostOps.join(',')}`];
      case 'note':
        return [`${e.t} ${e.text}`];
      case 'fault':
        return [`${e.t} ${e.fault}${e.node ? ` ${e.node}` : ''}`];
      default:
        return [];
    }
  });
}

describe('failover', () => {
  it('a crashed leader is replaced by the follower with the newest log', () => {
    const s = sim(threeNodes([3000, 100], { failover: failover() }));
    for (let i = 1; i <= 3; i++) write(s, 'k', i);
    s.runUntil(2000);
    s.apply({ type: 'crash', node: 'primary' });
    s.runUntil(8000);
    // Last heartbeat (sent at 2000) heard at 2001: replica-1 checks at 7002 and starts the
    // election; replica-2 (LSN 3 since 106) has the newest log and wins at 7004. What was
    // on its way to replica-1 died with the leader.
    expect(events(s, 'election', 'note')).toEqual([
      '7002 replica-1: no heartbeat for 5000 ms, election started; replica-2 has the newest log (LSN 3)',
      '7004 election replica-2 epoch 2',
    ]);
    expect(s.currentLeader()?.id).toBe('replica-2');
    expect(node(s, 'replica-1').source?.id).toBe('replica-2');
    const w = write(s, 'k', 4);
    expect([w.node, w.epoch, w.lsn, w.outcome]).toEqual(['replica-2', 2, 4, 'ok']);
    // The old leader restarts and rejoins as a follower of the new one.
    s.apply({ type: 'restart', node: 'primary' });
    expect(events(s, 'step-down').at(-1)).toBe(
      `${s.now} step-down primary: restarted after a failover`,
    );
    s.runUntil(s.now + 3100);
    expect(s.snapshot().nodes.map((n) => [n.id, n.role, n.epoch, n.appliedLsn])).toEqual([
      ['primary', 'follower', 2, 4],
      ['replica-1', 'follower', 2, 4],
      ['replica-2', 'leader', 2, 4],
    ]);
  });

  it('a pause longer than the timeout: a false-positive failover, and a write lost', () => {
    const s = sim(threeNodes([0, 0], { failover: failover() }));
    s.apply({ type: 'pause', node: 'primary', for: 8000 });
    // A client's write reaches the stalled leader at 3001 and waits in its buffer.
    s.runUntil(3000);
    const w = start(s, { type: 'write', client: 'you', key: 'k', value: 'v', via: 'primary' });
    s.runUntil(6000);
    expect(events(s, 'election')).toEqual(['5003 election replica-1 epoch 2']);
    expect(status(s, 'primary')).toBe('paused');
    // At 8000 the old leader resumes and handles its buffer in arrival order: the write
    // first (epoch 1, acknowledged), then replica-1's heartbeat of 5003: it steps down, and
    // the write it just acknowledged is truncated.
    s.runUntil(8001);
    expect([w.outcome, w.epoch, w.acceptedAt, w.ackedAt, w.completedAt]).toEqual([
      'ok',
      1,
      8000,
      8000,
      8001,
    ]);
    expect(events(s, 'step-down', 'truncate')).toEqual([
      '8000 step-down primary: heard from replica-1, leader of epoch 2',
      `8000 truncate primary 1-1 lost ${w.id}`,
    ]);
    const report = checkAll(s);
    expect(report['lost-writes'].map((a) => [a.op, a.node, a.epochs])).toEqual([
      [w.id, 'primary', [1]],
    ]);
    // Accepted in epoch 1 after epoch 2 began: two leaders, however briefly.
    expect(report['split-brain'].map((a) => [a.nodes, a.epochs, a.op])).toEqual([
      [['primary', 'replica-1'], [1, 2], w.id],
    ]);
  });

  it('a write that arrives during the pause but after the election is refused on resume', () => {
    const s = sim(threeNodes([0, 0], { failover: failover() }));
    s.apply({ type: 'pause', node: 'primary', for: 8000 });
    s.runUntil(6000);
    const w = start(s, { type: 'write', client: 'you', key: 'k', value: 'v', via: 'primary' });
    s.runUntil(8001);
    // replica-1's heartbeat (5004) is ahead of the request (6001) in the buffer.
    expect([w.outcome, w.error, w.completedAt]).toEqual(['fail', 'not-leader', 8001]);
  });

  it('manual promote (switchover): the reachable old leader is demoted, its extra entries lost', () => {
    const s = sim(threeNodes([1000, 5000]));
    const w1 = write(s, 'k', 1); // on replica-1 at 1001
    s.runUntil(2000);
    const w2 = write(s, 'k', 2); // LSN 2 committed at 2001, would reach replica-1 at 3001
    s.runUntil(2500);
    s.apply({ type: 'promote', node: 'replica-1' });
    expect(events(s, 'election', 'step-down', 'truncate')).toEqual([
      '2500 election replica-1 epoch 2 manual',
      '2500 step-down primary: demoted: replica-1 was promoted',
      `2500 truncate primary 2-2 lost ${w2.id}`,
    ]);
    expect(checkAll(s)['lost-writes'].map((a) => a.op)).toEqual([w2.id]);
    expect(w1.outcome).toBe('ok');
    // replica-2 is repointed: LSN 1 comes again, from replica-1, 5 s after the promotion.
    s.runUntil(7499);
    expect(node(s, 'replica-2').log.length).toBe(0);
    s.runUntil(7500);
    expect(node(s, 'replica-2').log).toEqual(node(s, 'replica-1').log);
    expect(() => s.apply({ type: 'promote', node: 'replica-1' })).toThrow(/already the leader/);
  });

  it('manual promote with the old leader unreachable: it stays leader, split brain', () => {
    const s = sim(threeNodes([0, 0]));
    s.apply({ type: 'partition', groups: [['primary']] });
    s.apply({ type: 'promote', node: 'replica-1' });
    const a = runOp(s, { type: 'write', client: 'a', key: 'k', value: 1, via: 'primary' });
    const b = runOp(s, { type: 'write', client: 'b', key: 'k', value: 2 });
    expect([a.outcome, a.epoch, b.outcome, b.node, b.epoch]).toEqual([
      'ok',
      1,
      'ok',
      'replica-1',
      2,
    ]);
    expect(checkAll(s)['split-brain'].map((x) => [x.nodes, x.epochs])).toEqual([
      [
        ['primary', 'replica-1'],
        [1, 2],
      ],
    ]);
  });

  describe('quorum guard', () => {
    function isolated() {
      const s = sim(threeNodes([0, 0], { failover: failover({ quorum: true }) }));
      s.apply({ type: 'partition', groups: [['primary'], ['replica-1', 'replica-2']] });
      return s;
    }

    it('the isolated leader steps down when its lease runs out and refuses writes', () => {
      const s = isolated();
      s.runUntil(4000);
      const before = runOp(s, { type: 'write', client: 'a', key: 'k', value: 1, via: 'primary' });
      expect([before.outcome, before.epoch]).toEqual(['ok', 1]);
      s.runUntil(5000);
      // Its lease dated from the heartbeat of t=0: gone at 5000, its tick notices.
      expect(events(s, 'step-down')).toEqual([
        '5000 step-down primary: lost contact with a majority',
      ]);
      expect(status(s, 'primary')).toBe('disconnected');
      s.runUntil(5500);
      const after = runOp(s, { type: 'write', client: 'a', key: 'k', value: 2, via: 'primary' });
      expect([after.outcome, after.error, after.completedAt]).toEqual(['fail', 'no-quorum', 5502]);
      // The majority elected replica-1 at 5003: after the old lease ended.
      expect(events(s, 'election')).toEqual(['5003 election replica-1 epoch 2']);
      expect(checkAll(s)['split-brain']).toEqual([]);
      // The acknowledged write of t=4000 is still lost: guards prevent divergence, not that.
      expect(checkAll(s)['lost-writes'].map((a) => a.op)).toEqual([before.id]);
    });

    it('an election in a minority is refused', () => {
      const s = isolated();
      s.runUntil(10_000);
      expect(events(s, 'note').filter((n) => n.includes('primary:'))).toEqual([
        '10000 primary: leader silent, but only 1 of 3 nodes reachable: no majority, no election',
      ]);
      const minority = sim(threeNodes([0, 0], { failover: failover({ quorum: true }) }));
      minority.apply({ type: 'partition', groups: [['primary', 'replica-1'], ['replica-2']] });
      minority.runUntil(6000);
      expect(events(minority, 'note', 'election')).toEqual([
        '5002 replica-2: leader silent, but only 1 of 3 nodes reachable: no majority, no election',
      ]);
      expect(minority.currentLeader()?.id).toBe('primary');
    });

    it('with no leader left anywhere, a write goes to the deposed leader and is refused', () => {
      const s = sim(threeNodes([0, 0], { failover: failover({ quorum: true }) }));
      s.apply({ type: 'partition', groups: [['primary'], ['replica-1'], ['replica-2']] });
      s.runUntil(6000);
      expect(s.currentLeader()).toBeUndefined();
      const w = runOp(s, { type: 'write', client: 'a', key: 'k', value: 1 });
      expect([w.node, w.outcome, w.error]).toEqual(['primary', 'fail', 'no-quorum']);
    });
  });

  it('maxLagOnFailover: a follower too far behind is not promoted', () => {
    const cluster = (max: number) =>
      config(
        [
          { id: 'primary', role: 'leader' },
          { id: 'replica-1', role: 'follower', lag: 10_000 },
        ],
        { failover: failover({ maxLagOnFailover: max }) },
      );
    const run = (max: number) => {
      const s = sim(cluster(max));
      for (let i = 0; i < 5; i++) s.apply({ type: 'write', client: `c${i}`, key: 'k', value: i });
      s.runUntil(1500); // the heartbeat of 1000 told replica-1 the leader had LSN 5
      s.apply({ type: 'crash', node: 'primary' });
      s.runUntil(7000);
      return s;
    };
    const strict = run(2);
    expect(events(strict, 'note', 'election')).toEqual([
      '6002 replica-1: leader silent, but no follower is eligible for promotion',
    ]);
    expect(strict.currentLeader()?.id).toBe('primary');
    const lax = run(5);
    expect(events(lax, 'election')).toEqual(['6004 election replica-1 epoch 2']);
  });

  it('fencing: a crashed old leader is fenced, restarts fenced, and is unfenced on rejoining', () => {
    const s = sim(threeNodes([0, 0], { failover: failover({ fencing: true }) }));
    s.apply({ type: 'crash', node: 'primary' });
    s.runUntil(6000);
    expect(events(s, 'election', 'fault')).toEqual([
      '0 crash primary',
      '5003 election replica-1 epoch 2',
      '5003 fenced primary',
    ]);
    expect(status(s, 'primary')).toBe('down');
    s.apply({ type: 'restart', node: 'primary' });
    expect(events(s, 'step-down', 'note').slice(-2)).toEqual([
      '6000 step-down primary: restarted after a failover',
      '6000 primary rejoined as a follower of replica-1: fencing lifted',
    ]);
    expect(status(s, 'primary')).toBe('streaming');
  });
});
