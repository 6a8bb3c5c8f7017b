// A node's disk (`disk: 500GB`): its data plus the log it keeps. A leader whose disk would
// overflow refuses writes with `disk-full`, as PostgreSQL stops when pg_wal fills the disk.
import type { Simulation } from '../simulation.js';
import type { SimNode } from '../state.js';
import { firstRetained } from './queries.js';

/** Bytes of the log up to and including `lsn` in `n`'s log (0 for LSN 0). */
export function bytesThrough(n: SimNode, lsn: number): number {
  const e = n.log[Math.min(lsn, n.log.length) - 1];
  return e ? e.bytesBefore + e.size : 0;
}

/**
 * Bytes of log a node keeps: a leader, its entries from the first retained LSN on; a
 * follower, what it received and has not applied yet.
 */
export function retainedBytes(sim: Simulation, n: SimNode): number {
  const end = bytesThrough(n, n.log.length);
  if (n.role === 'leader') return end - bytesThrough(n, firstRetained(sim, n) - 1);
  return end - bytesThrough(n, n.applied);
}

/**
 * Bytes on a node's disk: the initial data set, every applied entry (the simulator never
 * frees the space of an overwritten value) and the log it keeps.
 */
export function diskUsed(sim: Simulation, n: SimNode): number {
  return sim.cfg.dataSize + bytesThrough(n, n.applied) + retainedBytes(sim, n);
}

/** Whether a write of `size` bytes would overflow the leader's disk (data + its log entry). */
export function diskFull(sim: Simulation, n: SimNode, size: number): boolean {
  const disk = n.cfg.disk;
  // The new entry is both data and log until some slot no longer needs it.
  return disk !== undefined && diskUsed(sim, n) + 2 * size > disk;
}
