// Two moments on an async cluster whose replicas lag by different amounts, shared by the
// scenario and routing templates about session guarantees:
// - ownWrite: you just wrote; some replicas have applied your write, some have not;
// - thread: you read a comment thread from one replica; a little later some replicas are
//   behind what you saw.
// Both retry with the next derived seed until the moment is instructive (some replica can
// serve, some cannot); the answer is read off the simulation either way.

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
import { distinctSteps, type Range, sample, sampleStep } from './params.js';

export interface LagParams {
  replicas: Range;
  lag: Range;
}

export interface LagScene {
  sim: Simulation;
  replicas: string[];
  lags: Map<string, number>;
  /** Applied LSN of every node when the question is asked. */
  applied: Map<string, number>;
  leaderLsn: number;
}

const ATTEMPTS = 25;

function build(rng: Prng, p: LagParams, seed: number) {
  const count = Math.max(2, sample(rng, p.replicas));
  const lagValues = distinctSteps(rng, p.lag, GRID_MS, count);
  const replicas = replicaIds(lagValues.length);
  const lags = new Map(replicas.map((id, i) => [id, lagValues[i]!]));
  const cfg = leaderCluster(replicas.map((id) => ({ id, lag: lags.get(id)! })));
  const sim = new Simulation(cfg, { seed, clients: [{ id: 'you', policy: 'leader' }] });
  return { sim, replicas, lags, gap: sampleStep(rng, { min: 100, max: 400 }, GRID_MS) };
}

function finish(base: ReturnType<typeof build>): LagScene {
  const applied = appliedLsns(base.sim);
  return { ...base, applied, leaderLsn: applied.get('primary') ?? 0 };
}

export interface OwnWriteScene extends LagScene {
  key: string;
  /** Your acknowledged write. */
  write: OpRecord;
}

/** You write, then ask while the write has reached some replicas and not others. */
export function ownWriteScene(p: LagParams, seed: number): OwnWriteScene {
  const rng = new Prng(seed);
  let scene: OwnWriteScene | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const base = build(rng, p, seed);
    const sorted = [...base.lags.values()].sort((a, b) => a - b);
    const maxLag = sorted[sorted.length - 1]!;
    const writeAt = sampleStep(rng, { min: maxLag + 300, max: maxLag + 1500 }, GRID_MS);
    // Ask between two neighbouring lags: the faster replica has the write, the slower not.
    const i = rng.int(0, sorted.length - 2);
    const steps = Math.max(1, (sorted[i + 1]! - sorted[i]!) / GRID_MS);
    const askAt = writeAt + sorted[i]! + rng.int(0, steps - 1) * GRID_MS + ASK_OFFSET_MS;
    const key = 'profile';
    const next = backgroundWrites(base.sim, {
      from: GRID_MS,
      to: writeAt,
      gap: base.gap,
      client: 'others',
      key: (n) => `post-${n}`,
    });
    base.sim.runUntil(writeAt);
    const write = runOp(base.sim, { type: 'write', client: 'you', key, value: 'new bio' });
    backgroundWrites(
      base.sim,
      { from: base.sim.now, to: askAt, gap: base.gap, client: 'others', key: (n) => `post-${n}` },
      next,
    );
    base.sim.runUntil(askAt);
    scene = { ...finish(base), key, write };
    const lsn = write.lsn ?? 0;
    const have = base.replicas.filter((r) => (scene?.applied.get(r) ?? 0) >= lsn);
    if (have.length > 0 && have.length < base.replicas.length) return scene;
  }
  return scene!;
}

export interface ThreadScene extends LagScene {
  key: string;
  /** Your first read, from `firstNode`. */
  firstRead: OpRecord;
  firstNode: string;
}

/** Everyone comments on one thread; you read it once, and are asked about the next read. */
export function threadScene(p: LagParams, seed: number): ThreadScene {
  const rng = new Prng(seed);
  let scene: ThreadScene | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const base = build(rng, p, seed);
    const sorted = [...base.lags.values()].sort((a, b) => a - b);
    const maxLag = sorted[sorted.length - 1]!;
    const firstAt = sampleStep(rng, { min: maxLag + 500, max: maxLag + 2000 }, GRID_MS);
    const askAt = firstAt + rng.int(1, 4) * GRID_MS;
    const key = 'thread';
    const stream = { gap: base.gap, client: 'others', key: () => key };
    const next = backgroundWrites(base.sim, { ...stream, from: GRID_MS, to: firstAt + 1 });
    base.sim.runUntil(firstAt + ASK_OFFSET_MS);
    // The first read goes to a replica that is not the slowest, so someone can be behind it.
    const byLag = [...base.replicas].sort((a, b) => base.lags.get(a)! - base.lags.get(b)!);
    const firstNode = byLag[rng.int(0, byLag.length - 2)]!;
    const firstRead = runOp(base.sim, { type: 'read', client: 'you', key, from: firstNode });
    backgroundWrites(base.sim, { ...stream, from: base.sim.now, to: askAt + 1 }, next);
    base.sim.runUntil(askAt + ASK_OFFSET_MS);
    scene = { ...finish(base), key, firstRead, firstNode };
    const seen = firstRead.versionLsn ?? 0;
    const fresh = base.replicas.filter((r) => (scene?.applied.get(r) ?? 0) >= seen);
    if (seen > 0 && fresh.length < base.replicas.length) return scene;
  }
  return scene!;
}
