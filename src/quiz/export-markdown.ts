// `quiz --export FILE.md`: the bank as Markdown for reading away from the terminal. A
// generated question shows one instance (with the seed that made it) and its answer; a
// routing answer is found by running every option on the simulator.
import { type Asked, ask, instanceSeed } from './ask.js';
import { TOPICS, topicLabel } from './topics.js';
import type { BankQuestion } from './types.js';
import { DIFFICULTY_NAMES } from './types.js';

export interface ExportOptions {
  seed: number;
  /** Shuffles the choices as this learner sees them (their seed, or --seed). */
  orderSeed?: number;
  /** A sentence under the title, e.g. which questions these are. */
  note?: string;
}

function correctAnswer(asked: Asked): string {
  // Grading "skip" reveals the expected answer without counting anything.
  return asked.grade({ kind: 'skip' }).expected;
}

function questionMarkdown(q: BankQuestion, drillSeed: number, orderSeed?: number): string[] {
  const seed = instanceSeed(drillSeed, q.id);
  const asked = ask(q, seed, orderSeed);
  const head = `### ${q.id} · ${DIFFICULTY_NAMES[q.difficulty]} · ${q.kind}`;
  const out = [head, ''];
  if (q.kind === 'scenario' || q.kind === 'routing') {
    out.push(
      `*${q.question}* Generated from a live simulation; this instance uses seed ${seed}, and every drill draws new numbers.`,
      '',
    );
  }
  out.push(`**Question.** ${asked.prompt}`, '');
  for (const f of asked.facts) out.push(`- ${f}`);
  if (asked.facts.length > 0) out.push('');
  asked.choices.forEach((c, i) => {
    out.push(`${i + 1}. ${c}`);
  });
  if (asked.choices.length > 0) out.push('');
  const verdict = asked.grade({ kind: 'skip' });
  out.push(`**Answer:** ${correctAnswer(asked)}`, '');
  if (verdict.feedback.length > 0) {
    out.push('**With these numbers:**', '');
    for (const line of verdict.feedback) out.push(`- ${line.trim()}`);
    out.push('');
  }
  out.push(`**Model answer (20 seconds):** ${q.model}`, '');
  out.push(`**Explanation.** ${q.explain.trim()}`, '');
  out.push(`**Revisit:** ${topicLabel(q.lesson)}`, '');
  return out;
}

export function exportMarkdown(questions: readonly BankQuestion[], opts: ExportOptions): string {
  const lines = ['# replication-tutor: interview drill questions', ''];
  if (opts.note) lines.push(opts.note, '');
  lines.push(`${questions.length} question${questions.length === 1 ? '' : 's'}.`, '');
  const order = [...TOPICS.map((t) => t.id)];
  const topics = [...new Set(questions.map((q) => q.topic))].sort(
    (a, b) => order.indexOf(a) - order.indexOf(b),
  );
  for (const topic of topics) {
    const title = topicLabel(topic);
    lines.push(`## ${title.charAt(0).toUpperCase()}${title.slice(1)}`, '');
    for (const q of questions.filter((x) => x.topic === topic)) {
      lines.push(...questionMarkdown(q, opts.seed, opts.orderSeed));
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
