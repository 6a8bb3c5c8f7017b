// A read-only picture of the cluster at the current virtual time, for the UI and for
// `expect` checks. Computing it never changes the simulation.

import { EV } from './events.js';
import { nodeMetrics } from './lag-metrics.js';
import { archiveSnapshot } from './leader/archive.js';
import { busyProgress } from './leader/backup.js';
import { bytesThrough } from './leader/disk.js';
import { chainLeader, currentLeader } from './leader/queries.js';
import { leaderlessSnapshot } from './leaderless/snapshot.js';
import { multiLeaderSnapshot, multiLeaderStatus } from './multi-leader/snapshot.js';
import { recentNewestFirst } from './node-data.js';
import type { Simulation } from './simulation.js';
import type { SimNode } from './state.js';
import type {
  ClusterSnapshot,
  InFlightMessage,
  NewestLag,
  NodeSnapshot,
  NodeStatus,
} from './types.js';

export function nodeStatus(sim: Simulation, n: SimNode): NodeStatus {
  if (!n.up) return 'down';
  if (n.fenced) return 'fenced';
  if (sim.isPaused(n)) return 'paused';
  // A leaderless replica has no role, stream or leader to be behind.
  if (sim.leaderless) return 'up';
  // A multi-leader node has no single leader to be behind.
  if (sim.multiLeader) return multiLeaderStatus(sim, sim.multiLeader, n.idx);
  if (n.busy === 'restoring') return 'restoring';
  if (n.busy === 'copying') return 'copying';
  if (n.role === 'leader') return 'leading';
  if (n.needsResync) return 'needs-resync';
  if (n.versionRefused) return 'version-mismatch';
  const src = n.source;
  if (!src?.up || !sim.reachable(src, n) || (src.role === 'follower' && !chainLeader(sim, src))) {
    return 'disconnected';
  }
  if (n.stalled) return 'disconnected';
  return n.caughtUpOnce ? 'streaming' : 'catching-up';
}

/**
 * Behind the newest LSN any node's log holds, for when no leader is up: a delayed replica
 * whose source is gone still has entries to apply, though the lag against a wiped leader's
 * empty log reads 0. A tie keeps the node's own log.
 */
function lagToNewest(sim: Simulation, n: SimNode): NewestLag {
  let ref = n;
  for (const m of sim.nodes) if (m.log.length > ref.log.length) ref = m;
  const top = ref.log.length;
  const applied = Math.min(n.applied, top);
  const oldestMissing = ref.log[applied];
  return {
    newestLsn: top,
    receivedEntries: Math.max(0, top - n.log.length),
    appliedEntries: top - applied,
    appliedBytes: bytesThrough(ref, top) - bytesThrough(ref, applied),
    appliedMs: oldestMissing ? sim.now - oldestMissing.at : 0,
  };
}

export function nodeSnapshot(
  sim: Simulation,
  n: SimNode,
  leader: SimNode | undefined,
): NodeSnapshot {
  const top = leader ? leader.log.length : n.log.length;
  let lagEntries = 0;
  let lagBytes = 0;
  let lagMs = 0;
  if (leader && n !== leader && n.applied < top) {
    lagEntries = top - n.applied;
    const first = leader.log[n.applied]!;
    const last = leader.log[top - 1]!;
    lagBytes = last.bytesBefore + last.size - first.bytesBefore;
    lagMs = sim.now - first.at;
  }
  const data: Record<string, NodeSnapshot['data'][string]> = {};
  for (const [k, v] of n.data) data[k] = v.value;
  const progress = n.busy === undefined ? undefined : busyProgress(sim, n);
  const status = nodeStatus(sim, n);
  return {
    id: n.id,
    role: n.role,
    region: n.cfg.region,
    epoch: n.epoch,
    status,
    receivedLsn: n.log.length,
    appliedLsn: n.applied,
    lagEntries,
    lagBytes,
    lagMs,
    upstream: n.role === 'follower' ? n.source?.id : undefined,
    recentKeys: recentNewestFirst(n),
    data,
    ...(progress && { progress }),
    metrics: nodeMetrics(sim, n, leader, status),
    ...(!leader?.up && { lagToNewest: lagToNewest(sim, n) }),
  };
}

const MAX_IN_FLIGHT = 200;

export function snapshotCluster(sim: Simulation): ClusterSnapshot {
  if (sim.leaderless) return leaderlessSnapshot(sim, sim.leaderless);
  if (sim.multiLeader) return multiLeaderSnapshot(sim, sim.multiLeader);
  const leader = currentLeader(sim);
  const inFlight: InFlightMessage[] = [];
  for (const ev of sim.queue.items()) {
    if (ev.k === EV.DELIVER) {
      const to = sim.nodes[ev.n]!;
      const from = sim.nodes[ev.m]!;
      // Entries that will be dropped on arrival are not on their way: a stream since
      // restarted or moved to another source, or a sender that crashed (or restarted) since.
      if (ev.g !== to.linkGen || to.source !== from) continue;
      if (!from.up || from.inc !== ev.x) continue;
      inFlight.push({
        from: from.id,
        to: to.id,
        kind: 'entry',
        lsn: ev.e!.lsn,
        sentAt: ev.y,
        arrivesAt: ev.t,
      });
    } else if (ev.k === EV.ACK) {
      inFlight.push({
        from: sim.nodes[ev.m]!.id,
        to: sim.nodes[ev.n]!.id,
        kind: 'ack',
        lsn: ev.x,
        sentAt: ev.y,
        arrivesAt: ev.t,
      });
    }
  }
  // The earliest arrivals first; a picture needs no more than a few hundred of them.
  inFlight.sort(
    (a, b) =>
      a.arrivesAt - b.arrivesAt ||
      (a.lsn ?? 0) - (b.lsn ?? 0) ||
      (a.to < b.to ? -1 : a.to > b.to ? 1 : 0) ||
      (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
      (a.from < b.from ? -1 : a.from > b.from ? 1 : 0),
  );
  if (inFlight.length > MAX_IN_FLIGHT) inFlight.length = MAX_IN_FLIGHT;
  const archive = archiveSnapshot(sim);
  return {
    t: sim.now,
    epoch: sim.maxEpoch,
    leader: leader?.id,
    mode: sim.cfg.mode,
    nodes: sim.nodes.map((n) => nodeSnapshot(sim, n, leader)),
    inFlight,
    partition: sim.net.current(),
    ...(archive && { archive }),
  };
}
