// Scenario: you just wrote; the replicas have applied different LSNs. Which nodes may serve
// your next read and still show your own write? Answer: the leader and every replica whose
// applied LSN is at least your write's LSN.
import { strictMap } from '../../lesson/format/schema-parts.js';
import { Prng } from '../../sim/index.js';
import { nodeSetChoices } from './choices.js';
import { nodeList, seconds } from './cluster.js';
import { ownWriteScene } from './lag-scenes.js';
import { intRange, msRange } from './params.js';
import { defineTemplate } from './template.js';

export const rywNodes = defineTemplate({
  id: 'ryw-nodes',
  kind: 'scenario',
  summary: 'which nodes may serve a read that must show your own last write',
  params: strictMap({
    replicas: intRange(2, 5, { min: 2, max: 3 }),
    lag: msRange(100, 30_000, { min: 300, max: 5000 }),
  }),
  generate(p, seed) {
    const s = ownWriteScene(p, seed);
    const lsn = s.write.lsn ?? 0;
    const order = ['primary', ...s.replicas];
    const fresh = s.replicas.filter((r) => (s.applied.get(r) ?? 0) >= lsn);
    const stale = s.replicas.filter((r) => !fresh.includes(r));
    const correct = ['primary', ...fresh];
    const rng = new Prng(seed ^ 0x5f3759df);
    const { choices, correct: idx } = nodeSetChoices(
      rng,
      correct,
      [
        order, // "it was acknowledged, so everyone has it"
        ['primary'], // correct but wasteful is still not the set asked for
        ['primary', ...s.replicas.filter((r) => (s.applied.get(r) ?? 0) > lsn)], // off by one
        fresh, // forgets the leader
        ['primary', ...stale], // reads the numbers backwards
      ],
      order,
    );
    const facts = [
      `primary (leader): applied LSN ${s.leaderLsn}`,
      ...s.replicas.map(
        (r) => `${r}: applied LSN ${s.applied.get(r)} (replication lag ${seconds(s.lags.get(r)!)})`,
      ),
    ];
    return {
      form: 'choice',
      prompt: `You just updated your profile; the leader acknowledged it as **LSN ${lsn}**. Which nodes may serve your next read of your profile and still show your update?`,
      facts,
      choices,
      correct: idx,
      why: `Your write is LSN ${lsn}. A node shows it once it has applied LSN ${lsn}: ${nodeList(correct)}${stale.length ? `; ${nodeList(stale.map((r) => `${r} (${s.applied.get(r)})`))} ${stale.length === 1 ? 'has' : 'have'} not yet` : ''}.`,
      sim: s.sim,
    };
  },
});
