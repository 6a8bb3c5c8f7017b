// Routing: you saw an answer; send the read of its question where it will be there. The
// read runs and the consistent-prefix checker judges it.
import { strictMap } from '../../lesson/format/schema-parts.js';
import { nodeList } from './cluster.js';
import { intRange, msRange } from './params.js';
import { prefixScene, QUESTION_KEY } from './prefix-scene.js';
import { defineTemplate } from './template.js';

export const routePrefix = defineTemplate({
  id: 'route-prefix',
  kind: 'routing',
  summary: 'route the read of a question after its answer was seen, sparing the leader',
  params: strictMap({
    replicas: intRange(3, 5, { min: 3, max: 4 }),
    lag: msRange(100, 30_000, { min: 300, max: 4000 }),
  }),
  generate(p, seed) {
    const s = prefixScene(p, seed);
    const q = s.question.lsn ?? 0;
    const a = s.answer.lsn ?? 0;
    const nodes = ['primary', ...s.replicas];
    const hasQuestion = s.replicas.filter((r) => (s.applied.get(r) ?? 0) >= q);
    return {
      form: 'routing',
      prompt: `Mr. Poons asked a question (**LSN ${q}**); Mrs. Cake read it and answered (**LSN ${a}**). You have just read her answer from **${s.firstNode}**. Load the question so you do not see the answer alone, and spare the leader. Where do you send the read?`,
      facts: [
        `primary (leader): applied LSN ${s.leaderLsn}`,
        ...s.replicas.map((r) => `${r}: applied LSN ${s.applied.get(r)}`),
      ],
      sim: s.sim,
      client: 'you',
      op: { kind: 'read', key: QUESTION_KEY },
      goal: 'consistent-prefix',
      preferReplica: true,
      nodes,
      expected: (hasQuestion.length > 0 ? hasQuestion : ['primary']).map((n) => nodes.indexOf(n)),
      why: `Any replica that has applied the question, LSN ${q}, shows it: ${nodeList(hasQuestion)}. It need not be as far along as the answer (LSN ${a}). The others would show the answer without its question.`,
    };
  },
});
