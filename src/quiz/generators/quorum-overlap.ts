// Scenario (numeric), quorum arithmetic for a leaderless store: n replicas, write quorum w,
// read quorum r. Reads are sure to overlap the latest write when w + r > n. Pure arithmetic
// (quorum-stale-read asks about a live leaderless cluster); the test checks every answer by
// enumerating quorums.
import { z } from 'zod';
import { strictMap } from '../../lesson/format/schema-parts.js';
import { Prng } from '../../sim/index.js';
import { intRange, pickOne, sample } from './params.js';
import { defineTemplate } from './template.js';

export const QUORUM_ASKS = [
  'read-quorum',
  'write-quorum',
  'write-failures',
  'both-failures',
] as const;
export type QuorumAsk = (typeof QUORUM_ASKS)[number];

export interface QuorumCase {
  ask: QuorumAsk;
  n: number;
  w: number;
  r: number;
  answer: number;
}

/** The numbers of one question, and its answer by the formula. */
export function quorumCase(
  rng: Prng,
  nRange: { min: number; max: number },
  asks: readonly QuorumAsk[],
): QuorumCase {
  const n = sample(rng, nRange);
  const ask = pickOne(rng, asks);
  const w = rng.int(1, n);
  // Overlapping quorums when both are given, so the numbers describe a sensible store.
  const r = ask === 'both-failures' ? rng.int(n - w + 1, n) : rng.int(1, n);
  switch (ask) {
    case 'read-quorum':
      return { ask, n, w, r, answer: n - w + 1 };
    case 'write-quorum':
      return { ask, n, w, r, answer: n - r + 1 };
    case 'write-failures':
      return { ask, n, w, r, answer: n - w };
    case 'both-failures':
      return { ask, n, w, r, answer: n - Math.max(w, r) };
  }
}

function prompt(c: QuorumCase): string {
  const store = `A leaderless store keeps **n = ${c.n}** replicas of every key`;
  switch (c.ask) {
    case 'read-quorum':
      return `${store} and a write succeeds once **w = ${c.w}** replicas acknowledge it. What is the smallest read quorum r that guarantees every read sees the latest successful write?`;
    case 'write-quorum':
      return `${store} and every read asks **r = ${c.r}** replicas. What is the smallest write quorum w that guarantees every read sees the latest successful write?`;
    case 'write-failures':
      return `${store} and a write succeeds once **w = ${c.w}** replicas acknowledge it. How many replicas can be unreachable while writes still succeed?`;
    case 'both-failures':
      return `${store}, with **w = ${c.w}** and **r = ${c.r}**. How many replicas can be unreachable while both reads and writes still succeed?`;
  }
}

function why(c: QuorumCase): string {
  switch (c.ask) {
    case 'read-quorum':
      return `Read and write sets must share a node: w + r > n, so r ≥ ${c.n} − ${c.w} + 1 = ${c.answer}.`;
    case 'write-quorum':
      return `Read and write sets must share a node: w + r > n, so w ≥ ${c.n} − ${c.r} + 1 = ${c.answer}.`;
    case 'write-failures':
      return `A write needs ${c.w} of ${c.n} replicas, so ${c.n} − ${c.w} = ${c.answer} may be unreachable.`;
    case 'both-failures':
      return `Both quorums must still be reachable, so the larger one decides: ${c.n} − max(${c.w}, ${c.r}) = ${c.answer}.`;
  }
}

export const quorumOverlap = defineTemplate({
  id: 'quorum-overlap',
  kind: 'scenario',
  summary: 'quorum arithmetic with n, w and r drawn per seed',
  params: strictMap({
    n: intRange(1, 15, { min: 3, max: 7 }),
    asks: z
      .array(z.enum(QUORUM_ASKS))
      .min(1)
      .default([...QUORUM_ASKS]),
  }),
  generate(p, seed) {
    const c = quorumCase(new Prng(seed), p.n, p.asks);
    return {
      form: 'numeric',
      prompt: prompt(c),
      facts: [],
      answer: c.answer,
      tolerance: 0,
      unit: c.ask.endsWith('failures') ? 'replicas' : undefined,
      why: why(c),
    };
  },
});
