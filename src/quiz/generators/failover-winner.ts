// Scenario: the leader crashes and automatic failover runs. Which follower becomes the new
// leader? Answer: the one with the highest received LSN (ties by node id), not the one that
// has applied the most.
import { strictMap } from '../../lesson/format/schema-parts.js';
import { Prng } from '../../sim/index.js';
import { crashScene, FAILOVER, followerFacts } from './crash-scene.js';
import { intRange, msRange, shuffle } from './params.js';
import { defineTemplate } from './template.js';

/** The follower an election picks: highest received LSN, ties to the lower id. */
export function electionWinner(replicas: readonly string[], received: Map<string, number>): string {
  return [...replicas].sort(
    (a, b) => (received.get(b) ?? 0) - (received.get(a) ?? 0) || (a < b ? -1 : 1),
  )[0]!;
}

function tied(replicas: readonly string[], received: Map<string, number>): boolean {
  const top = Math.max(...replicas.map((r) => received.get(r) ?? 0));
  return replicas.filter((r) => received.get(r) === top).length > 1;
}

export const failoverWinner = defineTemplate({
  id: 'failover-winner',
  kind: 'scenario',
  summary: 'which follower automatic failover promotes',
  params: strictMap({
    replicas: intRange(2, 4, { min: 3, max: 4 }),
    lag: msRange(100, 30_000, { min: 200, max: 2500 }),
    replay: msRange(100, 30_000, { min: 500, max: 2000 }),
  }),
  generate(p, seed) {
    const rng = new Prng(seed);
    // A tie would be settled by node id, which teaches nothing: draw again.
    let s = crashScene(rng, p, seed, FAILOVER);
    for (let i = 0; i < 20 && tied(s.replicas, s.received); i++) {
      s = crashScene(rng, p, seed, FAILOVER);
    }
    const winner = electionWinner(s.replicas, s.received);
    const choices = shuffle(rng, [...s.replicas]);
    const mostApplied = s.replicas.reduce((a, b) =>
      (s.applied.get(b) ?? 0) > (s.applied.get(a) ?? 0) ? b : a,
    );
    const trap =
      mostApplied !== winner && s.applied.get(mostApplied) !== s.applied.get(winner)
        ? ` ${mostApplied} has applied more, but what counts is what a follower holds: it applies the rest when promoted.`
        : '';
    return {
      form: 'choice',
      prompt: `The leader crashes. Heartbeats stop, the failover timeout (5 s) passes and an election runs. Which follower becomes the new leader?`,
      facts: followerFacts(s),
      choices,
      correct: [choices.indexOf(winner)],
      why: `The election picks the follower with the newest log, judged by received LSN: ${winner} (LSN ${s.received.get(winner)}).${trap}`,
      sim: s.sim,
    };
  },
});
