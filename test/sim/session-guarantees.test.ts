// The LSN-aware routing policies keep their promise under lag ranges, slow links, and
// followers crashing and restarting: read-your-writes and monotonic reads, zero anomalies.
import { describe, expect, it } from 'vitest';
import {
  checkAll,
  playSchedule,
  type RoutingPolicyName,
  Schedule,
  Simulation,
} from '../../src/sim/index.js';
import { config } from './make-cluster.js';

const FOLLOWERS = ['replica-1', 'replica-2', 'replica-3'];
const CLIENTS = ['a', 'b', 'c'];

function run(seed: number, policy: RoutingPolicyName): Simulation {
  const sch = new Schedule(seed);
  const cfg = config([
    { id: 'primary', role: 'leader' },
    ...FOLLOWERS.map((id) => ({
      id,
      role: 'follower' as const,
      lag: sch.lag(2000),
      replay: sch.chance(0.3) ? sch.rng.int(0, 500) : 0,
    })),
  ]);
  const sim = new Simulation(cfg, {
    seed,
    clients: CLIENTS.map((id) => ({ id, policy })),
  });
  sch.writes(sch.rng.int(10, 30), 0, 8000, CLIENTS, 3);
  sch.reads(sch.rng.int(20, 50), 0, 10_000, CLIENTS, 3);
  for (let f = sch.rng.int(1, 4); f > 0; f--) {
    const node = sch.pick(FOLLOWERS);
    if (sch.chance(0.6)) sch.crashRestart(node, 0, 9000, 0.8, 4000);
    else sch.at(sch.time(0, 9000), { type: 'set-node', node, params: { lag: sch.lag(4000) } });
  }
  playSchedule(sim, sch, 20_000);
  return sim;
}

describe('session guarantees of the LSN-aware policies', () => {
  it('read-your-writes: 500 schedules, no read misses its own write', () => {
    let followerReads = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const sim = run(seed, 'read-your-writes');
      expect(checkAll(sim)['read-your-writes'], `seed ${seed}`).toEqual([]);
      followerReads += sim.ops
        .slice()
        .filter((o) => o.kind === 'read' && o.role === 'follower').length;
    }
    // Not vacuous: the policy did send reads to followers.
    expect(followerReads).toBeGreaterThan(2000);
  });

  it('monotonic: 500 schedules, no read goes back in time', () => {
    let followerReads = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const sim = run(seed, 'monotonic');
      expect(checkAll(sim)['monotonic-reads'], `seed ${seed}`).toEqual([]);
      followerReads += sim.ops
        .slice()
        .filter((o) => o.kind === 'read' && o.role === 'follower').length;
    }
    expect(followerReads).toBeGreaterThan(2000);
  });

  it('the same schedules with random routing do break both guarantees', () => {
    let ryw = 0;
    let mono = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const report = checkAll(run(seed, 'random'));
      ryw += report['read-your-writes'].length;
      mono += report['monotonic-reads'].length;
    }
    expect(ryw).toBeGreaterThan(20);
    expect(mono).toBeGreaterThan(5);
  });
});
