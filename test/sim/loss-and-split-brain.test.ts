// What the guards do not prevent, and what happens without them: async replication loses
// writes acknowledged just before the leader crashed, and without fencing a partition gives
// two leaders accepting writes. The checkers must name exactly what went wrong.
import { describe, expect, it } from 'vitest';
import { checkAll, playSchedule, Schedule, Simulation } from '../../src/sim/index.js';
import { config, failover, runOp, start, threeNodes } from './make-cluster.js';

function asyncCrash(seed: number): Simulation {
  const sch = new Schedule(seed);
  const cfg = config(
    [
      { id: 'primary', role: 'leader' },
      { id: 'replica-1', role: 'follower', lag: { min: 50, max: 600 } },
      { id: 'replica-2', role: 'follower', lag: { min: 50, max: 600 } },
    ],
    { failover: failover({ heartbeat: 100, timeout: 500 }), clientTimeout: 2000 },
  );
  const sim = new Simulation(cfg, { seed });
  sch.writes(sch.rng.int(5, 20), 0, 1500, ['a', 'b'], 3);
  sch.at(sch.time(200, 1500), { type: 'crash', node: 'primary' });
  playSchedule(sim, sch, 5000);
  return sim;
}

describe('async replication can lose acknowledged writes', () => {
  it('finds a seed where a crash right after acknowledgements loses writes, and names them', () => {
    let found: Simulation | undefined;
    for (let seed = 1; seed <= 200 && !found; seed++) {
      const sim = asyncCrash(seed);
      if (checkAll(sim)['lost-writes'].length > 0) found = sim;
    }
    expect(found).toBeDefined();
    const sim = found!;
    const leader = sim.currentLeader()!;
    expect(leader.id).not.toBe('primary');
    // Independently: acknowledged writes whose entry is not in the new leader's log.
    const lost = sim.ops
      .slice()
      .filter(
        (o) => o.kind === 'write' && o.outcome === 'ok' && leader.log[o.lsn! - 1]?.op !== o.id,
      );
    expect(lost.length).toBeGreaterThan(0);
    const anomalies = checkAll(sim)['lost-writes'];
    expect(anomalies.map((a) => a.op)).toEqual(lost.map((o) => o.id));
    expect(anomalies.map((a) => a.key)).toEqual(lost.map((o) => o.key));
    expect(anomalies.map((a) => a.lsns)).toEqual(lost.map((o) => [o.lsn]));
    expect(anomalies.map((a) => a.epochs)).toEqual(lost.map(() => [1]));
    for (const a of anomalies) expect(a.node).toBe('primary');
    // They were acknowledged before the crash, later than the new leader's last entry.
    const crashAt = sim.history.toArray().find((e) => e.type === 'fault' && e.fault === 'crash')!.t;
    for (const o of lost) {
      expect(o.completedAt!).toBeLessThanOrEqual(crashAt + 1);
      expect(o.lsn!).toBeGreaterThan(leader.log.filter((e) => e.epoch === 1).length);
    }
  });

  it('sync replication on the same schedules loses nothing', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const sch = new Schedule(seed);
      const cfg = config(
        [
          { id: 'primary', role: 'leader' },
          { id: 'replica-1', role: 'follower', lag: { min: 50, max: 600 } },
          { id: 'replica-2', role: 'follower', lag: { min: 50, max: 600 } },
        ],
        { mode: 'sync', failover: failover({ heartbeat: 100, timeout: 500 }), clientTimeout: 2000 },
      );
      const sim = new Simulation(cfg, { seed });
      sch.writes(sch.rng.int(5, 20), 0, 1500, ['a', 'b'], 3);
      sch.at(sch.time(200, 1500), { type: 'crash', node: 'primary' });
      playSchedule(sim, sch, 5000);
      expect(checkAll(sim)['lost-writes'], `seed ${seed}`).toEqual([]);
    }
  });
});

describe('split brain without fencing', () => {
  // Followers last heard the leader at t=0; replica-1 (index 1) gives up at 0 + 5000 + 1,
  // the vote round takes 2 ms, so replica-1 leads epoch 2 from t=5003.
  function partitioned(fencing: boolean): Simulation {
    const s = new Simulation(threeNodes([0, 0], { failover: failover({ fencing }) }), {
      seed: 1,
    });
    s.apply({ type: 'partition', groups: [['primary'], ['replica-1', 'replica-2']] });
    s.runUntil(6000);
    return s;
  }

  it('both sides accept writes; the checker names both nodes and both epochs', () => {
    const s = partitioned(false);
    expect(s.history.toArray().find((e) => e.type === 'election')).toEqual({
      t: 5003,
      type: 'election',
      leader: 'replica-1',
      epoch: 2,
      previous: 'primary',
      manual: false,
    });
    const old = start(s, { type: 'write', client: 'a', key: 'x', value: 'old', via: 'primary' });
    const neu = runOp(s, { type: 'write', client: 'b', key: 'x', value: 'new' });
    expect(neu.node).toBe('replica-1');
    expect([old.outcome, old.epoch, old.lsn]).toEqual(['ok', 1, 1]);
    expect([neu.outcome, neu.epoch, neu.lsn]).toEqual(['ok', 2, 1]);
    const sb = checkAll(s)['split-brain'];
    expect(sb).toHaveLength(1);
    expect(sb[0]!.nodes).toEqual(['primary', 'replica-1']);
    expect(sb[0]!.epochs).toEqual([1, 2]);
    expect(sb[0]!.related).toEqual([old.id, neu.id]);
    expect(checkAll(s).divergence.map((a) => a.nodes)).toEqual([
      ['primary', 'replica-1'],
      ['primary', 'replica-2'],
    ]);
    // The isolated old leader serves its own (soon lost) data: a stale read.
    const r = runOp(s, { type: 'read', client: 'c', key: 'x', from: 'primary' });
    expect(r.value).toBe('old');
    expect(checkAll(s)['stale-read'].map((a) => a.op)).toEqual([r.id]);
    // Heal: the old leader hears of epoch 2, steps down, and its write is truncated (lost).
    s.apply({ type: 'heal' });
    s.runUntil(8000);
    const truncate = s.history.toArray().find((e) => e.type === 'truncate');
    expect(truncate).toMatchObject({ node: 'primary', fromLsn: 1, toLsn: 1, lostOps: [old.id] });
    expect(checkAll(s)['lost-writes'].map((a) => a.op)).toEqual([old.id]);
    expect(checkAll(s).divergence).toEqual([]);
  });

  it('with fencing the old leader is shut off at the promotion and refuses writes', () => {
    const s = partitioned(true);
    expect(s.history.toArray().filter((e) => e.type === 'fault' && e.fault === 'fenced')).toEqual([
      {
        t: 5003,
        type: 'fault',
        fault: 'fenced',
        node: 'primary',
        detail: 'fenced off when replica-1 was promoted',
      },
    ]);
    const old = runOp(s, { type: 'write', client: 'a', key: 'x', value: 'old', via: 'primary' });
    expect([old.outcome, old.error, old.completedAt]).toEqual(['fail', 'fenced', 6002]);
    expect(checkAll(s)['split-brain']).toEqual([]);
  });
});
