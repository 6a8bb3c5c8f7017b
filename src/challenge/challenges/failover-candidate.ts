// Failover: which follower to promote when the leader goes silent.

import type { Challenge, ChallengeViolation } from '../challenge.js';
import { challengeInfo } from '../challenge-info.js';
import type { ElectionRecord } from '../policy-run.js';
import type { Election, NodeInfo } from '../policy-types.js';
import { FAILOVER_TYPES, starterHeader } from '../starter-text.js';
import { secs } from './time-text.js';

const MAX_LOSS = 2;

const STARTER = `${starterHeader('failover-candidate', 'choose the follower to promote', [
  'Write the decision of a failover manager: the leader has gone silent; which follower',
  'becomes the new leader? Never promote a node that cannot lead (down, cut off, paused,',
  'fenced, needing a resync) or that would lose more than election.maxLossEntries entries;',
  'but when a follower qualifies, promote one (return null only when none does).',
])}

${FAILOVER_TYPES}

/**
 * Chooses the follower to promote.
 *
 * Promise to keep: the chosen node is a healthy follower with
 * election.knownLsn - receivedLsn <= election.maxLossEntries; null only when there is none.
 *
 * @param {Election} election
 * @returns {string | null}   the id of the node to promote, or null for nobody
 */
export function choose(election) {
  // The first standby that is up.
  const first = election.nodes.find((n) => n.role === 'follower' && n.health !== 'down');
  return first ? first.id : null;
}
`;

function eligible(e: ElectionRecord, n: NodeInfo): boolean {
  return n.role === 'follower' && n.health === 'ok' && e.knownLsn - n.receivedLsn <= MAX_LOSS;
}

/** Why `n` may not be promoted in `e` (undefined: it may). */
function whyNot(e: ElectionRecord, n: NodeInfo): string | undefined {
  if (n.role !== 'follower') return `${n.id} is not a follower (it is a ${n.role})`;
  if (n.health !== 'ok') return `${n.id} is ${n.health}`;
  const loss = e.knownLsn - n.receivedLsn;
  if (loss > MAX_LOSS) {
    return `${n.id} has received LSN ${n.receivedLsn} of ${e.knownLsn}: promoting it loses ${loss} entries (at most ${MAX_LOSS} allowed)`;
  }
  return undefined;
}

function checkElections(elections: readonly ElectionRecord[]): ChallengeViolation[] {
  const out: ChallengeViolation[] = [];
  for (const e of elections) {
    const ok = e.nodes.filter((n) => eligible(e, n));
    const chosen = e.nodes.find((n) => n.id === e.chosen);
    if (!chosen) {
      if (ok.length > 0) {
        out.push({
          t: e.t,
          message: `at ${secs(e.t)} nobody was promoted, but ${ok.map((n) => `${n.id} (LSN ${n.receivedLsn} of ${e.knownLsn})`).join(', ')} could have led`,
        });
      }
      continue;
    }
    const why = whyNot(e, chosen);
    if (why) out.push({ t: e.t, message: `at ${secs(e.t)} ${chosen.id} was chosen, but ${why}` });
  }
  return out;
}

export const failoverCandidate: Challenge = {
  ...challengeInfo('failover-candidate'),
  profile: 'failover',
  maxLossEntries: MAX_LOSS,
  check: ({ elections }) => checkElections(elections),
  starter: STARTER,
  reference: {
    choose(election: Election) {
      let best: NodeInfo | undefined;
      for (const n of election.nodes) {
        if (n.role !== 'follower' || n.health !== 'ok') continue;
        if (election.knownLsn - n.receivedLsn > election.maxLossEntries) continue;
        if (!best || n.receivedLsn > best.receivedLsn) best = n;
      }
      return best ? best.id : null;
    },
  },
};
