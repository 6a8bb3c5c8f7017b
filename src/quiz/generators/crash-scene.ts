// An async cluster taking a steady stream of writes whose leader crashes between two writes.
// Followers receive with different lags and some apply later still (a replay delay), so
// "received" and "applied" differ: what a promoted follower keeps is what it received.

import type { FailoverConfig, Prng } from '../../sim/index.js';
import { Simulation } from '../../sim/index.js';
import {
  ASK_OFFSET_MS,
  appliedLsns,
  backgroundWrites,
  GRID_MS,
  leaderCluster,
  receivedLsns,
  replicaIds,
} from './cluster.js';
import { distinctSteps, type Range, sample, sampleStep } from './params.js';

export interface CrashParams {
  replicas: Range;
  lag: Range;
  replay: Range;
}

export interface CrashScene {
  sim: Simulation;
  replicas: string[];
  crashAt: number;
  /** The leader's last LSN: every write up to it was acknowledged. */
  leaderLsn: number;
  received: Map<string, number>;
  applied: Map<string, number>;
}

export const FAILOVER: FailoverConfig = {
  auto: true,
  heartbeat: 1000,
  timeout: 5000,
  fencing: false,
  quorum: false,
};

export function crashScene(
  rng: Prng,
  p: CrashParams,
  seed: number,
  failover?: FailoverConfig,
): CrashScene {
  const count = Math.max(2, sample(rng, p.replicas));
  const lags = distinctSteps(rng, p.lag, GRID_MS, count);
  const replicas = replicaIds(lags.length);
  const cfg = leaderCluster(
    replicas.map((id, i) => ({
      id,
      lag: lags[i]!,
      // Half the followers apply later than they receive.
      replay: rng.next() < 0.5 ? sampleStep(rng, p.replay, GRID_MS) : 0,
    })),
    failover ? { failover } : {},
  );
  const sim = new Simulation(cfg, { seed });
  const maxLag = Math.max(...lags);
  const gap = sampleStep(rng, { min: 100, max: 300 }, GRID_MS);
  const crashAt =
    sampleStep(rng, { min: maxLag + 500, max: maxLag + 2500 }, GRID_MS) + ASK_OFFSET_MS;
  backgroundWrites(sim, {
    from: GRID_MS,
    to: crashAt,
    gap,
    client: 'app',
    key: (n) => `order-${n}`,
  });
  sim.runUntil(crashAt);
  const received = receivedLsns(sim);
  const applied = appliedLsns(sim);
  const leaderLsn = received.get('primary') ?? 0;
  sim.apply({ type: 'crash', node: 'primary' });
  return { sim, replicas, crashAt, leaderLsn, received, applied };
}

export function followerFacts(s: CrashScene): string[] {
  return [
    `primary (leader, now crashed): last LSN ${s.leaderLsn}, every write up to it acknowledged`,
    ...s.replicas.map(
      (r) => `${r}: received LSN ${s.received.get(r)}, applied LSN ${s.applied.get(r)}`,
    ),
  ];
}
