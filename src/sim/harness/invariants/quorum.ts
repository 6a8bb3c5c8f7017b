// The leaderless invariants (a leaderless case: generate-leaderless.ts):
// - quorum-reads-see-acked-writes: with w + r > n, no sloppy quorum, no partition, no wipe,
//   no quorum change and no two writes to a key overlapping, no quorum read misses a write
//   acknowledged before it began (the read and write quorums always share a replica);
// - siblings-keep-acked-writes: with `conflict: siblings` (and no wipe), no acknowledged
//   write is ever lost: every one, or a version that saw it, stays on some replica;
// - replicas-converge: once the network is whole, every node up and nothing given for 30 s,
//   with anti-entropy on, every live home replica holds the same versions of every key
//   (LWW: one winner everywhere; siblings: the same set).
import { checkInput, runChecker } from '../../check/index.js';
import type { Command } from '../../commands.js';
import type { Simulation } from '../../simulation.js';
import { anyInput, capped, type Invariant, quietAndWhole } from './invariant.js';

function leaderless(sim: Simulation): boolean {
  return sim.leaderless !== undefined;
}

const wipes = (cmd: Command) => cmd.type === 'wipe';

/** Whether two writes to one key were ever in flight at once (invoked before the other ended). */
function writesOverlap(sim: Simulation): boolean {
  const lastEnd = new Map<string, number>();
  for (const op of sim.ops) {
    if (op.kind !== 'write') continue;
    const end = lastEnd.get(op.key);
    // A write still pending (or whose client gave up) may yet land: it overlaps everything after.
    if (end !== undefined && end >= op.invokeSeq) return true;
    lastEnd.set(
      op.key,
      op.outcome === 'pending' || op.outcome === 'info'
        ? Number.POSITIVE_INFINITY
        : op.completeSeq!,
    );
  }
  return false;
}

export const quorumReadsSeeAckedWrites: Invariant = {
  name: 'quorum-reads-see-acked-writes',
  says: 'with w + r > n and no sloppy quorum, partition or overlapping writes, no quorum read is stale',
  when: 'always',
  applies: (sim) => {
    const ll = sim.leaderless;
    if (!ll) return false;
    const q = ll.quorum;
    if (q.w + q.r <= q.n || q.sloppy) return false;
    return (
      !anyInput(
        sim,
        (c) =>
          c.type === 'partition' ||
          c.type === 'wipe' ||
          c.type === 'set-cluster' ||
          (c.type === 'read' && c.from !== 'route'),
      ) && !writesOverlap(sim)
    );
  },
  check: (sim) => capped(runChecker('stale-read', checkInput(sim)).map((a) => a.message)),
};

export const siblingsKeepAckedWrites: Invariant = {
  name: 'siblings-keep-acked-writes',
  says: 'with siblings, no acknowledged write is ever lost',
  when: 'always',
  applies: (sim) => sim.leaderless?.conflict === 'siblings' && !anyInput(sim, wipes),
  check: (sim) => capped(runChecker('lost-writes', checkInput(sim)).map((a) => a.message)),
};

export const replicasConverge: Invariant = {
  name: 'replicas-converge',
  says: 'a quiet, whole leaderless cluster with anti-entropy ends with every home replica alike',
  when: 'end',
  applies: (sim) =>
    leaderless(sim) && sim.leaderless!.quorum.antiEntropy !== undefined && quietAndWhole(sim),
  check: (sim) => capped(runChecker('divergence', checkInput(sim)).map((a) => a.message)),
};
