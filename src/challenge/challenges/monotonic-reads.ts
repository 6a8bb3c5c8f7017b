// Monotonic reads: once a device has seen a version, it never sees an older one.
import { checkInput, runChecker } from '../../sim/index.js';
import type { Challenge } from '../challenge.js';
import { challengeInfo } from '../challenge-info.js';
import type { NodeInfo, ReadRequest, Sessions } from '../policy-types.js';
import { ROUTER_TYPES, starterHeader } from '../starter-text.js';
import { anomalyViolations, healthyFollowers, roundRobin, routerCheck } from './router-parts.js';

const STARTER = `${starterHeader('monotonic-reads', 'monotonic reads', [
  'Write the read router of a leader with followers. Reads may go to any follower (that is',
  'what followers are for), but a device must never see time go backwards: after it has',
  'read a version of a key, a later read must not return an older one.',
])}

${ROUTER_TYPES}

/**
 * Chooses the node a read goes to.
 *
 * Promise to keep: a read that starts after another read of the same device has finished
 * returns a version at least as new as that one did.
 * And, as every router: while the leader is ok, never send a read to a node whose
 * health is not 'ok'.
 *
 * @param {ReadRequest} read
 * @param {readonly NodeInfo[]} nodes   every node, leader included
 * @param {Sessions} session            this device's and this user's state, kept for you
 * @returns {string}                    the id of the node to read from
 */
export function route(read, nodes, session) {
  // Spread reads over the healthy followers, one after the other.
  const followers = nodes.filter((n) => n.role === 'follower' && n.health === 'ok');
  if (followers.length === 0) return read.leader;
  session.device.next = (session.device.next ?? 0) + 1;
  return followers[session.device.next % followers.length].id;
}

/**
 * Called when an operation of any client finishes (reads and writes, ok or not).
 *
 * @param {Outcome} outcome
 * @param {Sessions} session   the state of the device and user the operation belonged to
 */
export function observe(outcome, session) {}
`;

export const monotonicReads: Challenge = {
  ...challengeInfo('monotonic-reads'),
  profile: 'routing',
  check: routerCheck(({ sim }) =>
    anomalyViolations(sim, runChecker('monotonic-reads', checkInput(sim))),
  ),
  starter: STARTER,
  reference: {
    route(read: ReadRequest, nodes: readonly NodeInfo[], session: Sessions) {
      const seen = Number(session.device.seen ?? 0);
      const ok = healthyFollowers(nodes).filter((n) => n.appliedLsn >= seen);
      return roundRobin(read, ok, session);
    },
    observe(o, session) {
      if (o.kind === 'read' && o.ok && (o.lsn ?? 0) > Number(session.device.seen ?? 0)) {
        session.device.seen = o.lsn;
      }
    },
  },
};
