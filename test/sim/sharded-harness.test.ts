// Sharded cases through the harness (generate-sharded.ts): every invariant, judged per shard,
// holds on generated runs with faults on both shards, and causal routing keeps consistent
// prefix across shards. A planted bug (a router that ignores causal dependencies) is caught.
import { describe, expect, it } from 'vitest';
import {
  describeCase,
  generateShardedCase,
  INVARIANTS,
  runCase,
  Simulation,
} from '../../src/sim/index.js';

describe('sharded cases: every invariant, per shard', () => {
  it('120 seeds: only refusals are thrown, and every invariant that applies holds', () => {
    const applied = new Map<string, number>();
    let causalReads = 0;
    let wrongShard = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const c = generateShardedCase(seed);
      const run = runCase(c);
      expect(run.violations, `seed ${seed}\n${describeCase(c).join('\n')}`).toEqual([]);
      const sim = run.sim!;
      for (const inv of INVARIANTS) {
        if (inv.applies(sim)) applied.set(inv.name, (applied.get(inv.name) ?? 0) + 1);
      }
      for (const op of sim.ops) {
        if (
          op.kind === 'read' &&
          op.outcome === 'ok' &&
          sim.sessions.get(op.client)?.cfg.policy === 'causal'
        )
          causalReads++;
        if (op.error === 'wrong-shard') wrongShard++;
      }
    }
    // Not vacuous: causal clients read, some reads named a node of the wrong shard, and the
    // per-shard invariants were promised in a good share of the runs.
    expect(causalReads).toBeGreaterThan(300);
    expect(wrongShard).toBeGreaterThan(20);
    for (const name of [
      'log-matching',
      'one-leader-per-epoch',
      'session-guarantees',
      'convergence',
    ]) {
      expect(applied.get(name) ?? 0, name).toBeGreaterThan(15);
    }
  });

  it('catches a planted bug: a router that ignores causal dependencies', () => {
    let caught = 0;
    for (let seed = 1; seed <= 120 && caught === 0; seed++) {
      const c = generateShardedCase(seed);
      // Every routed read goes to the shard's last follower, applied or not.
      const run = runCase(c, {
        simulate: (x) =>
          new Simulation(x.config, {
            seed: x.seed,
            clients: x.clients,
            hooks: {
              routeRead: (req) => {
                const followers = req.nodes.filter((n) => n.role === 'follower');
                return followers[followers.length - 1]?.id ?? req.leader;
              },
            },
          }),
      });
      if (
        run.violations.some(
          (v) => v.invariant === 'session-guarantees' && /causal routing/.test(v.message),
        )
      )
        caught++;
    }
    expect(caught).toBeGreaterThan(0);
  });
});
