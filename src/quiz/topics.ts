// The drill's topics, one per bank topic, in curriculum order (from the curriculum manifest),
// and the classic interview questions the bank must cover. Every bank question names one
// topic; the bank test checks that every topic and every classic is covered.
import { curriculum, lessonForTopic } from '../lesson/catalog/curriculum.js';

export interface CurriculumTopic {
  id: string;
  /** The lesson's number in the curriculum. */
  number: number;
  title: string;
  /** The lesson that teaches it (`replication-tutor play <lesson>`). */
  lesson: string;
}

export const TOPICS: readonly CurriculumTopic[] = curriculum().lessons.flatMap((l) =>
  l.quizTopics.map((id) => ({ id, number: l.number, title: l.title, lesson: l.id })),
);

export const TOPIC_IDS: readonly string[] = TOPICS.map((t) => t.id);

export function topicById(id: string): CurriculumTopic | undefined {
  return TOPICS.find((t) => t.id === id);
}

/** "lesson 9, Failover" for a topic or lesson id (or the id itself outside the curriculum). */
export function topicLabel(id: string): string {
  const l = lessonForTopic(id);
  return l ? `lesson ${l.number}, ${l.title}` : id;
}

/** The classic interview questions the drill must cover, as tags a question may carry. */
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
