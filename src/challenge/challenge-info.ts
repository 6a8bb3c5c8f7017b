// What the menu and `challenge list` show of each challenge: id, title, what to write, and the
// commands to run. Plain data with no imports, so the menu's first frame does not load the
// simulator; each challenge's definition (challenges/) takes its fields from here.

export interface ChallengeInfo {
  id: string;
  title: string;
  /** The function to write: `route` (with an optional `observe`) or `choose`. */
  kind: 'router' | 'failover';
  /** What to implement and what is promised, a sentence or two. */
  summary: string;
}

export const CHALLENGE_INFO: readonly ChallengeInfo[] = [
  {
    id: 'monotonic-reads',
    title: 'Monotonic reads',
    kind: 'router',
    summary:
      'Write route(read, nodes, session): spread reads over followers, but a device that has seen a version of a key never reads an older one afterwards.',
  },
  {
    id: 'read-your-writes-across-devices',
    title: 'Read-your-writes across devices',
    kind: 'router',
    summary:
      "Write route(read, nodes, session) and observe(outcome, session): a user's read reflects every write they had acknowledged before it, whichever of their devices wrote it.",
  },
  {
    id: 'bounded-staleness-router',
    title: 'A router with a maximum lag',
    kind: 'router',
    summary:
      'Write route(read, nodes, session): send reads to followers no more than 500 ms behind, and to the leader when none is.',
  },
  {
    id: 'failover-candidate',
    title: 'Choose the follower to promote',
    kind: 'failover',
    summary:
      'Write choose(election): promote a healthy follower that loses at most 2 entries; never a fenced, unreachable or lagging node; nobody only when none qualifies.',
  },
];

export function challengeInfo(id: string): ChallengeInfo {
  const info = CHALLENGE_INFO.find((c) => c.id === id);
  if (!info) throw new Error(`no challenge info for ${id}`);
  return info;
}

/** The file `init` writes by default (and `replay` reads by default). */
export function defaultPolicyFile(id: string): string {
  return `${id}.mjs`;
}

/** The three commands of a challenge: start, grade, replay a seed. */
export function commandsFor(id: string): string[] {
  const file = defaultPolicyFile(id);
  return [
    `replication-tutor challenge init ${id}`,
    `replication-tutor challenge run ${id} --policy ${file}`,
    `replication-tutor challenge replay ${id} --seed N --policy ${file}`,
  ];
}
