// Bounded staleness: a read may miss only what the leader accepted in the last maxLagMs.
import type { OpRecord, Simulation } from '../../sim/index.js';
import type { Challenge, ChallengeViolation } from '../challenge.js';
import { challengeInfo } from '../challenge-info.js';
import type { NodeInfo, ReadRequest, Sessions } from '../policy-types.js';
import { ROUTER_TYPES, starterHeader } from '../starter-text.js';
import { healthyFollowers, roundRobin, routerCheck } from './router-parts.js';
import { secs } from './time-text.js';

const MAX_LAG_MS = 500;

const STARTER = `${starterHeader('bounded-staleness-router', 'a router with a maximum lag', [
  'Write the read router of a leader with followers. Reads should go to followers, but no',
  'read may be more than read.maxLagMs (500 ms) stale: when no follower is fresh enough,',
  'fall back to the leader.',
])}

${ROUTER_TYPES}

/**
 * Chooses the node a read goes to.
 *
 * Promise to keep: a read that starts at time t sees every write the leader accepted
 * before t - read.maxLagMs.
 * And, as every router: while the leader is ok, never send a read to a node whose
 * health is not 'ok'.
 *
 * @param {ReadRequest} read
 * @param {readonly NodeInfo[]} nodes   every node, leader included
 * @param {Sessions} session            this device's and this user's state, kept for you
 * @returns {string}                    the id of the node to read from
 */
export function route(read, nodes, session) {
  // The least-lagging healthy follower; the leader only when no follower is up.
  const followers = nodes.filter((n) => n.role === 'follower' && n.health === 'ok');
  if (followers.length === 0) return read.leader;
  followers.sort((x, y) => x.lagEntries - y.lagEntries);
  return followers[0].id;
}
`;

/** Reads that missed a write the leader had accepted more than maxLag before they began. */
function staleReads(sim: Simulation, maxLag: number): ChallengeViolation[] {
  const writes: OpRecord[] = [];
  const reads: OpRecord[] = [];
  for (const op of sim.ops) {
    if (op.kind === 'write' && op.acceptedAt !== undefined && op.lsn !== undefined) writes.push(op);
    else if (op.kind === 'read' && op.outcome === 'ok' && op.lsn !== undefined) reads.push(op);
  }
  writes.sort((a, b) => a.acceptedAt! - b.acceptedAt!);
  reads.sort((a, b) => a.invokedAt - b.invokedAt);
  const out: ChallengeViolation[] = [];
  let i = 0;
  let newest: OpRecord | undefined;
  for (const r of reads) {
    const bound = r.invokedAt - maxLag;
    while (i < writes.length && writes[i]!.acceptedAt! < bound) {
      const w = writes[i++]!;
      if (!newest || w.lsn! > newest.lsn!) newest = w;
    }
    if (!newest || r.lsn! >= newest.lsn!) continue;
    out.push({
      message: `${r.client} read "${r.key}" from ${r.node} at ${secs(r.invokedAt)}, which had applied only LSN ${r.lsn}; LSN ${newest.lsn} was accepted at ${secs(newest.acceptedAt!)}, ${r.invokedAt - newest.acceptedAt!} ms earlier (at most ${maxLag} ms allowed)`,
      t: r.invokedAt,
      op: r.id,
      related: [newest.id],
    });
  }
  return out;
}

export const boundedStalenessRouter: Challenge = {
  ...challengeInfo('bounded-staleness-router'),
  profile: 'routing',
  maxLagMs: MAX_LAG_MS,
  check: routerCheck(({ sim }) => staleReads(sim, MAX_LAG_MS)),
  starter: STARTER,
  reference: {
    route(read: ReadRequest, nodes: readonly NodeInfo[], session: Sessions) {
      const max = read.maxLagMs ?? MAX_LAG_MS;
      return roundRobin(
        read,
        healthyFollowers(nodes).filter((n) => n.lagMs <= max),
        session,
      );
    },
  },
};
