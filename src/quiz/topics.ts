// The curriculum's topics (CURRICULUM.md, lessons 1–16) and the classic interview questions
// its "Interview drill" section lists. Every bank question names one topic; the bank test
// checks that every topic and every classic is covered. A topic id is also the id its lesson
// file has or will have, so "revisit" can point at `replication-tutor play <id>`.

export interface CurriculumTopic {
  id: string;
  /** The lesson number in CURRICULUM.md. */
  number: number;
  title: string;
}

export const TOPICS: readonly CurriculumTopic[] = [
  { id: 'why-replicate', number: 1, title: 'Why replicate' },
  { id: 'sync-async', number: 2, title: 'Sync, async, semi-sync' },
  { id: 'lost-tweet', number: 3, title: 'The Lost Tweet (read-your-writes)' },
  { id: 'disappearing-comment', number: 4, title: 'The Disappearing Comment (monotonic reads)' },
  { id: 'consistent-prefix', number: 5, title: 'Mr. Poons and Mrs. Cake (consistent prefix)' },
  { id: 'adding-follower', number: 6, title: 'Adding a follower' },
  { id: 'replication-logs', number: 7, title: 'Replication logs' },
  { id: 'monitoring-lag', number: 8, title: 'Monitoring lag' },
  { id: 'failover', number: 9, title: 'Failover' },
  { id: 'github-2012', number: 10, title: 'GitHub, 2012' },
  { id: 'split-brain', number: 11, title: 'Split brain' },
  { id: 'gitlab-2017', number: 12, title: 'GitLab, January 2017' },
  { id: 'matrix-2025', number: 13, title: 'Matrix.org, September 2025' },
  { id: 'multi-leader', number: 14, title: 'Multi-leader' },
  { id: 'leaderless', number: 15, title: 'Leaderless quorums' },
  { id: 'version-vectors', number: 16, title: 'Version vectors' },
];

export const TOPIC_IDS: readonly string[] = TOPICS.map((t) => t.id);

export function topicById(id: string): CurriculumTopic | undefined {
  return TOPICS.find((t) => t.id === id);
}

/** "lesson 9, Failover" (or the id itself for a lesson outside the curriculum list). */
export function topicLabel(id: string): string {
  const t = topicById(id);
  return t ? `lesson ${t.number}, ${t.title}` : id;
}

/** The classic questions of CURRICULUM.md's "Interview drill", as tags a question may carry. */
export const CLASSICS: Readonly<Record<string, string>> = {
  'goal-of-replication': 'the goal of replication',
  'replication-lag': 'what lag is and why it matters',
  'sync-async-semi-sync': 'sync vs async vs semi-sync',
  'split-brain': 'split brain and its prevention',
  'promoting-a-follower': 'promoting a follower',
  'handling-lag': 'handling lag',
  'during-failover': 'what happens during failover',
  'when-multi-leader': 'when to use multi-leader',
  'quorum-arithmetic': 'quorum arithmetic',
  'ryw-across-devices': 'read-your-writes across devices',
  'monotonic-reads': 'monotonic reads',
  'consistent-prefix': 'consistent prefix reads',
  'log-formats': 'statement vs row vs WAL replication',
  'backups-from-replicas': 'backups taken from replicas',
  'detecting-divergence': 'detecting divergence',
};

export const CLASSIC_IDS: readonly string[] = Object.keys(CLASSICS);
