// Scenario (choice), read off a live leaderless cluster: each replica gets a write its own
// delay after it is sent; a new price is acknowledged by w replicas, sometimes a replica then
// crashes, and a moment later a quorum read asks r replicas picked at random. What does the
// read return? The new price when a replica it asked already had it, the old one otherwise,
// no-quorum when fewer than r replicas are up. Delays sit on the 100 ms grid and the read
// reaches the replicas 51 ms past a grid line, so no copy lands while the read is in flight.
import { strictMap } from '../../lesson/format/schema-parts.js';
import { defaultCluster, Prng, Simulation } from '../../sim/index.js';
import { GRID_MS, nodeList, runOp, seconds } from './cluster.js';
import { intRange, msRange, pickOne, sample, sampleStep, shuffle } from './params.js';
import { defineTemplate } from './template.js';

const OLD = '$10';
const NEW = '$12';
export const READ_CHOICES = {
  new: `${NEW}, the new price`,
  old: `${OLD}, the old price`,
  error: 'An error: too few replicas are up to answer',
} as const;

export const quorumReadTiming = defineTemplate({
  id: 'quorum-read-timing',
  kind: 'scenario',
  summary: 'what a leaderless quorum read returns, given the replicas’ delays, w, r and a crash',
  params: strictMap({
    replicas: intRange(3, 5, { min: 3, max: 4 }),
    delay: msRange(100, 10_000, { min: 100, max: 2000 }),
  }),
  generate(p, seed) {
    const rng = new Prng(seed);
    const n = sample(rng, p.replicas);
    const ids = ['a', 'b', 'c', 'd', 'e'].slice(0, n);
    const lags = ids.map(() => sampleStep(rng, p.delay, GRID_MS));
    const w = rng.int(1, n);
    const r = rng.int(1, n);
    const crashed = rng.next() < 1 / 3 ? pickOne(rng, ids) : undefined;
    // The read starts 50 ms past a grid line after the acknowledgement, up to 300 ms later.
    const extra = rng.int(0, 3) * GRID_MS;

    const sim = new Simulation(
      defaultCluster(
        ids.map((id, i) => ({ id, role: 'follower', lag: lags[i]! })),
        { topology: 'leaderless', quorum: { n, w, r, readFrom: 'random' } },
      ),
      { seed },
    );
    runOp(sim, { type: 'write', client: 'shop', key: 'price', value: OLD });
    // Every copy of the old price has landed; the new one is sent on a grid line.
    sim.runUntil(Math.ceil((sim.now + Math.max(...lags) + 1) / GRID_MS) * GRID_MS);
    const sentAt = sim.now;
    const write = runOp(sim, { type: 'write', client: 'shop', key: 'price', value: NEW });
    const ackAt = (write.completedAt ?? sim.now) - sentAt;
    if (crashed) sim.apply({ type: 'crash', node: crashed });
    const readAt = Math.floor(ackAt / GRID_MS) * GRID_MS + GRID_MS / 2 + extra;
    sim.runUntil(sentAt + readAt);
    const read = runOp(sim, { type: 'read', client: 'page', key: 'price', from: 'route' });
    const asked = askedBy(sim, read.id);

    const outcome: keyof typeof READ_CHOICES =
      read.outcome !== 'ok' ? 'error' : read.value === NEW ? 'new' : 'old';
    const order = shuffle(rng, ['new', 'old', 'error'] as const);
    // A copy sent to a replica that is down by then is refused, not stored.
    const holders = ids.filter(
      (id, i) => lags[i]! <= readAt && (id !== crashed || lags[i]! < ackAt),
    );
    const up = ids.filter((id) => id !== crashed);
    const hit = asked.find((id) => holders.includes(id));
    const delays = ids.map((id, i) => `${id} after ${seconds(lags[i]!)}`);
    return {
      form: 'choice',
      prompt: `The price changes from ${OLD} to ${NEW}. What does the read return?`,
      facts: [
        `n = ${n} replicas (${nodeList(ids)}). A write waits for **w = ${w}** acknowledgements; a read asks **r = ${r}** replicas picked at random, and the newest version it gets wins.`,
        `A write reaches ${nodeList(delays)}.`,
        `t = 0: ${NEW} is written; it is acknowledged at t = ${exact(ackAt)}.`,
        ...(crashed ? [`t = ${exact(ackAt)}: ${crashed} crashes.`] : []),
        outcome === 'error'
          ? `t = ${seconds(readAt)}: a read starts.`
          : `t = ${seconds(readAt)}: a read asks ${nodeList(asked)}.`,
      ],
      choices: order.map((k) => READ_CHOICES[k]),
      correct: [order.indexOf(outcome)],
      why:
        outcome === 'error'
          ? `Only ${nodeList(up)} ${up.length === 1 ? 'is' : 'are'} up, and the read needs r = ${r} answers: it fails with no-quorum. Reads survive n − r replicas down.`
          : `At t = ${seconds(readAt)}, ${NEW} was on ${holders.length ? nodeList(holders) : 'no replica'} (each copy lands its delay after the write). The read asked ${nodeList(asked)}: ${
              hit
                ? `${hit} had ${NEW}, and the newest version wins.`
                : `none of them had ${NEW} yet, so the read returned ${OLD}${w + r > n ? '' : ` (w + r = ${w + r} is not more than n = ${n}, so the read need not meet the write)`}.`
            }`,
      sim,
    };
  },
});

/** A time to the millisecond, in seconds: 1.401 s, 1.65 s. */
function exact(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** The replicas a quorum read sent its request to. */
function askedBy(sim: Simulation, op: number): string[] {
  const out: string[] = [];
  for (const e of sim.history) {
    if (e.type === 'quorum' && e.op === op && e.phase === 'send' && e.msg === 'read') {
      if (!out.includes(e.to)) out.push(e.to);
    }
  }
  return sim.nodes.map((n) => n.id).filter((id) => out.includes(id));
}
