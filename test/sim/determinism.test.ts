// Same lesson + same seed ⇒ identical trace, byte for byte; different seeds explore
// different runs.
import { describe, expect, it } from 'vitest';
import { playSchedule, Schedule, Simulation, traceHash } from '../../src/sim/index.js';
import { config, failover } from './make-cluster.js';

const NODES = ['primary', 'replica-1', 'replica-2', 'replica-3'];

/** A workload and random faults, all derived from `seed`, ready to play. */
function setup(seed: number): { sim: Simulation; sch: Schedule } {
  const sch = new Schedule(seed);
  const cfg = config(
    NODES.map((id, i) =>
      i === 0
        ? { id, role: 'leader' as const }
        : { id, role: 'follower' as const, lag: { min: 5, max: 400 }, replay: sch.rng.int(0, 50) },
    ),
    { mode: sch.pick(['async', 'sync', 'semi-sync'] as const), failover: failover() },
  );
  const sim = new Simulation(cfg, { seed });
  sch.at(0, {
    type: 'workload',
    tag: 'w',
    spec: {
      clients: 4,
      duration: 4000,
      writes: 0.4,
      readAfterWrite: 0.3,
      keys: 6,
      rate: 5,
      policy: 'random',
    },
  });
  sch.crashRestart(sch.pick(NODES), 500, 3000);
  if (sch.chance(0.5)) {
    const t = sch.time(0, 3000);
    sch.at(t, { type: 'partition', groups: [[sch.pick(NODES)]] });
    sch.at(t + sch.time(100, 8000), { type: 'heal' });
  }
  if (sch.chance(0.5))
    sch.at(sch.time(0, 3000), { type: 'pause', node: sch.pick(NODES), for: 6000 });
  sch.at(sch.time(0, 3000), { type: 'set-node', node: 'replica-1', params: { lag: sch.lag(900) } });
  return { sim, sch };
}

function run(seed: number): Simulation {
  const { sim, sch } = setup(seed);
  playSchedule(sim, sch, 15_000);
  return sim;
}

describe('determinism', () => {
  it('200 seeds, each run twice, hash identically; different seeds differ', () => {
    const hashes = new Set<string>();
    let ops = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const a = run(seed);
      const b = run(seed);
      ops += a.ops.length;
      expect(traceHash(b), `seed ${seed}`).toBe(traceHash(a));
      hashes.add(traceHash(a));
    }
    expect(ops / 200).toBeGreaterThan(20);
    expect(hashes.size).toBeGreaterThanOrEqual(195);
  });

  it('runs interleaved in one process hash as each run alone (simulations share nothing)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const runs = [setup(seed), setup(seed + 1000)];
      const cursors = runs.map(() => 0);
      const items = runs.map((r) => r.sch.sorted());
      // Both advance in small slices, alternately, each applying its own inputs on time.
      for (let t = 0; t <= 15_000; t += 37) {
        runs.forEach(({ sim }, i) => {
          const mine = items[i]!;
          while (cursors[i]! < mine.length && mine[cursors[i]!]!.t <= t) {
            const { t: at, cmd } = mine[cursors[i]!]!;
            cursors[i]!++;
            playSchedule(sim, [{ t: at, cmd }], at);
          }
          sim.runUntil(t);
        });
      }
      runs.forEach(({ sim }) => {
        sim.runUntil(15_000);
      });
      expect(traceHash(runs[0]!.sim), `seed ${seed}`).toBe(traceHash(run(seed)));
      expect(traceHash(runs[1]!.sim), `seed ${seed + 1000}`).toBe(traceHash(run(seed + 1000)));
    }
  });

  it('the seed alone changes sampled lags: same inputs, other seed, other trace', () => {
    const cfg = config([
      { id: 'primary', role: 'leader' },
      { id: 'replica-1', role: 'follower', lag: { min: 10, max: 1000 } },
    ]);
    const hashOf = (seed: number) => {
      const s = new Simulation(cfg, { seed });
      for (let i = 0; i < 5; i++) s.apply({ type: 'write', client: 'c', key: 'k', value: i });
      s.runUntil(5000);
      return traceHash(s);
    };
    expect(hashOf(1)).toBe(hashOf(1));
    expect(hashOf(1)).not.toBe(hashOf(2));
  });
});
