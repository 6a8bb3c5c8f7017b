// Every command, at random, against every configuration: the simulator never throws
// anything but a SimulationError for a refused command, never moves time backwards, keeps
// the log invariants, rewinds exactly, and once the network heals and every node is back,
// every follower that can stream has caught up with the leader.
import { describe, expect, it } from 'vitest';
import {
  type Command,
  checkAll,
  rewind,
  Simulation,
  SimulationError,
  traceHash,
} from '../../src/sim/index.js';
import type { SimNode } from '../../src/sim/state.js';
import { Schedule } from './fault-schedule.js';
import { config, failover } from './make-cluster.js';

const NODES = ['n1', 'n2', 'n3', 'n4'];

function randomCommand(sch: Schedule, t: number): Command {
  const n = sch.pick([...NODES, 'n5']);
  switch (
    sch.pick([
      'crash',
      'restart',
      'partition',
      'heal',
      'pause',
      'lag',
      'promote',
      'wipe',
      'backup',
      'restore',
      'add',
      'resync',
      'cluster',
      'upstream',
      'sync',
      'workload',
    ] as const)
  ) {
    case 'crash':
      return { type: 'crash', node: n };
    case 'restart':
      return { type: 'restart', node: n };
    case 'partition':
      return { type: 'partition', groups: [NODES.filter(() => sch.chance(0.5))] };
    case 'heal':
      return { type: 'heal' };
    case 'pause':
      return { type: 'pause', node: n, for: sch.time(10, 2000) };
    case 'lag':
      return { type: 'set-node', node: n, params: { lag: sch.lag(1000) } };
    case 'promote':
      return { type: 'promote', node: n };
    case 'wipe':
      return { type: 'wipe', node: n };
    case 'backup':
      return { type: 'backup', from: n, id: 'b', fails: sch.chance(0.5) };
    case 'restore':
      return { type: 'restore', node: n, from: 'latest-backup', rate: 10 };
    case 'add':
      return { type: 'add-follower', node: { id: 'n5', role: 'follower', lag: 50 }, rate: 10 };
    case 'resync':
      return { type: 'resync', node: n, rate: 10 };
    case 'cluster':
      return {
        type: 'set-cluster',
        params: {
          mode: sch.pick(['async', 'sync', 'semi-sync'] as const),
          quorum: sch.chance(0.5),
        },
      };
    case 'upstream':
      return { type: 'set-node', node: n, params: { upstream: sch.pick(NODES) } };
    case 'sync':
      return { type: 'set-node', node: n, params: { sync: sch.chance(0.5) } };
    case 'workload':
      return {
        type: 'workload',
        tag: `w${t}`,
        spec: {
          clients: 3,
          duration: 1000,
          writes: 0.5,
          readAfterWrite: 0.5,
          keys: 3,
          rate: 10,
          policy: 'random',
        },
      };
  }
}

function build(seed: number): { sim: Simulation; sch: Schedule } {
  const sch = new Schedule(seed);
  const cfg = config(
    NODES.map((id, i) =>
      i === 0
        ? { id, role: 'leader' as const }
        : {
            id,
            role: 'follower' as const,
            lag: sch.lag(400),
            replay: sch.rng.int(0, 100),
            throughput: sch.chance(0.2) ? 20 : undefined,
            upstream: i === 3 && sch.chance(0.3) ? 'n2' : undefined,
          },
    ),
    {
      mode: sch.pick(['async', 'sync', 'semi-sync'] as const),
      ackOn: sch.pick(['receive', 'apply'] as const),
      log: sch.pick(['row', 'statement'] as const),
      retain: sch.chance(0.3) ? 10 : undefined,
      clientTimeout: 2000,
      ackTimeout: sch.chance(0.3) ? 700 : undefined,
      onTimeout: sch.pick(['unknown', 'degrade'] as const),
      dataSize: 10_000,
      failover: sch.chance(0.8)
        ? failover({
            heartbeat: 100,
            timeout: 600,
            fencing: sch.chance(0.5),
            quorum: sch.chance(0.5),
            maxLagOnFailover: sch.chance(0.3) ? 3 : undefined,
          })
        : undefined,
    },
  );
  const policy = sch.pick([
    'random',
    'sticky',
    'monotonic',
    'read-your-writes',
    'bounded-lag',
    'window-after-write',
  ] as const);
  const sim = new Simulation(cfg, { seed, clients: [{ id: 'a', policy }] });
  sch.writes(sch.rng.int(10, 40), 0, 5000, ['a', 'b']);
  sch.reads(20, 0, 6000, ['a', 'b']);
  for (let i = 0; i < 15; i++) {
    sch.at(sch.time(0, 5000), {
      type: 'write',
      client: 'c',
      key: 'users',
      value: sch.pick(['NOW()', 'RAND()', 'x']),
      autoId: sch.chance(0.5),
      txnTime: sch.chance(0.3) ? sch.rng.int(1, 300) : undefined,
    });
  }
  for (let f = sch.rng.int(2, 8); f > 0; f--) {
    const t = sch.time(0, 5000);
    sch.at(t, randomCommand(sch, t));
  }
  return { sim, sch };
}

/** Two logs never hold different entries of one epoch at one LSN. */
function sameEpochSameEntry(nodes: readonly SimNode[]): boolean {
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i]!.log;
      const b = nodes[j]!.log;
      for (let k = 0; k < Math.min(a.length, b.length); k++) {
        if (a[k]!.epoch === b[k]!.epoch && a[k] !== b[k]) return false;
      }
    }
  }
  return true;
}

/** Followers that could stream (their chain has no node being copied or needing a resync). */
function streamable(sim: Simulation, leader: SimNode): SimNode[] {
  return sim.nodes.filter((f) => {
    if (f === leader || f.needsResync || f.busy !== undefined) return false;
    let hops = 0;
    for (let c = f.source; c && c !== leader; c = c.source) {
      if (c.needsResync || c.busy !== undefined || ++hops > sim.nodes.length) return false;
    }
    return true;
  });
}

describe('chaos: every command at random', () => {
  it('200 schedules: refusals only as SimulationError, invariants hold, everyone converges', () => {
    let refused = 0;
    let converged = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const { sim, sch } = build(seed);
      let last = 0;
      for (const { t, cmd } of sch.sorted()) {
        sim.runUntil(t);
        expect(sim.now).toBeGreaterThanOrEqual(last);
        last = sim.now;
        try {
          sim.apply(cmd);
        } catch (err) {
          if (!(err instanceof SimulationError)) throw err;
          refused++;
        }
      }
      for (let t = 5500; t <= 15_000; t += 500) {
        sim.runUntil(t);
        sim.snapshot();
      }
      checkAll(sim);
      const destructive = sim.inputs.some((x) => x.cmd.type === 'wipe' || x.cmd.type === 'restore');
      if (!destructive) expect(sameEpochSameEntry(sim.nodes), `seed ${seed}`).toBe(true);
      if (seed % 20 === 0)
        expect(traceHash(rewind(sim, sim.now)), `seed ${seed}`).toBe(traceHash(sim));
      // Everything comes back.
      sim.apply({ type: 'heal' });
      for (const n of sim.nodes) if (!n.up) sim.apply({ type: 'restart', node: n.id });
      sim.runUntil(sim.now + 30_000);
      const leader = sim.currentLeader();
      if (destructive || !leader || !sim.cfg.failover) continue;
      expect(leader.up, `seed ${seed}`).toBe(true);
      for (const f of streamable(sim, leader)) {
        const where = `seed ${seed} ${f.id}`;
        expect(f.role, where).toBe('follower');
        expect(sim.chainLeader(f), where).toBe(leader);
        expect(f.applied, where).toBe(leader.log.length);
        expect(
          f.log.slice(0, f.applied).every((e, k) => e === leader.log[k]),
          where,
        ).toBe(true);
        converged++;
      }
    }
    expect(refused).toBeGreaterThan(20);
    expect(converged).toBeGreaterThan(200);
  });
});
