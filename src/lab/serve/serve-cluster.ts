// The cluster `serve` runs, from its arguments: a preset (default three-node-async) or a
// lesson's cluster, or `--replicas N` for a primary and N replicas; `--delay` sets the
// replicas' lag (one value for all, or a list, one per replica in order) and `--mode` the
// acknowledgement mode.
import { parseDuration, UnitError } from '../../lesson/format/units.js';
import type { AckMode } from '../../sim/index.js';
import type { LabOrigin } from '../lab-origin.js';

export interface ServeClusterOptions {
  /** Replicas for a cluster of `primary` + `replica-1`… (instead of a preset or lesson). */
  replicas?: number;
  /** Lag per replica, in ms: one value for every replica, or one per replica. */
  delays?: number[];
  mode?: AckMode;
}

/** Flags that do not fit the cluster, in one line. */
export class ServeClusterError extends Error {
  override name = 'ServeClusterError';
}

export const DEFAULT_REPLICA_DELAY = 2000;

/** `--delay 5s` or `--delay 1s,5s` → ms. */
export function parseDelays(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  try {
    return parts.map((p) => parseDuration(p));
  } catch (err) {
    if (err instanceof UnitError) {
      throw new ServeClusterError(`--delay: ${err.message} (one duration, or a list like 1s,5s)`);
    }
    throw err;
  }
}

/** `--replicas 3` → 3. */
export function parseReplicas(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 20) {
    throw new ServeClusterError(
      `--replicas: expected a whole number from 1 to 20, found "${text}"`,
    );
  }
  return Number(text);
}

/**
 * The cluster `serve` runs: `base` (a preset or a lesson's cluster) with the flags applied.
 * `--replicas` builds primary + N replicas instead, so it cannot go with a named cluster.
 */
export function serveOrigin(base: LabOrigin, opts: ServeClusterOptions, named = false): LabOrigin {
  if (opts.replicas !== undefined && named) {
    throw new ServeClusterError(
      '--replicas builds its own cluster; leave out the preset or lesson',
    );
  }
  const origin = base;
  const cluster = origin.lesson.cluster;
  if (cluster.topology === 'leaderless' && opts.replicas === undefined) {
    // The HTTP API speaks to a leader and its replicas (a write on a replica is a 421).
    throw new ServeClusterError(
      'serve runs leader-based clusters; a leaderless one (such as dynamo-style) runs in the sandbox',
    );
  }
  if (cluster.topology === 'multi-leader' && opts.replicas === undefined) {
    throw new ServeClusterError(
      'serve runs leader-based clusters; a multi-leader one (such as multi-leader) runs in the sandbox',
    );
  }
  let nodes = cluster.nodes.map((n) => ({ ...n }));
  if (opts.replicas !== undefined) {
    const lags = opts.delays ?? [DEFAULT_REPLICA_DELAY];
    nodes = [
      { id: 'primary', role: 'leader' },
      ...Array.from({ length: opts.replicas }, (_, i) => ({
        id: `replica-${i + 1}`,
        role: 'follower' as const,
        lag: lags.length === 1 ? lags[0] : lags[i],
      })),
    ];
  }
  const followers = nodes.filter((n) => n.role === 'follower');
  const delays = opts.delays;
  if (delays !== undefined) {
    if (delays.length !== 1 && delays.length !== followers.length) {
      throw new ServeClusterError(
        `--delay: ${delays.length} values for ${followers.length} replica${followers.length === 1 ? '' : 's'} (${followers.map((f) => f.id).join(', ')}); give one value, or one per replica`,
      );
    }
    followers.forEach((f, i) => {
      f.lag = delays.length === 1 ? delays[0] : delays[i];
    });
  }
  return {
    ...origin,
    lesson: {
      ...origin.lesson,
      cluster: { ...cluster, nodes, ...(opts.mode === undefined ? {} : { mode: opts.mode }) },
    },
  };
}
