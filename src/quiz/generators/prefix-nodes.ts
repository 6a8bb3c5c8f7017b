// Scenario: you read an answer from a fast replica; which nodes may serve your read of the
// question it answers without showing the answer alone (consistent prefix)? Answer: every node
// that has applied the question, including replicas not yet as far along as the answer.
import { strictMap } from '../../lesson/format/schema-parts.js';
import { Prng } from '../../sim/index.js';
import { nodeSetChoices } from './choices.js';
import { nodeList } from './cluster.js';
import { intRange, msRange } from './params.js';
import { prefixScene } from './prefix-scene.js';
import { defineTemplate } from './template.js';

export const prefixNodes = defineTemplate({
  id: 'prefix-nodes',
  kind: 'scenario',
  summary: 'which nodes may serve the question after you saw its answer',
  params: strictMap({
    replicas: intRange(3, 5, { min: 3, max: 4 }),
    lag: msRange(100, 30_000, { min: 300, max: 4000 }),
  }),
  generate(p, seed) {
    const s = prefixScene(p, seed);
    const q = s.question.lsn ?? 0;
    const a = s.answer.lsn ?? 0;
    const order = ['primary', ...s.replicas];
    const applied = (r: string) => s.applied.get(r) ?? 0;
    const hasQuestion = s.replicas.filter((r) => applied(r) >= q);
    const missing = s.replicas.filter((r) => applied(r) < q);
    const correct = ['primary', ...hasQuestion];
    const { choices, correct: idx } = nodeSetChoices(
      new Prng(seed ^ 0x5f3759df),
      correct,
      [
        ['primary', ...s.replicas.filter((r) => applied(r) >= a)], // as far along as what you saw
        order, // "the question came first, so it is everywhere the answer is"
        ['primary'],
        ['primary', s.firstNode],
      ],
      order,
    );
    const middle = hasQuestion.filter((r) => applied(r) < a);
    return {
      form: 'choice',
      prompt: `On one log, Mr. Poons asked a question (**LSN ${q}**); Mrs. Cake read it and answered (**LSN ${a}**). You have just read the answer from **${s.firstNode}**. Which nodes may serve your read of the question without showing you the answer alone?`,
      facts: [
        `primary (leader): applied LSN ${s.leaderLsn}`,
        ...s.replicas.map((r) => `${r}: applied LSN ${applied(r)}`),
      ],
      choices,
      correct: idx,
      why: `The answer depends on the question, LSN ${q}. Every node that has applied LSN ${q} shows it: ${nodeList(correct)}.${middle.length ? ` ${nodeList(middle)} ${middle.length === 1 ? 'has' : 'have'} not reached the answer yet, and need not: what you need is the question.` : ''}${missing.length ? ` ${nodeList(missing.map((r) => `${r} (${applied(r)})`))} would show the answer without its question.` : ''}`,
      sim: s.sim,
    };
  },
});
