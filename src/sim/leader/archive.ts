// The continuous WAL archive: a copy of the leader's log kept outside the cluster (object
// storage), which no crash, wipe or partition touches. Every `every` ms the current leader,
// if it is up, ships whatever it has appended since the last shipment (PostgreSQL's
// archive_command with archive_timeout). What the leader appended after its last shipment
// and never got to a follower that is later promoted exists nowhere: a restore cannot bring
// it back. After a failover the archive follows the new leader's history (as a restore
// follows the latest timeline): entries of the old history past the fork are replaced.
import { CLS_TIMER, EV, type Ev } from '../events.js';
import type { Simulation } from '../simulation.js';
import { SimulationError } from '../simulation-error.js';
import type { Entry, SimNode } from '../state.js';
import type { ArchiveConfig, ArchiveSnapshot } from '../types.js';
import { currentLeader } from './queries.js';

export class WalArchive {
  /** Archived entries by LSN − 1; LSNs below `start` were never archived (undefined). */
  readonly entries: (Entry | undefined)[] = [];
  /** First LSN the archive holds: archiving switched on mid-run starts at the leader's end. */
  start = 1;
  config: ArchiveConfig | undefined;
  /** Token of the live tick chain; older ticks are ignored. */
  timer = 0;
  /** The last refusal noted (leader and LSN), so a refusal is recorded once. */
  refused: string | undefined;
  /** Followers taking recycled entries from the archive now (restore_command), by node idx. */
  readonly fetching = new Set<number>();

  /** The highest archived LSN (0: nothing yet). */
  get lsn(): number {
    return this.entries.length >= this.start ? this.entries.length : 0;
  }

  /** The archived entry at `lsn`, if the archive holds it. */
  at(lsn: number): Entry | undefined {
    return lsn >= this.start ? this.entries[lsn - 1] : undefined;
  }
}

function checkEvery(every: number): void {
  if (!(every > 0) || !Number.isFinite(every)) {
    throw new SimulationError(`archive: "every" must be a positive duration, got ${every} ms`);
  }
}

/** Starts archiving at cluster formation (the archive holds the log from LSN 1). */
export function startArchive(sim: Simulation, cfg: ArchiveConfig): void {
  checkEvery(cfg.every);
  sim.archive.config = { ...cfg };
  scheduleTick(sim);
}

/** `set archive`: switch on, re-time, or switch off (`false`). */
export function setArchive(sim: Simulation, cfg: ArchiveConfig | false): void {
  const a = sim.archive;
  sim.record({ t: sim.now, type: 'fault', fault: 'set', detail: `archive=${JSON.stringify(cfg)}` });
  if (cfg === false) {
    a.config = undefined;
    sim.cfg.archive = undefined;
    a.timer++;
    return;
  }
  checkEvery(cfg.every);
  sim.cfg.archive = { ...cfg };
  if (!a.config && a.entries.length === 0) {
    // Switched on mid-run: the archive begins with what the leader writes from now on.
    // A cluster with an archive is unsharded (shards refuse one): its one group.
    const leader = currentLeader(sim.groups[0]!);
    a.start = (leader?.log.length ?? 0) + 1;
    a.entries.length = a.start - 1;
  }
  a.config = { ...cfg };
  scheduleTick(sim);
}

function scheduleTick(sim: Simulation): void {
  const a = sim.archive;
  if (!a.config) return;
  a.timer++;
  sim.schedule(sim.now + a.config.every, CLS_TIMER, EV.ARCHIVE_TICK, -1, -1, a.timer, 0);
}

export function onArchiveTick(sim: Simulation, ev: Ev): void {
  const a = sim.archive;
  if (ev.x !== a.timer || !a.config) return;
  shipToArchive(sim);
  scheduleTick(sim);
}

/** Ships the current leader's entries the archive does not hold yet. */
export function shipToArchive(sim: Simulation): void {
  const a = sim.archive;
  const leader = currentLeader(sim.groups[0]!);
  if (!leader?.up || leader.busy !== undefined || sim.isPaused(leader)) return;
  const log = leader.log;
  // Where the leader's history and the archive's part (entries are shared objects); LSNs
  // below `start` were never archived and do not count.
  let fork = Math.min(a.entries.length, log.length);
  while (fork >= a.start && a.entries[fork - 1] !== log[fork - 1]) fork--;
  fork = Math.max(fork, a.start - 1);
  if (log.length <= fork) return;
  // A newer timeline (a promotion) starts with an epoch above every archived one; anything
  // else is a different history at the same LSNs (a wiped leader writing from LSN 1 again):
  // the archive keeps what it has, as archive_command refuses to overwrite a segment. Said
  // once per leader and LSN.
  const newest = a.entries[a.entries.length - 1];
  if (a.entries.length > fork && newest && log[fork]!.epoch <= newest.epoch) {
    const why = `${leader.id}@${fork + 1}`;
    if (a.refused !== why) {
      a.refused = why;
      sim.record({
        t: sim.now,
        type: 'note',
        text: `the WAL archive refused ${leader.id}'s LSN ${fork + 1}: it already holds a different entry there`,
      });
    }
    return;
  }
  a.refused = undefined;
  a.entries.length = fork;
  for (let i = fork; i < log.length; i++) a.entries.push(log[i]);
}

/**
 * With an archive, a leader recycles no entry the archive does not hold yet (PostgreSQL keeps
 * a WAL segment until archive_command has copied it): the first LSN it must keep.
 */
export function keptForArchive(sim: Simulation): number {
  const a = sim.archive;
  // LSNs before `start` were written before archiving began: they are never waited for.
  return a.config ? Math.max(a.lsn, a.start - 1) + 1 : Number.POSITIVE_INFINITY;
}

/**
 * restore_command: a follower that needs entries `from`..`to` its leader has recycled takes
 * them from the archive instead, when the archive holds those very entries. True when it
 * can; the history notes when a follower starts doing so.
 */
export function fetchFromArchive(
  sim: Simulation,
  f: SimNode,
  leader: SimNode,
  from: number,
  to: number,
): boolean {
  const a = sim.archive;
  if (a.lsn === 0 || from < a.start || to > a.lsn) return false;
  if (a.at(from) !== leader.log[from - 1] || a.at(to) !== leader.log[to - 1]) return false;
  if (!a.fetching.has(f.idx)) {
    a.fetching.add(f.idx);
    sim.record({
      t: sim.now,
      type: 'note',
      text: `${f.id} fetches LSN ${from} onwards from the WAL archive: ${leader.id} has recycled it (restore_command)`,
    });
  }
  return true;
}

/** The follower receives from its leader's own log again: the archive fetch is over. */
export function streamingFromLeader(sim: Simulation, f: SimNode, leader: SimNode): void {
  const a = sim.archive;
  if (a.fetching.size === 0 || !a.fetching.delete(f.idx)) return;
  sim.record({
    t: sim.now,
    type: 'note',
    text: `${f.id} streams from ${leader.id}'s log again (the WAL archive filled the gap)`,
  });
}

export function archiveSnapshot(sim: Simulation): ArchiveSnapshot | undefined {
  const a = sim.archive;
  if (!a.config && a.entries.length === 0) return undefined;
  const last = a.at(a.lsn);
  return {
    every: a.config?.every ?? 0,
    lsn: a.lsn,
    ...(last && { writtenAt: last.at }),
  };
}
