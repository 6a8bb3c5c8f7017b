// Replication lag as monitoring endpoints report it, per node: LSN distances in entries and
// bytes (what to alert on), PostgreSQL's write/replay lag and replay age, MySQL's
// Seconds_Behind_Source, slot retention and disk use. Each time-based figure is computed the
// way its real system computes it, with the same blind spots: replay age grows on an idle
// leader, Seconds_Behind_Source reads 0 while the receiver is starved. None of them is "time
// until caught up". Reading only: computing it never changes the simulation.
import { bytesThrough, diskUsed, retainedBytes } from './leader/disk.js';
import { holdsSlot } from './leader/slots.js';
import type { Simulation } from './simulation.js';
import type { SimNode } from './state.js';
import type { NodeMetrics, NodeStatus } from './types.js';

export function nodeMetrics(
  sim: Simulation,
  n: SimNode,
  leader: SimNode | undefined,
  status: NodeStatus,
): NodeMetrics {
  const received = n.log.length;
  const applied = n.applied;
  const isLeader = leader === n || (leader === undefined && n.role === 'leader');
  // Positions are compared on the current leader's log, as pg_wal_lsn_diff compares LSNs.
  const ref = leader ?? n;
  const top = ref.log.length;
  const topBytes = bytesThrough(ref, top);
  const behind = (lsn: number) => Math.max(0, top - lsn);
  const behindBytes = (lsn: number) => Math.max(0, topBytes - bytesThrough(ref, lsn));
  const caughtUp = applied >= top;
  const newestReceived = n.log[received - 1];
  const newestApplied = n.log[applied - 1];
  const nextToApply = n.log[applied];
  let secondsBehind: number | null = null;
  // Not connected: no row in pg_stat_replication, no receiver thread in MySQL.
  const cannotConnect =
    status === 'down' || status === 'needs-resync' || status === 'copying' || !n.source?.up;
  if (!isLeader && n.role === 'follower') {
    if (!cannotConnect) {
      // MySQL subtracts the source's timestamp of the event the applier is working on from
      // the replica's clock; with the relay log drained there is no such event: 0.
      secondsBehind =
        nextToApply !== undefined ? Math.floor(Math.max(0, sim.now - nextToApply.at) / 1000) : 0;
    }
  }
  const slot = leader !== undefined && holdsSlot(sim, n, leader);
  return {
    receivedLsn: received,
    appliedLsn: applied,
    receivedBehindEntries: isLeader ? 0 : behind(received),
    receivedBehindBytes: isLeader ? 0 : behindBytes(received),
    appliedBehindEntries: isLeader ? 0 : behind(applied),
    appliedBehindBytes: isLeader ? 0 : behindBytes(applied),
    writeLag:
      isLeader || caughtUp || cannotConnect || newestReceived === undefined
        ? null
        : n.lastReceivedAt - newestReceived.at,
    replayLag:
      isLeader || caughtUp || cannotConnect || newestApplied === undefined
        ? null
        : n.lastAppliedAt - newestApplied.at,
    replayAge: isLeader || newestApplied === undefined ? null : sim.now - newestApplied.at,
    secondsBehind,
    slotRetainedBytes: slot && leader ? behindBytes(received) : null,
    retainedBytes: retainedBytes(sim, n),
    diskUsed: diskUsed(sim, n),
    disk: n.cfg.disk ?? null,
  };
}
