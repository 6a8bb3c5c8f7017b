// A question and its answer on one log, read from replicas with different lag, shared by the
// consistent-prefix templates. Mr. Poons writes a question; Mrs. Cake reads it on the leader
// and answers; you read the answer from a fast replica. When the question is asked, the
// replicas fall in three groups by lag: some have the answer too, some only the question,
// some neither. The timing is built so that all three exist (given three distinct lags).

import type { OpRecord } from '../../sim/index.js';
import { Prng, Simulation } from '../../sim/index.js';
import {
  ASK_OFFSET_MS,
  appliedLsns,
  backgroundWrites,
  GRID_MS,
  leaderCluster,
  replicaIds,
  runOp,
} from './cluster.js';
import type { LagParams } from './lag-scenes.js';
import { distinctSteps, sample, sampleStep } from './params.js';

export interface PrefixScene {
  sim: Simulation;
  replicas: string[];
  /** Applied LSN of every node when the question is asked. */
  applied: Map<string, number>;
  leaderLsn: number;
  /** Mr. Poons' question and Mrs. Cake's answer, as written. */
  question: OpRecord;
  answer: OpRecord;
  /** Your read of the answer, from `firstNode`. */
  firstRead: OpRecord;
  firstNode: string;
}

export const QUESTION_KEY = 'question';
export const ANSWER_KEY = 'answer';

/** A grid step in [lo, hi), or lo when the interval holds no further step. */
function stepIn(rng: Prng, lo: number, hi: number): number {
  const steps = Math.max(1, Math.floor((hi - lo) / GRID_MS));
  return lo + rng.int(0, steps - 1) * GRID_MS;
}

export function prefixScene(p: LagParams, seed: number): PrefixScene {
  const rng = new Prng(seed);
  const count = Math.max(3, sample(rng, p.replicas));
  const lags = distinctSteps(rng, p.lag, GRID_MS, count).sort((a, b) => a - b);
  // Replicas are listed in a seeded order, so the fast one is not always replica-1.
  const replicas = replicaIds(lags.length);
  const order = [...lags];
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const lagOf = new Map(replicas.map((id, i) => [id, order[i]!]));
  const cfg = leaderCluster(replicas.map((id) => ({ id, lag: lagOf.get(id)! })));
  const sim = new Simulation(cfg, {
    seed,
    clients: [
      { id: 'you', policy: 'leader' },
      { id: 'poons', policy: 'leader' },
      { id: 'cake', policy: 'leader' },
    ],
  });
  const n = lags.length;
  // Asked `sinceQuestion` ms after the question and `sinceAnswer` after the answer: replicas
  // with lag <= sinceQuestion have the question, those with lag <= sinceAnswer the answer.
  // The question reaches lags[0..k], the answer lags[0..j], j < k < n - 1 where possible.
  const k = n >= 3 ? rng.int(1, n - 2) : 0;
  const j = k >= 1 ? rng.int(0, k - 1) : 0;
  const sinceQuestion = stepIn(rng, lags[k]!, lags[k + 1] ?? lags[k]! + GRID_MS);
  const sinceAnswer = Math.min(
    stepIn(rng, lags[j]!, lags[j + 1] ?? lags[j]! + GRID_MS),
    sinceQuestion - GRID_MS,
  );
  const gap = sampleStep(rng, { min: 100, max: 400 }, GRID_MS);
  const questionAt = sampleStep(
    rng,
    { min: lags[n - 1]! + 300, max: lags[n - 1]! + 1500 },
    GRID_MS,
  );
  const answerAt = questionAt + (sinceQuestion - sinceAnswer);
  const askAt = questionAt + sinceQuestion + ASK_OFFSET_MS;
  const others = { gap, client: 'others', key: (i: number) => `post-${i}` };
  let next = backgroundWrites(sim, { ...others, from: GRID_MS, to: questionAt });
  sim.runUntil(questionAt);
  const question = runOp(sim, {
    type: 'write',
    client: 'poons',
    key: QUESTION_KEY,
    value: 'Will it rain on Saturday?',
  });
  next = backgroundWrites(sim, { ...others, from: sim.now, to: answerAt }, next);
  // Mrs. Cake reads the question on the leader just before answering: her answer depends on it.
  sim.runUntil(answerAt - ASK_OFFSET_MS);
  runOp(sim, { type: 'read', client: 'cake', key: QUESTION_KEY, from: 'primary' });
  sim.runUntil(answerAt);
  const answer = runOp(sim, {
    type: 'write',
    client: 'cake',
    key: ANSWER_KEY,
    value: 'Only at four o’clock.',
  });
  backgroundWrites(sim, { ...others, from: sim.now, to: askAt - ASK_OFFSET_MS + 1 }, next);
  sim.runUntil(askAt - 10);
  const fast = replicas.filter((r) => lagOf.get(r)! <= sinceAnswer);
  const firstNode = fast[rng.int(0, fast.length - 1)] ?? 'primary';
  const firstRead = runOp(sim, { type: 'read', client: 'you', key: ANSWER_KEY, from: firstNode });
  sim.runUntil(askAt);
  const applied = appliedLsns(sim);
  return {
    sim,
    replicas,
    applied,
    leaderLsn: applied.get('primary') ?? 0,
    question,
    answer,
    firstRead,
    firstNode,
  };
}
