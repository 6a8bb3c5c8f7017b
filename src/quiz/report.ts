// The end of a drill: the score k/N (N = questions answered; a skip counts as wrong), the
// score per topic, the weakest topics and, for each, the lesson to revisit.
import { lessonForTopic } from '../lesson/catalog/curriculum.js';
import { TOPICS, topicLabel } from './topics.js';
import type { Difficulty, QuestionKind } from './types.js';

export type DrillEnd = 'done' | 'time' | 'input' | 'quit';

export interface DrillResult {
  id: string;
  topic: string;
  lesson: string;
  kind: QuestionKind;
  difficulty: Difficulty;
  correct: boolean;
  skipped: boolean;
}

export interface TopicScore {
  topic: string;
  correct: number;
  asked: number;
}

export interface WeakTopic extends TopicScore {
  /** The lesson most of the misses point to. */
  lesson: string;
}

export interface DrillReport {
  score: number;
  asked: number;
  /** Questions the drill meant to ask. */
  planned: number;
  end: DrillEnd;
  /** In curriculum order. */
  byTopic: TopicScore[];
  /** Weakest first; at most three. */
  weakest: WeakTopic[];
}

export const MAX_WEAK_TOPICS = 3;

function curriculumOrder(topic: string): number {
  const i = TOPICS.findIndex((t) => t.id === topic);
  return i < 0 ? TOPICS.length : i;
}

function mostCommon(items: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const it of items) counts.set(it, (counts.get(it) ?? 0) + 1);
  let best: string | undefined;
  for (const [it, n] of counts) if (best === undefined || n > counts.get(best)!) best = it;
  return best;
}

export function drillReport(
  results: readonly DrillResult[],
  end: DrillEnd,
  planned: number,
): DrillReport {
  const byTopic = new Map<string, TopicScore>();
  for (const r of results) {
    const t = byTopic.get(r.topic) ?? { topic: r.topic, correct: 0, asked: 0 };
    t.asked++;
    if (r.correct) t.correct++;
    byTopic.set(r.topic, t);
  }
  const topics = [...byTopic.values()].sort(
    (a, b) => curriculumOrder(a.topic) - curriculumOrder(b.topic),
  );
  const weakest = topics
    .filter((t) => t.correct < t.asked)
    .sort((a, b) => a.correct / a.asked - b.correct / b.asked || b.asked - a.asked)
    .slice(0, MAX_WEAK_TOPICS)
    .map((t) => ({
      ...t,
      lesson:
        mostCommon(results.filter((r) => r.topic === t.topic && !r.correct).map((r) => r.lesson)) ??
        t.topic,
    }));
  return {
    score: results.filter((r) => r.correct).length,
    asked: results.length,
    planned,
    end,
    byTopic: topics,
    weakest,
  };
}

export interface ReportContext {
  /** Whether `replication-tutor play <id>` would find this lesson. */
  lessonAvailable: (id: string) => boolean;
  /** When the next question is due for review, if any (ISO time). */
  nextDue?: string;
  timeLimit?: string;
}

/** How to revisit a lesson, in words. */
export function revisitText(lesson: string, available: boolean): string {
  const what = topicLabel(lesson);
  const id = lessonForTopic(lesson)?.id ?? lesson;
  return available
    ? `${what}: replication-tutor play ${id}`
    : `${what} (curriculum topic "${lesson}"; its lesson is not in this version yet)`;
}

export function reportLines(r: DrillReport, ctx: ReportContext): string[] {
  const lines: string[] = [];
  if (r.end === 'time') lines.push(`Time is up${ctx.timeLimit ? ` (${ctx.timeLimit})` : ''}.`);
  if (r.end === 'input' && r.asked < r.planned)
    lines.push(`Input ended after ${r.asked} of ${r.planned} questions.`);
  lines.push(`Score: ${r.score}/${r.asked}`);
  if (r.asked === 0) return lines;
  lines.push('By topic:');
  const labels = r.byTopic.map((t) => topicLabel(t.topic));
  const width = Math.max(...labels.map((l) => l.length));
  r.byTopic.forEach((t, i) => {
    lines.push(`  ${labels[i]!.padEnd(width)}  ${t.correct}/${t.asked}`);
  });
  if (r.weakest.length === 0) {
    lines.push('Weakest topics: none, every topic answered right.');
  } else {
    lines.push(
      `Weakest topics: ${r.weakest.map((t) => `${topicLabel(t.topic)} (${t.correct}/${t.asked})`).join('; ')}`,
    );
    lines.push('Revisit:');
    for (const lesson of new Set(r.weakest.map((t) => t.lesson))) {
      lines.push(`  ${revisitText(lesson, ctx.lessonAvailable(lesson))}`);
    }
  }
  if (ctx.nextDue)
    lines.push(`Next review due: ${localMinute(ctx.nextDue)} (replication-tutor quiz --review)`);
  return lines;
}

/** "2025-03-04 17:05" in local time. */
export function localMinute(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
