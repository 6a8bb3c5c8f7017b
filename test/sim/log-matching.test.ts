// The log invariants under random faults: an entry is identified by (epoch, LSN), logs that
// share an entry share everything before it, and once the network heals and every node is
// back, every follower's log is a prefix of the leader's.
import { describe, expect, it } from 'vitest';
import {
  type ClusterConfig,
  logMatchingViolation,
  playSchedule,
  Schedule,
  Simulation,
} from '../../src/sim/index.js';
import { config, failover } from './make-cluster.js';

const NODES = ['n1', 'n2', 'n3', 'n4'];
const CLIENTS = ['a', 'b'];

function cluster(sch: Schedule): ClusterConfig {
  return config(
    NODES.map((id, i) =>
      i === 0
        ? { id, role: 'leader' as const }
        : { id, role: 'follower' as const, lag: sch.lag(400), replay: sch.rng.int(0, 100) },
    ),
    {
      mode: sch.pick(['async', 'sync', 'semi-sync'] as const),
      ackOn: sch.pick(['receive', 'apply'] as const),
      clientTimeout: 2000,
      ackTimeout: sch.chance(0.3) ? 700 : undefined,
      onTimeout: sch.pick(['unknown', 'degrade'] as const),
      failover: failover({
        heartbeat: 100,
        timeout: 600,
        fencing: sch.chance(0.5),
        quorum: sch.chance(0.5),
      }),
    },
  );
}

function run(seed: number): Simulation {
  const sch = new Schedule(seed);
  const sim = new Simulation(cluster(sch), { seed });
  sch.writes(sch.rng.int(15, 40), 0, 4000, CLIENTS);
  for (let f = sch.rng.int(1, 4); f > 0; f--) {
    const kind = sch.pick(['crash', 'partition', 'pause', 'lag', 'promote'] as const);
    const t = sch.time(0, 4000);
    if (kind === 'crash') sch.crashRestart(sch.pick(NODES), t, t, 0.9, 2000);
    else if (kind === 'partition') {
      const cut = NODES.filter(() => sch.chance(0.4));
      sch.at(t, { type: 'partition', groups: [cut] });
      sch.at(t + sch.time(100, 3000), { type: 'heal' });
    } else if (kind === 'pause') {
      sch.at(t, { type: 'pause', node: sch.pick(NODES), for: sch.time(100, 1500) });
    } else if (kind === 'lag') {
      const node = sch.pick(NODES.slice(1));
      sch.at(t, { type: 'set-node', node, params: { lag: sch.lag(1500) } });
    } else {
      sch.at(t, { type: 'promote', node: sch.pick(NODES) });
    }
  }
  const checkpoints = [1000, 2000, 3000, 4000, 5000];
  const items = sch.sorted();
  for (const t of checkpoints) {
    playSchedule(
      sim,
      items.filter((x) => x.t > t - 1000 && x.t <= t),
      t,
    );
    expect(logMatchingViolation(sim.nodes), `seed ${seed} t=${t}`).toBeUndefined();
  }
  // Everything comes back: the network heals, every node restarts.
  sim.apply({ type: 'heal' });
  for (const n of sim.nodes) if (!n.up) sim.apply({ type: 'restart', node: n.id });
  sim.runUntil(sim.now + 10_000);
  return sim;
}

describe('log invariants under random faults', () => {
  it('500 schedules: log matching holds throughout, followers end as prefixes of the leader', () => {
    let converged = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const sim = run(seed);
      expect(logMatchingViolation(sim.nodes), `seed ${seed} end`).toBeUndefined();
      const leader = sim.currentLeader()!;
      expect(leader.up, `seed ${seed}`).toBe(true);
      for (const f of sim.nodes) {
        if (f === leader) continue;
        const where = `seed ${seed} ${f.id}`;
        expect(f.role, where).toBe('follower');
        if (f.needsResync) continue;
        expect(sim.chainLeader(f), where).toBe(leader);
        expect(f.applied, where).toBe(leader.log.length);
        const prefix = f.log.slice(0, f.applied).every((e, k) => e === leader.log[k]);
        expect(prefix, where).toBe(true);
        converged++;
      }
    }
    expect(converged).toBeGreaterThan(1400);
  });
});
