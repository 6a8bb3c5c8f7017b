// Routing: the leader crashed and automatic failover has finished. Send a write straight to a
// node; only the new leader accepts it (a follower refuses, the old leader is down). Which
// follower won follows from the received LSNs before the crash.
import { strictMap } from '../../lesson/format/schema-parts.js';
import { Prng } from '../../sim/index.js';
import { crashScene, FAILOVER, followerFacts } from './crash-scene.js';
import { electionWinner } from './failover-winner.js';
import { intRange, msRange } from './params.js';
import { defineTemplate } from './template.js';

export const routeWriteAfterFailover = defineTemplate({
  id: 'route-write-after-failover',
  kind: 'routing',
  summary: 'send a write to the node that won the election',
  params: strictMap({
    replicas: intRange(2, 4, { min: 2, max: 3 }),
    lag: msRange(100, 30_000, { min: 200, max: 2500 }),
    replay: msRange(100, 30_000, { min: 300, max: 1500 }),
  }),
  generate(p, seed) {
    const rng = new Prng(seed);
    let s = crashScene(rng, p, seed, FAILOVER);
    // A tie on received LSN is settled by node id, which teaches nothing: draw again.
    for (let i = 0; i < 20; i++) {
      const top = Math.max(...s.replicas.map((r) => s.received.get(r) ?? 0));
      if (s.replicas.filter((r) => s.received.get(r) === top).length === 1) break;
      s = crashScene(rng, p, seed, FAILOVER);
    }
    // Past the timeout, the election and the repointing of followers.
    s.sim.runUntil(s.crashAt + FAILOVER.timeout + 2000);
    const winner = electionWinner(s.replicas, s.received);
    const nodes = ['primary', ...s.replicas];
    return {
      form: 'routing',
      prompt: `The leader crashed ${(FAILOVER.timeout + 2000) / 1000} s ago; automatic failover (5 s timeout) has run. Your service sends writes straight to a node, not through a proxy. Where do you send the next write so that it is acknowledged?`,
      facts: followerFacts(s).map((f) => `before the crash, ${f}`),
      sim: s.sim,
      client: 'app',
      op: { kind: 'write', key: 'order-next', value: 'paid' },
      goal: 'no-lost-writes',
      preferReplica: false,
      nodes,
      expected: [nodes.indexOf(winner)],
      why: `The election promoted ${winner}, which had received the most (LSN ${s.received.get(winner)}). Followers refuse writes and the old leader is down.`,
    };
  },
});
