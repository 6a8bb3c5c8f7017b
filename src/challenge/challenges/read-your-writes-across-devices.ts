// Read-your-writes across devices: what a user wrote from one device, any of their devices reads.
import { checkInput, runChecker } from '../../sim/index.js';
import type { Challenge } from '../challenge.js';
import { challengeInfo } from '../challenge-info.js';
import type { NodeInfo, ReadRequest, Sessions } from '../policy-types.js';
import { ROUTER_TYPES, starterHeader } from '../starter-text.js';
import { anomalyViolations, healthyFollowers, roundRobin, routerCheck } from './router-parts.js';

const STARTER = `${starterHeader(
  'read-your-writes-across-devices',
  'read-your-writes across devices',
  [
    'Write the read router of a leader with followers. Clients a and b are two devices of one',
    'user (ana): what ana wrote from her phone must be there when she reads on her laptop.',
    'Reads may go to followers whenever that keeps the promise.',
  ],
)}

${ROUTER_TYPES}

/**
 * Chooses the node a read goes to.
 *
 * Promise to keep: a read reflects every write its user had seen acknowledged (from any of
 * the user's devices) before the read started.
 * And, as every router: while the leader is ok, never send a read to a node whose
 * health is not 'ok'.
 *
 * @param {ReadRequest} read
 * @param {readonly NodeInfo[]} nodes   every node, leader included
 * @param {Sessions} session            this device's and this user's state, kept for you
 * @returns {string}                    the id of the node to read from
 */
export function route(read, nodes, session) {
  const need = session.device.lastWrite ?? 0;
  const fresh = nodes.find((n) => n.role === 'follower' && n.health === 'ok' && n.appliedLsn >= need);
  return fresh ? fresh.id : read.leader;
}

/**
 * Called when an operation of any client finishes (reads and writes, ok or not).
 *
 * @param {Outcome} outcome
 * @param {Sessions} session   the state of the device and user the operation belonged to
 */
export function observe(outcome, session) {
  // Remember this device's last acknowledged write.
  if (outcome.kind === 'write' && outcome.ok && outcome.lsn !== undefined) {
    session.device.lastWrite = Math.max(session.device.lastWrite ?? 0, outcome.lsn);
  }
}
`;

export const readYourWritesAcrossDevices: Challenge = {
  ...challengeInfo('read-your-writes-across-devices'),
  profile: 'routing',
  users: { a: 'ana', b: 'ana' },
  check: routerCheck(({ sim }) =>
    anomalyViolations(sim, runChecker('read-your-writes', checkInput(sim))),
  ),
  starter: STARTER,
  reference: {
    route(read: ReadRequest, nodes: readonly NodeInfo[], session: Sessions) {
      const need = Number(session.user.lastWrite ?? 0);
      return roundRobin(
        read,
        healthyFollowers(nodes).filter((n) => n.appliedLsn >= need),
        session,
      );
    },
    observe(o, session) {
      if (o.kind === 'write' && o.ok && (o.lsn ?? 0) > Number(session.user.lastWrite ?? 0)) {
        session.user.lastWrite = o.lsn;
      }
    },
  },
};
