// Scenario (choice), on a live leaderless cluster: n home replicas, quorums w and r drawn per
// seed, one replica down while a new value is written. The write is acknowledged after w
// replicas stored it; a read right after asks every replica that is up and uses the first r
// answers (equal latency: listed order). What does the read return — the new value, the old
// one (a stale read), or no-quorum? The answer is what the simulator's read returned.
import { strictMap } from '../../lesson/format/schema-parts.js';
import { defaultCluster, Prng, Simulation } from '../../sim/index.js';
import { GRID_MS, nodeList, runOp, seconds } from './cluster.js';
import { intRange, msRange, sample, sampleStep, shuffle } from './params.js';
import { defineTemplate } from './template.js';

const IDS = ['a', 'b', 'c', 'd', 'e'];
const KEY = 'cart';
const OLD = 'milk';
const NEW = 'eggs';
/** The old value is everywhere by then: every lag is below it. */
const WRITE_AT = 40_000;

export type ReadOutcome = 'new' | 'old' | 'no-quorum';

export interface StaleReadScene {
  sim: Simulation;
  ids: string[];
  n: number;
  w: number;
  r: number;
  lags: Map<string, number>;
  /** The replica that was down during the write, and whether it is back for the read. */
  down: string;
  restarted: boolean;
  /** When the write was acknowledged, and which replicas held it then. */
  ackedAt: number;
  holders: string[];
  outcome: ReadOutcome;
}

export function staleReadScene(
  p: { n: { min: number; max: number }; lag: { min: number; max: number } },
  seed: number,
): StaleReadScene {
  const rng = new Prng(seed);
  const n = sample(rng, p.n);
  const ids = IDS.slice(0, n);
  const lags = new Map(ids.map((id) => [id, sampleStep(rng, p.lag, GRID_MS)]));
  const w = rng.int(1, n - 1); // the write must succeed with one replica down
  const down = ids[rng.int(0, n - 1)]!;
  const restarted = rng.next() < 0.7;
  // With the replica still down, r = n cannot be met: the no-quorum case.
  const r = restarted ? rng.int(1, n) : rng.int(Math.max(1, n - 2), n);
  const sim = new Simulation(
    defaultCluster(
      ids.map((id) => ({ id, role: 'follower' as const, lag: lags.get(id)! })),
      {
        topology: 'leaderless',
        quorum: { n, w, r, readRepair: false, sloppy: false, readFrom: 'all' },
      },
    ),
    { seed, clients: [] },
  );
  runOp(sim, { type: 'write', client: 'you', key: KEY, value: OLD });
  sim.runUntil(WRITE_AT);
  sim.apply({ type: 'crash', node: down });
  const write = runOp(sim, { type: 'write', client: 'you', key: KEY, value: NEW });
  if (write.outcome !== 'ok') throw new Error(`quorum-stale-read: the write failed (${seed})`);
  const ackedAt = sim.now;
  const holders = sim
    .snapshot()
    .leaderless!.replicas.filter((rep) =>
      rep.keys.some((k) => k.key === KEY && k.versions.some((v) => v.value === NEW)),
    )
    .map((rep) => rep.id);
  if (restarted) sim.apply({ type: 'restart', node: down });
  const read = runOp(sim, { type: 'read', client: 'you', key: KEY, from: 'route' });
  const outcome: ReadOutcome =
    read.outcome !== 'ok' ? 'no-quorum' : read.value === NEW ? 'new' : 'old';
  return { sim, ids, n, w, r, lags, down, restarted, ackedAt, holders, outcome };
}

function why(s: StaleReadScene): string {
  const up = s.ids.filter((id) => s.restarted || id !== s.down);
  if (s.outcome === 'no-quorum') {
    return `${s.down} is still down, so only ${up.length} replica${up.length === 1 ? '' : 's'} can answer and the read needs r = ${s.r}: it fails with no-quorum.`;
  }
  const asked = up.slice(0, s.r);
  const acked = `The write was acknowledged at ${seconds(s.ackedAt - WRITE_AT)} after w = ${s.w} replica${s.w === 1 ? '' : 's'} stored it; ${nodeList(s.holders)} held "${NEW}" then`;
  const back = s.restarted
    ? ` (${s.down} came back with only "${OLD}": a leaderless replica has no log to replay)`
    : '';
  const used = `the read used the first r = ${s.r} answer${s.r === 1 ? '' : 's'}, from ${nodeList(asked)}`;
  return s.outcome === 'new'
    ? `${acked}${back}; ${used}, and at least one of them had "${NEW}": the newest version among the answers wins.`
    : `${acked}${back}; ${used}, and none of them had it yet: a stale read. w + r = ${s.w + s.r} ${s.w + s.r > s.n ? `> n, but ${s.down} missed the write, so the overlap guarantee did not hold` : `≤ n = ${s.n}: the quorums need not overlap`}.`;
}

export const quorumStaleRead = defineTemplate({
  id: 'quorum-stale-read',
  kind: 'scenario',
  summary: 'what a leaderless quorum read returns after a write that one replica missed',
  params: strictMap({
    n: intRange(3, 5, { min: 3, max: 4 }),
    lag: msRange(100, 10_000, { min: 100, max: 2000 }),
  }),
  generate(p, seed) {
    // A fresh read is the common case and the least instructive: draw once more if so.
    let s = staleReadScene(p, seed);
    if (s.outcome === 'new') s = staleReadScene(p, seed + 1_000_003);
    const labels: Record<ReadOutcome, string> = {
      new: `"${NEW}", the value just written`,
      old: `"${OLD}", the old value: a stale read`,
      'no-quorum': 'It fails with no-quorum',
    };
    const order = shuffle<ReadOutcome>(new Prng(seed ^ 0x5bd1e995), ['new', 'old', 'no-quorum']);
    return {
      form: 'choice',
      prompt: `A leaderless store keeps **n = ${s.n}** replicas (${nodeList(s.ids)}) of every key, with **w = ${s.w}** and **r = ${s.r}**; a read asks every replica that is up and uses the first r answers, in the order listed. No read repair, no anti-entropy. \`${KEY}\` was "${OLD}" on every replica. Then ${s.down} crashed and you wrote \`${KEY}\` = "${NEW}"${s.restarted ? `; ${s.down} restarted` : ''}. Right after the write was acknowledged, you read \`${KEY}\`. What does the read return?`,
      facts: s.ids.map((id) =>
        id === s.down
          ? `${id}: down during the write${s.restarted ? ', restarted before the read' : ', still down'}`
          : `${id}: a write reaches it ${seconds(s.lags.get(id)!)} after it is sent`,
      ),
      choices: order.map((o) => labels[o]),
      correct: [order.indexOf(s.outcome)],
      why: why(s),
      sim: s.sim,
    };
  },
});
