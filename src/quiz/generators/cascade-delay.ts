// Scenario (numeric): cascading replication, primary → replica-1 → replica-2 (→ replica-3).
// How long after the leader appends a write does the last node in the chain apply it?
// Answer: the sum of the lags along the chain plus the last node's replay delay; a middle
// node relays what it receives, so its own replay delay adds nothing.
import { strictMap } from '../../lesson/format/schema-parts.js';
import type { NodeConfig } from '../../sim/index.js';
import { Prng, Simulation } from '../../sim/index.js';
import { GRID_MS, leaderCluster, replicaIds, runOp, seconds } from './cluster.js';
import { intRange, msRange, sample, sampleStep } from './params.js';
import { defineTemplate } from './template.js';

export const cascadeDelay = defineTemplate({
  id: 'cascade-delay',
  kind: 'scenario',
  summary: 'how long a write takes to reach the end of a replication chain',
  params: strictMap({
    hops: intRange(2, 4, { min: 2, max: 3 }),
    lag: msRange(100, 30_000, { min: 200, max: 2000 }),
    replay: msRange(100, 30_000, { min: 100, max: 800 }),
  }),
  generate(p, seed) {
    const rng = new Prng(seed);
    const ids = replicaIds(sample(rng, p.hops));
    const nodes: Omit<NodeConfig, 'role'>[] = ids.map((id, i) => ({
      id,
      lag: sampleStep(rng, p.lag, GRID_MS),
      replay: sampleStep(rng, p.replay, GRID_MS),
      ...(i > 0 ? { upstream: ids[i - 1] } : {}),
    }));
    const sim = new Simulation(leaderCluster(nodes), { seed });
    sim.runUntil(GRID_MS);
    runOp(sim, { type: 'write', client: 'app', key: 'k', value: 1 });
    const last = nodes[nodes.length - 1]!;
    const lagSum = nodes.reduce((t, n) => t + (typeof n.lag === 'number' ? n.lag : 0), 0);
    const answerMs = lagSum + (last.replay ?? 0);
    const chain = ['primary', ...ids].join(' → ');
    return {
      form: 'numeric',
      prompt: `Cascading replication: ${chain}. Each arrow takes the lag shown before the next node *receives* an entry, and each replica applies an entry its replay delay after receiving it. The leader appends a write. How many seconds later does **${last.id}** apply it?`,
      facts: nodes.map(
        (n) =>
          `${n.id}: receives from ${n.upstream ?? 'primary'} after ${seconds(Number(n.lag))}, applies ${seconds(n.replay ?? 0)} after receiving`,
      ),
      answer: answerMs / 1000,
      tolerance: 0.05,
      unit: 's',
      why: `A relay here forwards what it receives without waiting to apply it (as a PostgreSQL cascading standby does; a MySQL replica relays only after applying), so only the lags add up, plus ${last.id}'s own replay delay: ${nodes.map((n) => seconds(Number(n.lag))).join(' + ')} + ${seconds(last.replay ?? 0)} = ${seconds(answerMs)}. Every hop adds lag.`,
      sim,
    };
  },
});
