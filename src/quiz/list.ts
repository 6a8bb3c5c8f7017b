// `quiz --list`: the bank one question per line, as aligned text or as JSON Lines.
import type { BankQuestion } from './types.js';
import { DIFFICULTY_NAMES } from './types.js';

export interface QuestionListing {
  id: string;
  topic: string;
  difficulty: string;
  kind: string;
  question: string;
}

/** The question on one line: Markdown emphasis and line breaks removed. */
export function oneLine(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export function listing(q: BankQuestion): QuestionListing {
  return {
    id: q.id,
    topic: q.topic,
    difficulty: DIFFICULTY_NAMES[q.difficulty],
    kind: q.kind,
    question: oneLine(q.question),
  };
}

export function listJsonLines(questions: readonly BankQuestion[]): string {
  return questions.map((q) => `${JSON.stringify(listing(q))}\n`).join('');
}

export function listText(questions: readonly BankQuestion[]): string {
  const rows = questions.map(listing);
  const w = (key: keyof QuestionListing) => Math.max(0, ...rows.map((r) => r[key].length));
  const [id, topic, diff, kind] = [w('id'), w('topic'), w('difficulty'), w('kind')];
  return rows
    .map(
      (r) =>
        `${r.id.padEnd(id)}  ${r.topic.padEnd(topic)}  ${r.difficulty.padEnd(diff)}  ${r.kind.padEnd(kind)}  ${r.question}\n`,
    )
    .join('');
}
