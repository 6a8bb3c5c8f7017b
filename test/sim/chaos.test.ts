// Chaos through the harness: generated configs, workloads and every kind of fault at random
// (src/sim/harness). The simulator never throws anything but a SimulationError for a refused
// command, never moves time backwards, and every invariant that a run's config promises
// holds, at every checkpoint and at the end (logs match, followers apply in order and stay
// prefixes of their leader, one leader per epoch, no split brain or lost acknowledged write
// where promised, routing keeps its session promises, a quiet cluster converges, and a
// replay of the inputs hashes the same).
import { describe, expect, it } from 'vitest';
import {
  describeCase,
  generateCase,
  INVARIANTS,
  runCase,
  streamable,
} from '../../src/sim/index.js';

describe('chaos: generated cases, every invariant', () => {
  it('200 seeds: only refusals are thrown, and every invariant that applies holds', () => {
    let refused = 0;
    let converged = 0;
    const applied = new Map<string, number>();
    for (let seed = 1; seed <= 200; seed++) {
      const c = generateCase(seed);
      const run = runCase(c);
      expect(run.violations, `seed ${seed}\n${describeCase(c).join('\n')}`).toEqual([]);
      refused += run.refused;
      const sim = run.sim!;
      for (const inv of INVARIANTS) {
        if (inv.applies(sim)) applied.set(inv.name, (applied.get(inv.name) ?? 0) + 1);
      }
      const leader = sim.currentLeader();
      if (leader && INVARIANTS.find((i) => i.name === 'convergence')!.applies(sim)) {
        converged += streamable(sim, leader).length;
      }
    }
    // Not vacuous: commands were refused, followers converged, and every invariant was
    // promised (so checked) in a good share of the runs.
    expect(refused).toBeGreaterThan(20);
    expect(converged).toBeGreaterThan(200);
    for (const inv of INVARIANTS) expect(applied.get(inv.name) ?? 0, inv.name).toBeGreaterThan(25);
  });

  it('the cases differ: configs, schedules and fault kinds vary with the seed', () => {
    const kinds = new Set<string>();
    const shapes = new Set<string>();
    for (let seed = 1; seed <= 100; seed++) {
      const c = generateCase(seed);
      for (const s of c.steps) kinds.add(s.cmd.type);
      shapes.add(
        `${c.config.nodes.length}/${c.config.mode}/${c.config.log}/${!!c.config.failover}`,
      );
    }
    expect([...kinds].sort()).toEqual(
      [
        'add-follower',
        'backup',
        'crash',
        'heal',
        'partition',
        'pause',
        'promote',
        'read',
        'restart',
        'restore',
        'resync',
        'set-cluster',
        'set-node',
        'wipe',
        'workload',
        'write',
      ].sort(),
    );
    expect(shapes.size).toBeGreaterThan(20);
    expect(generateCase(7)).toEqual(generateCase(7));
  });
});
