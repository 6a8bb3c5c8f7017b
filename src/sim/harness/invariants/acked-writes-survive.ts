// Synchronous replication with fencing and a quorum never loses an acknowledged write: every
// follower in the sync set holds a write before it is acknowledged, an election needs a
// majority (so it cannot be won by a node cut off with an old log, such as a restarted old
// leader that has not caught up), the newest log wins, and the old leader is shut off the
// moment a new one is promoted. Without the quorum, the fuzzer finds losses: a restarted old
// leader alone in a partition elects itself with what it has. Promised only while nothing
// weakens it: sync mode, fencing and quorum throughout, every follower in the sync set (no
// `sync` marks, no `syncStandbys` choice), no degrading to async after an ack timeout, no
// manual promote (an operator may promote a node that missed writes: the fuzzer finds that
// too), and no command that rewrites logs or brings in a node from a copy (wipe, restore,
// add-follower, resync).
import { checkInput, runChecker } from '../../check/index.js';
import type { Simulation } from '../../simulation.js';
import { capped, type Invariant } from './invariant.js';

/** Whether the run kept to sync mode, fencing and quorum, all followers synchronous, no degrading. */
function strictlySync(sim: Simulation): boolean {
  const c = sim.initialConfig;
  if (c.nodes.some((n) => n.sync === true)) return false;
  // Chosen standbys ({first}/{any}) are fewer than all followers: an election may pick another.
  if (c.syncStandbys !== undefined) return false;
  let { mode, ackTimeout, onTimeout } = c;
  let fencing = c.failover?.fencing ?? false;
  let quorum = c.failover?.quorum ?? false;
  const holds = () =>
    mode === 'sync' && fencing && quorum && !(ackTimeout !== undefined && onTimeout === 'degrade');
  if (!holds()) return false;
  for (const { cmd } of sim.inputs) {
    switch (cmd.type) {
      case 'wipe':
      case 'restore':
      case 'add-follower':
      case 'resync':
      case 'promote':
        return false;
      case 'set-node':
        if ('sync' in cmd.params) return false;
        break;
      case 'set-cluster': {
        const p = cmd.params;
        if (p.syncStandbys !== undefined) return false;
        mode = p.mode ?? mode;
        ackTimeout = p.ackTimeout ?? ackTimeout;
        onTimeout = p.onTimeout ?? onTimeout;
        fencing = p.fencing ?? fencing;
        quorum = p.quorum ?? quorum;
        if (!holds()) return false;
        break;
      }
    }
  }
  return true;
}

export const ackedWritesSurvive: Invariant = {
  name: 'acked-writes-survive',
  says: 'under sync replication with fencing and quorum, no acknowledged write is lost',
  when: 'end',
  applies: strictlySync,
  check: (sim: Simulation) =>
    capped(runChecker('lost-writes', checkInput(sim)).map((a) => a.message)),
};
