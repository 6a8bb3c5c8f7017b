// Scenario: two leaders, each with its own clock offset, take a write to one key at moments
// closer together than the lag between them, so the writes conflict. Which value does last
// write wins keep? Read off a multi-leader simulation: the answer is what both leaders show
// once each write has reached the other. The prompt gives what a learner reasons from (real
// times and clock offsets), never the stamps.
import { strictMap } from '../../lesson/format/schema-parts.js';
import { defaultCluster, multiLeaderReadValues, Prng, Simulation } from '../../sim/index.js';
import { GRID_MS, runOp, seconds } from './cluster.js';
import { msRange, pickOne, sampleStep, shuffle } from './params.js';
import { defineTemplate } from './template.js';

const KEY = 'meeting';
const VALUES: readonly (readonly [string, string])[] = [
  ['Tue 09:00', 'Tue 14:00'],
  ['room Tejo', 'room Douro'],
  ['Fri lunch', 'Fri dinner'],
];
const FIRST_WRITE_MS = 1000;

export interface LwwSide {
  leader: 'eu' | 'us';
  client: string;
  value: string;
  /** Real (virtual) time of the write. */
  at: number;
  /** The leader's clock offset. */
  skew: number;
}

/** A signed offset for prompts: +0.4 s, −1.2 s, exact. */
function offset(ms: number): string {
  if (ms === 0) return 'exact';
  return `${ms > 0 ? '+' : '−'}${seconds(Math.abs(ms))}`;
}

/** A signed time for prompts: 1.4 s, −0.6 s. */
function signed(ms: number): string {
  return `${ms < 0 ? '−' : ''}${seconds(Math.abs(ms))}`;
}

/** How a leader stamped its write: 1.4 s (1 s + 0.4 s), or 1 s (an exact clock). */
function stampText(w: LwwSide): string {
  const sum =
    w.skew === 0
      ? 'an exact clock'
      : `${seconds(w.at)} ${w.skew > 0 ? '+' : '−'} ${seconds(Math.abs(w.skew))}`;
  return `${signed(w.at + w.skew)} (${sum})`;
}

/** A multiple of the grid in [-max, max]. */
function signedStep(rng: Prng, max: number): number {
  const steps = Math.floor(max / GRID_MS);
  return rng.int(-steps, steps) * GRID_MS;
}

/** What a read on `node` shows of the key, once everything has arrived. */
function shownOn(sim: Simulation, client: string, node: string): string[] {
  const op = runOp(sim, { type: 'read', client, key: KEY, from: node });
  return (multiLeaderReadValues(sim, op.id) ?? []).map(String);
}

export const lwwSkew = defineTemplate({
  id: 'lww-skew',
  kind: 'scenario',
  summary: 'which of two conflicting writes last write wins keeps when leader clocks are off',
  params: strictMap({
    lag: msRange(500, 10_000, { min: 1000, max: 3000 }),
    skew: msRange(100, 60_000, { min: 500, max: 3000 }),
  }),
  generate(p, seed) {
    const rng = new Prng(seed);
    const lag = sampleStep(rng, p.lag, GRID_MS);
    const maxSkew = sampleStep(rng, p.skew, GRID_MS);
    // Concurrent: the second write comes before the first has crossed (at least 200 ms early).
    const gap = rng.int(1, Math.max(1, Math.floor((lag - 200) / GRID_MS))) * GRID_MS;
    let skews = [signedStep(rng, maxSkew), signedStep(rng, maxSkew)];
    // Equal stamps would fall to the tie-break by leader id: draw again.
    for (
      let i = 0;
      i < 20 && FIRST_WRITE_MS + skews[0]! === FIRST_WRITE_MS + gap + skews[1]!;
      i++
    ) {
      skews = [signedStep(rng, maxSkew), signedStep(rng, maxSkew)];
    }
    const [v1, v2] = pickOne(rng, VALUES);
    const euFirst = rng.next() < 0.5;
    const first: LwwSide = {
      leader: euFirst ? 'eu' : 'us',
      client: euFirst ? 'alice' : 'bob',
      value: v1!,
      at: FIRST_WRITE_MS,
      skew: skews[0]!,
    };
    const second: LwwSide = {
      leader: euFirst ? 'us' : 'eu',
      client: euFirst ? 'bob' : 'alice',
      value: v2!,
      at: FIRST_WRITE_MS + gap,
      skew: skews[1]!,
    };
    const bySide = (l: 'eu' | 'us') => (first.leader === l ? first : second);
    const cfg = defaultCluster(
      (['eu', 'us'] as const).map((id) => ({
        id,
        role: 'leader' as const,
        lag,
        clockSkew: bySide(id).skew,
      })),
      { topology: 'multi-leader', conflict: 'lww', replication: 'all-to-all' },
    );
    const sim = new Simulation(cfg, {
      seed,
      clients: [
        { id: 'alice', user: 'alice', policy: 'leader', home: 'eu' },
        { id: 'bob', user: 'bob', policy: 'leader', home: 'us' },
      ],
    });
    for (const w of [first, second]) {
      sim.runUntil(w.at);
      runOp(sim, { type: 'write', client: w.client, key: KEY, value: w.value });
    }
    sim.runUntil(second.at + lag + 500);
    const onEu = shownOn(sim, 'alice', 'eu');
    const onUs = shownOn(sim, 'bob', 'us');
    const kept =
      onEu.length === 1 && onUs.length === 1 && onEu[0] === onUs[0] ? onEu[0] : undefined;
    if (kept === undefined) {
      throw new Error(`lww-skew seed ${seed}: the leaders did not settle on one value`);
    }
    const winner = kept === first.value ? first : second;
    const loser = winner === first ? second : first;
    const right = `"${winner.value}" on both leaders`;
    const choices = shuffle(rng, [
      right,
      `"${loser.value}" on both leaders`,
      `Both values, side by side as siblings`,
      `Each leader keeps the write it took itself`,
    ]);
    const line = (w: LwwSide) =>
      `${w.leader}: clock ${offset(w.skew)}; ${w.client} writes ${KEY} = "${w.value}" there at t = ${seconds(w.at)} (real time)`;
    return {
      form: 'choice',
      prompt: `Leaders eu and us resolve conflicts by **last write wins**: each write is stamped with the clock of the leader that took it. Each leader's writes reach the other ${seconds(lag)} later. Once both writes have arrived everywhere, what do the leaders hold?`,
      facts: [line(first), line(second)],
      choices,
      correct: [choices.indexOf(right)],
      why:
        `${first.leader} stamped "${first.value}" ${stampText(first)}, ` +
        `${second.leader} stamped "${second.value}" ${stampText(second)}. ` +
        `Neither leader had seen the other's write, so they conflict, and both keep the higher stamp: "${winner.value}". ` +
        (winner === first
          ? `The later write, "${second.value}", is discarded although it was acknowledged: a clock decided, not the order of events.`
          : `Here the later write won, but "${first.value}" is discarded all the same: LWW keeps one of two concurrent writes.`),
      sim,
    };
  },
});
