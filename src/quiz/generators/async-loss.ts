// Scenario (numeric): an async leader crashes; the most up-to-date follower is promoted. How
// many acknowledged writes are lost? Answer: the leader's last LSN minus the highest LSN any
// follower had *received* (a promoted follower applies all it received first).
import { strictMap } from '../../lesson/format/schema-parts.js';
import { Prng } from '../../sim/index.js';
import { type CrashScene, crashScene, followerFacts } from './crash-scene.js';
import { intRange, msRange } from './params.js';
import { defineTemplate } from './template.js';

function lostCount(s: CrashScene): number {
  return s.leaderLsn - Math.max(...s.replicas.map((r) => s.received.get(r) ?? 0));
}

export const asyncLoss = defineTemplate({
  id: 'async-loss',
  kind: 'scenario',
  summary: 'how many acknowledged writes an async failover loses',
  params: strictMap({
    replicas: intRange(2, 4, { min: 2, max: 3 }),
    lag: msRange(100, 30_000, { min: 200, max: 3000 }),
    replay: msRange(100, 30_000, { min: 300, max: 1500 }),
  }),
  generate(p, seed) {
    const rng = new Prng(seed);
    // Nothing lost is a fine answer now and then, but a dull one: draw again a few times.
    let s = crashScene(rng, p, seed);
    for (let i = 0; i < 5 && lostCount(s) === 0; i++) s = crashScene(rng, p, seed);
    const best = s.replicas.reduce((a, b) =>
      (s.received.get(b) ?? 0) > (s.received.get(a) ?? 0) ? b : a,
    );
    const kept = s.received.get(best) ?? 0;
    const lost = s.leaderLsn - kept;
    return {
      form: 'numeric',
      prompt: `Replication is **asynchronous**. The leader crashes at once, and failover promotes the most up-to-date follower. How many **acknowledged** writes are lost?`,
      facts: followerFacts(s),
      answer: lost,
      tolerance: 0,
      unit: 'writes',
      why: `${best} had received up to LSN ${kept}; promotion first applies everything received, so it keeps LSN 1–${kept}. ${kept + 1 === s.leaderLsn ? `LSN ${s.leaderLsn}` : `LSN ${kept + 1}–${s.leaderLsn}`} existed only on the crashed leader: ${s.leaderLsn} − ${kept} = ${lost} acknowledged write${lost === 1 ? '' : 's'} lost.`,
      sim: s.sim,
    };
  },
});
