// Scenario: you read a comment thread from one replica; a moment later, which nodes may serve
// your next read without showing you an older thread (monotonic reads)? Answer: the nodes
// that have applied at least the version you saw.
import { strictMap } from '../../lesson/format/schema-parts.js';
import { Prng } from '../../sim/index.js';
import { nodeSetChoices } from './choices.js';
import { nodeList } from './cluster.js';
import { threadScene } from './lag-scenes.js';
import { intRange, msRange } from './params.js';
import { defineTemplate } from './template.js';

export const monotonicNodes = defineTemplate({
  id: 'monotonic-nodes',
  kind: 'scenario',
  summary: 'which nodes may serve the next read without going back in time',
  params: strictMap({
    replicas: intRange(2, 5, { min: 3, max: 4 }),
    lag: msRange(100, 30_000, { min: 300, max: 4000 }),
  }),
  generate(p, seed) {
    const s = threadScene(p, seed);
    const seen = s.firstRead.versionLsn ?? 0;
    const order = ['primary', ...s.replicas];
    const fresh = s.replicas.filter((r) => (s.applied.get(r) ?? 0) >= seen);
    const behind = s.replicas.filter((r) => !fresh.includes(r));
    const correct = ['primary', ...fresh];
    const atFirst = s.firstRead.lsn ?? 0;
    const { choices, correct: idx } = nodeSetChoices(
      new Prng(seed ^ 0x2545f491),
      correct,
      [
        order, // "any replica: they all get there eventually"
        ['primary', s.firstNode], // sticky routing is one fix, not the only safe set
        ['primary'],
        ['primary', ...s.replicas.filter((r) => (s.applied.get(r) ?? 0) > seen)],
        fresh,
      ],
      order,
    );
    return {
      form: 'choice',
      prompt: `Everyone is commenting on one thread. A moment ago you read it from **${s.firstNode}** and saw the thread as of **LSN ${seen}**. Which nodes may serve your next read without showing you an older thread than you already saw?`,
      facts: [
        `primary (leader): applied LSN ${s.leaderLsn}`,
        ...s.replicas.map((r) => `${r}: applied LSN ${s.applied.get(r)}`),
      ],
      choices,
      correct: idx,
      why: `You have seen LSN ${seen} (${s.firstNode} had applied LSN ${atFirst} when it answered). A read is monotonic from any node that has applied at least LSN ${seen}: ${nodeList(correct)}${behind.length ? `. ${nodeList(behind.map((r) => `${r} (${s.applied.get(r)})`))} would take you back in time` : ''}.`,
      sim: s.sim,
    };
  },
});
