// Routing: a synchronous standby acknowledges on receipt or on apply (PostgreSQL's `on` vs
// `remote_apply`). Right after a write is acknowledged, may a read go to the standby? Only
// under remote_apply; the read runs and the stale-read checker judges it.
import { z } from 'zod';
import { strictMap } from '../../lesson/format/schema-parts.js';
import { Prng, Simulation } from '../../sim/index.js';
import { GRID_MS, leaderCluster, runOp, seconds } from './cluster.js';
import { msRange, pickOne, sampleStep } from './params.js';
import { defineTemplate } from './template.js';

const ACK_ON = ['receive', 'apply'] as const;

export const routeSyncStandby = defineTemplate({
  id: 'route-sync-standby',
  kind: 'routing',
  summary: 'whether a synchronous standby is fresh enough to read right after a commit',
  params: strictMap({
    ackOn: z
      .array(z.enum(ACK_ON))
      .min(1)
      .default([...ACK_ON]),
    replay: msRange(100, 30_000, { min: 300, max: 1500 }),
    lag: msRange(100, 30_000, { min: 1000, max: 4000 }),
  }),
  generate(p, seed) {
    const rng = new Prng(seed);
    const ackOn = pickOne(rng, p.ackOn);
    const replay = sampleStep(rng, p.replay, GRID_MS);
    // The async replica must still be behind when the slowest acknowledgement (on apply) arrives.
    const asyncLag = Math.max(sampleStep(rng, p.lag, GRID_MS), replay + GRID_MS + 1000);
    const cfg = leaderCluster(
      [
        { id: 'replica-1', lag: GRID_MS, replay, sync: true },
        { id: 'replica-2', lag: asyncLag },
      ],
      { mode: 'sync', ackOn },
    );
    const sim = new Simulation(cfg, { seed });
    // Earlier balances, long replicated everywhere.
    let balance = 100 * rng.int(5, 50);
    for (let i = 0; i < 3; i++) {
      runOp(sim, { type: 'write', client: 'bank', key: 'balance', value: balance });
      sim.runUntil(sim.now + asyncLag + replay + 1000);
      balance -= 10 * rng.int(1, 30);
    }
    runOp(sim, { type: 'write', client: 'bank', key: 'balance', value: balance });
    const nodes = ['primary', 'replica-1', 'replica-2'];
    const setting =
      ackOn === 'apply'
        ? '`remote_apply`: the leader waits until replica-1 has *applied* a commit'
        : '`on`: the leader waits until replica-1 has *received* a commit (written it to its log)';
    return {
      form: 'routing',
      prompt: `A transfer has just been acknowledged, and a teller immediately reads the account balance. It must not be stale. Spare the leader if you can: where do you send the read?`,
      facts: [
        `primary (leader), synchronous replication to replica-1 with synchronous_commit = ${setting}`,
        `replica-1: synchronous standby, receives within 0.1 s, applies ${seconds(replay)} after receiving`,
        `replica-2: asynchronous, ${seconds(asyncLag)} behind`,
      ],
      sim,
      client: 'teller',
      op: { kind: 'read', key: 'balance' },
      goal: 'latest',
      preferReplica: true,
      nodes,
      expected: [ackOn === 'apply' ? 1 : 0],
      why:
        ackOn === 'apply'
          ? 'With remote_apply the acknowledgement came only after replica-1 applied the transfer, so replica-1 is fresh; replica-2 is asynchronous and may be behind.'
          : `With synchronous_commit = on the standby had only *received* the transfer; it applies it ${seconds(replay)} later. Only the leader is sure to be fresh.`,
    };
  },
});
