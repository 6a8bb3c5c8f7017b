// Lag over time for the lag chart. The simulator reports lag now; the player samples it
// every time the picture changes and keeps the recent samples. Pure: each call returns a new
// value, so stepping back only has to drop the samples from after the new time.
import type { ClusterSnapshot, Ms, NodeId } from '../../sim/index.js';
import type { LagSeries } from './lag-chart.js';
import type { Sample } from './sparkline.js';

export const MAX_LAG_SAMPLES = 120;

export interface LagSample {
  t: Ms;
  /** Lag in ms per node; null when the node was down or fenced (nothing to report). */
  lag: ReadonlyMap<NodeId, number | null>;
  leader?: NodeId;
}

export type LagSamples = readonly LagSample[];

export const NO_SAMPLES: LagSamples = [];

function sampleOf(s: ClusterSnapshot): LagSample {
  const lag = new Map<NodeId, number | null>();
  // A leaderless cluster has no log to be behind: its cards show versions instead.
  if (s.leaderless || s.multiLeader) return { t: s.t, lag };
  for (const n of s.nodes) {
    // With no leader up, lag is measured against the newest log a node holds (as the cards).
    const ms = n.lagToNewest?.appliedMs ?? n.lagMs;
    lag.set(n.id, n.status === 'down' || n.status === 'fenced' ? null : ms);
  }
  return { t: s.t, lag, leader: s.leader };
}

/**
 * Adds the snapshot's lag. A snapshot at the time of the last sample replaces it; one from
 * before it (after a rewind) first drops the samples it comes before.
 */
export function addSample(
  samples: LagSamples,
  snapshot: ClusterSnapshot,
  max: number = MAX_LAG_SAMPLES,
): LagSamples {
  const kept = samples.filter((x) => x.t < snapshot.t);
  kept.push(sampleOf(snapshot));
  return kept.length > max ? kept.slice(kept.length - max) : kept;
}

/** Samples up to time `t` (after a rewind to `t`). */
export function samplesUntil(samples: LagSamples, t: Ms): LagSamples {
  return samples.every((x) => x.t <= t) ? samples : samples.filter((x) => x.t <= t);
}

/** One series per node that is not the leader now, oldest sample first. */
export function lagSeries(samples: LagSamples): LagSeries[] {
  const last = samples[samples.length - 1];
  if (!last) return [];
  const nodes = [...last.lag.keys()].filter((id) => id !== last.leader);
  return nodes.map((node) => ({
    node,
    samples: samples.map((x): Sample => (x.leader === node ? 0 : (x.lag.get(node) ?? null))),
  }));
}

/** Virtual time the samples cover. */
export function sampleSpan(samples: LagSamples): Ms {
  const first = samples[0];
  const last = samples[samples.length - 1];
  return first && last ? last.t - first.t : 0;
}
