// Point-in-time recovery, two ways. A restore with `until` copies a base backup and then
// replays the WAL archive's entries written up to that moment (PostgreSQL's
// recovery_target_time); a delayed replica promoted with `until` discards what it received
// after that moment and applies the rest. Both stop *before* a mistake, which plain
// replication copies to every replica within the lag.
import type { Simulation } from '../simulation.js';
import { SimulationError } from '../simulation-error.js';
import type { Backup, Entry, SimNode } from '../state.js';
import type { RecoveryTarget } from '../types.js';
import { truncateFrom } from './truncation.js';

/** A target as people read it: `latest`, or the virtual time (`1040m`, `9h`). */
export function showTarget(until: RecoveryTarget): string {
  if (until === 'latest') return 'latest';
  const ms = until;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** What a point-in-time restore will replay after the base backup, and why it stops. */
export interface ReplayPlan {
  entries: Entry[];
  bytes: number;
  /** Why the replay stops where it does, for the history. */
  stop: string;
}

/**
 * The archived entries that continue backup `b` up to `until`, fixed when the restore
 * starts (the cluster is usually down by then; the archive cannot grow meanwhile).
 */
export function planReplay(sim: Simulation, b: Backup, until: RecoveryTarget): ReplayPlan {
  if (!b.ok) return { entries: [], bytes: 0, stop: `backup "${b.id}" is empty` };
  if (until !== 'latest' && until < b.t) {
    throw new SimulationError(
      `cannot restore "${b.id}" until ${showTarget(until)}: the backup was taken later, at ${showTarget(b.t)}`,
    );
  }
  const a = sim.archive;
  if (!a.config && a.lsn === 0) {
    throw new SimulationError(
      'there is no WAL archive to replay (give the cluster archive: {every: 1m})',
    );
  }
  const entries: Entry[] = [];
  let bytes = 0;
  // The archive must continue the backup: the same entry at the backup's LSN, and no gap.
  if (
    b.lsn > 0 &&
    b.lsn >= a.start &&
    a.at(b.lsn) !== undefined &&
    a.at(b.lsn) !== b.log[b.lsn - 1]
  ) {
    return {
      entries,
      bytes,
      stop: `the archive's history parts from the backup's at LSN ${b.lsn}`,
    };
  }
  if (b.lsn + 1 < a.start) {
    return {
      entries,
      bytes,
      stop: `the archive starts at LSN ${a.start}, after the backup's ${b.lsn}`,
    };
  }
  let lsn = b.lsn + 1;
  for (; lsn <= a.lsn; lsn++) {
    const e = a.at(lsn)!;
    if (until !== 'latest' && e.at > until) break;
    entries.push(e);
    bytes += e.size;
  }
  const stop =
    lsn <= a.lsn
      ? `stopped before LSN ${lsn}, written after ${showTarget(until)}`
      : `the archive ends at LSN ${a.lsn}`;
  return { entries, bytes, stop };
}

/**
 * A delayed replica promoted to a point in time: it must not have applied anything written
 * after `until` (it cannot go back), and drops every received entry written after it.
 */
export function stopAtTarget(sim: Simulation, n: SimNode, until: number): void {
  const applied = n.log[n.applied - 1];
  if (applied && applied.at > until) {
    throw new SimulationError(
      `cannot promote "${n.id}" until ${showTarget(until)}: it has already applied LSN ${applied.lsn}, written at ${showTarget(applied.at)}`,
    );
  }
  let keep = n.applied;
  while (keep < n.log.length && n.log[keep]!.at <= until) keep++;
  if (keep < n.log.length) truncateFrom(sim, n, keep + 1, `written after ${showTarget(until)}`);
  sim.record({
    t: sim.now,
    type: 'fault',
    fault: 'recovery-target',
    node: n.id,
    detail: `applies the log up to ${showTarget(until)}: LSN ${keep}`,
  });
}
