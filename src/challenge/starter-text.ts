// The parts every starter file shares: the JSDoc types of what the policy is given (so an
// editor with `// @ts-check` completes and checks them) and how to grade the file.

const NODE_INFO = `/**
 * One node, as health checks and replication-lag monitoring report it. Frozen.
 * @typedef {object} NodeInfo
 * @property {string} id
 * @property {'leader' | 'follower'} role
 * @property {number} epoch         the leader term the node knows
 * @property {number} appliedLsn    the highest LSN it has applied (what a read there sees)
 * @property {number} receivedLsn   the highest LSN it has received
 * @property {number} lagEntries    entries behind the leader (0 when caught up)
 * @property {number} lagMs         age of the oldest leader entry it has not applied (0 when caught up)
 * @property {'ok' | 'down' | 'paused' | 'unreachable' | 'fenced' | 'needs-resync' | 'copying' | 'restoring'} health
 */`;

export const ROUTER_TYPES = `${NODE_INFO}

/**
 * A read to route. Frozen.
 * @typedef {object} ReadRequest
 * @property {number} now       virtual time, ms
 * @property {string} client    the device reading
 * @property {string} user      the user the device belongs to
 * @property {string} key
 * @property {string} leader    where this client's writes go
 * @property {number} [maxLagMs] bounded-staleness-router only: the most stale a read may be
 */

/**
 * A finished operation, as its client saw it. Frozen.
 * @typedef {object} Outcome
 * @property {number} now
 * @property {'read' | 'write'} kind
 * @property {string} client
 * @property {string} user
 * @property {string} key
 * @property {string} node      where it was sent
 * @property {boolean} ok       false: refused, failed or timed out
 * @property {number} [lsn]     read: the node's applied LSN when it answered; write: its LSN
 */

/**
 * Yours to keep state in between calls: one object per device, one per user.
 * @typedef {object} Sessions
 * @property {Record<string, any>} device
 * @property {Record<string, any>} user
 */`;

export const FAILOVER_TYPES = `${NODE_INFO}

/**
 * The leader has gone silent. Frozen.
 * @typedef {object} Election
 * @property {number} now
 * @property {string} startedBy       the follower whose timer fired (health is as it sees the others)
 * @property {number} knownLsn        the highest LSN known to exist
 * @property {number} maxLossEntries  how many entries a promotion may lose (knownLsn - receivedLsn)
 * @property {readonly NodeInfo[]} nodes
 */`;

/** The header comment: what the file is and how to grade it. */
export function starterHeader(id: string, title: string, lines: readonly string[]): string {
  return [
    '// @ts-check',
    `// Code challenge "${id}": ${title}.`,
    '//',
    ...lines.map((l) => (l === '' ? '//' : `// ${l}`)),
    '//',
    '// Grade it:   npx replication-tutor challenge run ' + id + ' --policy <this file>',
    '// Replay one: npx replication-tutor challenge replay ' +
      id +
      ' --seed N --policy <this file>',
    '//',
    '// Plain JavaScript (an ES module), no build step. Keep it deterministic: the same inputs',
    '// must give the same answer (no Date.now; Math.random is seeded per run by the grader).',
  ].join('\n');
}
