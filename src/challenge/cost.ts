// What a passing policy costs, summed over every graded case: the share of routed reads
// that went to the leader (the load followers were meant to take), the p99 latency of the
// reads that succeeded, and for failover how many entries promotions lost.
import type { PolicyRun } from './policy-run.js';

export interface Cost {
  routedReads: number;
  leaderReads: number;
  /** Count of ok reads per latency in whole ms (index = ms; the last slot holds the rest). */
  latency: number[];
  elections: number;
  promotions: number;
  lostEntries: number;
}

const MAX_MS = 10_000;

export function emptyCost(): Cost {
  return {
    routedReads: 0,
    leaderReads: 0,
    latency: [],
    elections: 0,
    promotions: 0,
    lostEntries: 0,
  };
}

export function addRun(cost: Cost, run: PolicyRun): void {
  cost.routedReads += run.routedReads;
  cost.leaderReads += run.leaderReads;
  for (const op of run.sim.ops) {
    if (op.kind !== 'read' || op.outcome !== 'ok' || op.completedAt === undefined) continue;
    const ms = Math.min(MAX_MS, Math.round(op.completedAt - op.invokedAt));
    cost.latency[ms] = (cost.latency[ms] ?? 0) + 1;
  }
  for (const e of run.elections) {
    cost.elections++;
    const chosen = e.nodes.find((n) => n.id === e.chosen);
    if (!chosen) continue;
    cost.promotions++;
    cost.lostEntries += Math.max(0, e.knownLsn - chosen.receivedLsn);
  }
}

/** The latency below which `q` (0..1) of the ok reads fall, in ms (0 without reads). */
export function percentile(cost: Cost, q: number): number {
  let total = 0;
  for (const n of cost.latency) total += n ?? 0;
  if (total === 0) return 0;
  const want = Math.ceil(total * q);
  let seen = 0;
  for (let ms = 0; ms < cost.latency.length; ms++) {
    seen += cost.latency[ms] ?? 0;
    if (seen >= want) return ms;
  }
  return cost.latency.length - 1;
}

/** The figures a report shows. */
export interface CostSummary {
  routedReads: number;
  /** Share of routed reads sent to the leader, 0..1. */
  leaderShare: number;
  p99Ms: number;
  elections: number;
  promotions: number;
  lostEntries: number;
}

export function summarize(cost: Cost): CostSummary {
  return {
    routedReads: cost.routedReads,
    leaderShare: cost.routedReads === 0 ? 0 : cost.leaderReads / cost.routedReads,
    p99Ms: percentile(cost, 0.99),
    elections: cost.elections,
    promotions: cost.promotions,
    lostEntries: cost.lostEntries,
  };
}
