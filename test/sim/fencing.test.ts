// With fencing, no two nodes accept writes in one epoch, and no two leaders' acceptance
// spans overlap: partitions, crashes and pauses of any node, automatic failover.
import { describe, expect, it } from 'vitest';
import {
  checkAll,
  playSchedule,
  Schedule,
  Simulation,
  writersByEpoch,
} from '../../src/sim/index.js';
import { config, failover } from './make-cluster.js';

const NODES = ['n1', 'n2', 'n3'];
const CLIENTS = ['a', 'b', 'c'];

function run(seed: number): Simulation {
  const sch = new Schedule(seed);
  const cfg = config(
    NODES.map((id, i) =>
      i === 0
        ? { id, role: 'leader' as const }
        : { id, role: 'follower' as const, lag: sch.lag(300) },
    ),
    {
      mode: sch.pick(['async', 'semi-sync'] as const),
      clientTimeout: 2000,
      failover: failover({ heartbeat: 100, timeout: 500, fencing: true }),
    },
  );
  const sim = new Simulation(cfg, { seed });
  sch.writes(sch.rng.int(20, 50), 0, 5000, CLIENTS);
  for (let f = sch.rng.int(1, 3); f > 0; f--) {
    const t = sch.time(0, 4500);
    const kind = sch.pick(['partition', 'crash', 'pause'] as const);
    if (kind === 'partition') {
      sch.at(t, { type: 'partition', groups: [[sch.pick(NODES)]] });
      sch.at(t + sch.time(200, 3000), { type: 'heal' });
    } else if (kind === 'crash') {
      sch.crashRestart(sch.pick(NODES), t, t, 0.7, 2000);
    } else {
      sch.at(t, { type: 'pause', node: sch.pick(NODES), for: sch.time(100, 2000) });
    }
  }
  playSchedule(sim, sch, 9000);
  return sim;
}

describe('fencing', () => {
  it('500 schedules: one leader per epoch, and no split brain', () => {
    let elections = 0;
    let fenced = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const sim = run(seed);
      expect(checkAll(sim)['split-brain'], `seed ${seed}`).toEqual([]);
      for (const [epoch, nodes] of writersByEpoch(sim)) {
        expect(nodes.size, `seed ${seed} epoch ${epoch}: ${[...nodes]}`).toBe(1);
      }
      elections += sim.history.toArray().filter((e) => e.type === 'election').length;
      fenced += sim.history
        .toArray()
        .filter((e) => e.type === 'fault' && e.fault === 'fenced').length;
    }
    // Not vacuous: many failovers, and old leaders were fenced in many of them.
    expect(elections).toBeGreaterThan(200);
    expect(fenced).toBeGreaterThan(50);
  });
});
