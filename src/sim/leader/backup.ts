// Backups, restores and snapshot copies: the operations whose cost is proportional to the
// size of the data (a 300 GB restore takes hours, a 51 TB one about a day).
import { CLS_TIMER, EV, type Ev } from '../events.js';
import { clearData } from '../node-data.js';
import type { Simulation } from '../simulation.js';
import { SimulationError } from '../simulation-error.js';
import type { Backup, Entry, SimNode } from '../state.js';
import type { BusyProgress, RecoveryTarget } from '../types.js';
import { planReplay, type ReplayPlan, showTarget } from './point-in-time.js';
import { currentLeader, groupOf } from './queries.js';
import { applyEntry, catchUp, follow } from './replication.js';

/** Bytes of a node's data: the initial data set plus every applied entry. */
export function dataBytes(sim: Simulation, n: SimNode): number {
  const last = n.log[n.applied - 1];
  return sim.cfg.dataSize + (last ? last.bytesBefore + last.size : 0);
}

export function backupNode(sim: Simulation, n: SimNode, id: string, fails: boolean): Backup {
  // A backup of a down node fails too (nothing answers); either way the archive is empty.
  const ok = !fails && n.up;
  const b: Backup = {
    id,
    node: n.id,
    t: sim.now,
    ok,
    lsn: ok ? n.applied : 0,
    size: ok ? dataBytes(sim, n) : 0,
    log: ok ? n.log.slice(0, n.applied) : [],
    data: ok ? new Map(n.data) : new Map(),
    autoInc: ok ? new Map(n.autoInc) : new Map(),
  };
  sim.backups.push(b);
  sim.record({
    t: sim.now,
    type: 'fault',
    fault: 'backup',
    node: n.id,
    // A silent failure looks like success to whoever does not check: same message.
    detail: `backup "${id}" up to LSN ${n.applied}`,
  });
  return b;
}

export function findBackup(sim: Simulation, from: string): Backup {
  const b =
    from === 'latest-backup'
      ? sim.backups[sim.backups.length - 1]
      : sim.backups.findLast((x) => x.id === from);
  if (!b) {
    const ids = sim.backups.map((x) => x.id);
    throw new SimulationError(
      `no backup "${from}" (backups: ${ids.length ? ids.join(', ') : 'none'})`,
    );
  }
  return b;
}

interface BusyWork {
  kind: 'restore' | 'copy';
  backup?: Backup;
  source?: SimNode;
  snapshot?: Backup;
  /** Point-in-time restore: archived entries replayed after the base backup. */
  replay?: ReplayPlan;
  startedAt: number;
  /** When the base copy is in (replay, if any, runs from then to busyUntil). */
  copyUntil: number;
  copyBytes: number;
}
const work = new WeakMap<SimNode, BusyWork>();

/** The LSN a node being copied will start streaming after (its snapshot's), if copying. */
export function copySnapshotLsn(n: SimNode): number | undefined {
  const w = work.get(n);
  return n.busy === 'copying' && w?.kind === 'copy' ? w.snapshot?.lsn : undefined;
}

/**
 * Restores a backup onto a node at `rate` bytes per ms; the node is unavailable meanwhile.
 * With `until`, point-in-time recovery: the archived log written up to then is replayed after
 * the base backup, at `replayRate` (default `rate`).
 */
export function applyBackup(
  sim: Simulation,
  n: SimNode,
  from: string,
  rate: number,
  until?: RecoveryTarget,
  replayRate?: number,
): void {
  const b = findBackup(sim, from);
  const size = b.ok ? b.size : 0;
  const replay = until === undefined ? undefined : planReplay(sim, b, until);
  const copyMs = rate > 0 ? Math.ceil(size / rate) : 0;
  const replayBy = replayRate ?? rate;
  const replayMs = replay && replayBy > 0 ? Math.ceil(replay.bytes / replayBy) : 0;
  n.busy = 'restoring';
  n.busyUntil = sim.now + copyMs + replayMs;
  work.set(n, {
    kind: 'restore',
    backup: b,
    ...(replay && { replay }),
    startedAt: sim.now,
    copyUntil: sim.now + copyMs,
    copyBytes: size,
  });
  const then =
    replay && until !== undefined
      ? `, then the WAL archive until ${showTarget(until)}: ${replay.entries.length} entries (${replay.bytes} bytes)`
      : '';
  sim.record({
    t: sim.now,
    type: 'fault',
    fault: 'restore',
    node: n.id,
    detail: `from "${b.id}" (${size} bytes)${then}`,
  });
  sim.schedule(n.busyUntil, CLS_TIMER, EV.BUSY_DONE, n.idx, -1, 0, n.inc);
}

/** How far a node's restore or copy has got, while it runs. */
export function busyProgress(sim: Simulation, n: SimNode): BusyProgress | undefined {
  const w = work.get(n);
  if (!w || n.busy === undefined || !n.up) return undefined;
  const replayBytes = w.replay?.bytes ?? 0;
  const now = sim.now;
  let doneBytes: number;
  if (now < w.copyUntil) {
    doneBytes = (w.copyBytes * (now - w.startedAt)) / (w.copyUntil - w.startedAt);
  } else {
    const span = n.busyUntil - w.copyUntil;
    doneBytes = w.copyBytes + (span > 0 ? (replayBytes * (now - w.copyUntil)) / span : replayBytes);
  }
  const totalBytes = w.copyBytes + replayBytes;
  return {
    kind: w.kind,
    phase: now < w.copyUntil || !w.replay ? 'copy' : 'replay',
    doneBytes: Math.min(totalBytes, Math.floor(doneBytes)),
    totalBytes,
    startedAt: w.startedAt,
    endsAt: n.busyUntil,
    remainingMs: Math.max(0, n.busyUntil - now),
  };
}

/** New follower or full resync: snapshot the source now, copy it, then catch up from there. */
export function beginCopy(sim: Simulation, n: SimNode, source: SimNode, rate: number): void {
  const snapshot = backupNodeSilently(sim, source);
  n.busy = 'copying';
  n.busyUntil = sim.now + (rate > 0 ? Math.ceil(snapshot.size / rate) : 0);
  n.needsResync = false;
  n.source = source;
  n.caughtUpOnce = false;
  // A base backup taken for a follower creates its slot anew (pg_basebackup -C).
  n.slotDropped = false;
  n.linkGen++;
  work.set(n, {
    kind: 'copy',
    source,
    snapshot,
    startedAt: sim.now,
    copyUntil: n.busyUntil,
    copyBytes: snapshot.size,
  });
  sim.record({
    t: sim.now,
    type: 'fault',
    fault: 'copy',
    node: n.id,
    detail: `snapshot of ${source.id} at LSN ${snapshot.lsn} (${snapshot.size} bytes)`,
  });
  sim.schedule(n.busyUntil, CLS_TIMER, EV.BUSY_DONE, n.idx, -1, 0, n.inc);
}

/** Replays archived entries onto a restored base backup: the leader's values, as WAL does. */
function replayArchived(sim: Simulation, n: SimNode, entries: readonly Entry[]): void {
  for (const e of entries) {
    n.log.push(e);
    applyEntry(sim, n, e, true);
  }
}

function backupNodeSilently(sim: Simulation, n: SimNode): Backup {
  return {
    id: `snapshot-${n.id}`,
    node: n.id,
    t: sim.now,
    ok: true,
    lsn: n.applied,
    size: dataBytes(sim, n),
    log: n.log.slice(0, n.applied),
    data: new Map(n.data),
    autoInc: new Map(n.autoInc),
  };
}

export function finishBusy(sim: Simulation, ev: Ev): void {
  const n = sim.nodes[ev.n]!;
  const w = work.get(n);
  // A second restore or copy started meanwhile: only the timer of the latest one finishes it.
  if (!n.up || n.inc !== ev.g || !w || n.busy === undefined || sim.now < n.busyUntil) return;
  const b = w.kind === 'restore' ? w.backup! : w.snapshot!;
  clearData(n);
  n.log = b.log.slice();
  n.applied = n.log.length;
  n.data = new Map(b.data);
  n.autoInc = new Map(b.autoInc);
  if (w.replay) replayArchived(sim, n, w.replay.entries);
  n.busy = undefined;
  n.linkGen++;
  work.delete(n);
  sim.record({
    t: sim.now,
    type: 'fault',
    fault: w.kind === 'restore' ? 'restored' : 'copied',
    node: n.id,
    detail: !b.ok
      ? `backup "${b.id}" was empty: nothing restored`
      : w.replay
        ? `data up to LSN ${n.applied} (base backup to LSN ${b.lsn}, then the WAL archive: ${w.replay.stop})`
        : `data up to LSN ${b.lsn}`,
  });
  if (n.role === 'follower') {
    // A base backup: whatever the leader still keeps after it can be streamed again.
    n.needsResync = false;
    n.lastApplyAt = sim.now;
    // The leader may have changed during a long copy: follow it (truncating what it lacks).
    const leader = currentLeader(groupOf(sim, n));
    const src = n.source?.up ? n.source : leader;
    if (src?.up && src !== n) follow(sim, n, src);
    else {
      // Nobody to stream from (the leader is down too): the restored data waits as it is,
      // to be promoted or to follow once a leader is back; nothing is compared with a
      // leader that cannot answer.
      if (src && src !== n) n.source = src;
      catchUp(sim, n);
    }
  }
  // Its log was replaced, not appended to: whoever streams from it starts over from there.
  for (const f of sim.nodes) {
    if (f !== n && f.source === n && f.up && !f.needsResync && f.busy === undefined) {
      follow(sim, f, n);
    }
  }
}
