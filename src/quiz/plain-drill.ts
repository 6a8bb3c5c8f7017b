// The drill in plain line mode (pipes, CI, screen readers): numbered choices, a number typed
// for numeric questions, feedback and the model answer after each. The clock is checked
// between questions; the end of input ends the drill (answers so far are saved).
import { plainMarkdown } from '../lesson/format/plain-markdown.js';
import type { Answer, Asked, Verdict } from './ask.js';
import type { Drill } from './drill.js';
import { parseTypedNumber } from './numeric.js';
import { topicLabel } from './topics.js';
import { DIFFICULTY_NAMES } from './types.js';

export interface PlainDrillIo {
  write(line: string): void;
  input: { next(): Promise<string | undefined> };
  /** Wall-clock time in ms. */
  now(): number;
}

export const PLAIN_HELP =
  'Type the number of a choice (or the number asked for); s skips (counts as wrong), q ends the drill.';

export function questionLines(drill: Drill, asked: Asked): string[] {
  const q = asked.question;
  const lines = [
    '',
    // No topic before the answer: "lesson 5, … (consistent prefix)" would answer "which
    // guarantee broke?". The verdict names it.
    `[${drill.index + 1}/${drill.total}] ${DIFFICULTY_NAMES[q.difficulty]} · ${q.kind}`,
    `Question: ${plainMarkdown(asked.prompt)}`,
  ];
  for (const f of asked.facts) lines.push(`  - ${plainMarkdown(f)}`);
  asked.choices.forEach((c, i) => {
    lines.push(`  ${i + 1}. ${plainMarkdown(c)}`);
  });
  if (asked.form === 'number') lines.push(`Type a number${asked.unit ? ` (${asked.unit})` : ''}.`);
  return lines;
}

export function verdictLines(asked: Asked, v: Verdict): string[] {
  const q = asked.question;
  const lines = v.correct
    ? [`✓ Correct: ${plainMarkdown(v.given)}`]
    : [
        `✗ Not quite. Your answer: ${plainMarkdown(v.given)}. The answer: ${plainMarkdown(v.expected)}`,
      ];
  for (const f of v.feedback) lines.push(plainMarkdown(f));
  lines.push(`Model answer: ${plainMarkdown(q.model)}`);
  lines.push(`Why: ${plainMarkdown(q.explain)}`);
  if (!v.correct) lines.push(`Revisit: ${topicLabel(q.lesson)}`);
  else lines.push(`Topic: ${topicLabel(q.topic)}`);
  return lines;
}

/** What a typed line means for this question, or a message asking again. */
export function readAnswer(asked: Asked, line: string): Answer | 'quit' | { retry: string } {
  const text = line.trim().toLowerCase();
  if (text === 'q' || text === 'quit') return 'quit';
  if (text === 's' || text === 'skip' || text === '?') return { kind: 'skip' };
  if (asked.form === 'number') {
    const value = parseTypedNumber(text);
    return value === undefined
      ? { retry: 'Please type a number (like 3 or 1.5), s to skip or q to stop.' }
      : { kind: 'number', value };
  }
  const n = Number(text);
  if (Number.isInteger(n) && n >= 1 && n <= asked.choices.length) {
    return { kind: 'choice', index: n - 1 };
  }
  return {
    retry: `Please type a number from 1 to ${asked.choices.length}, s to skip or q to stop.`,
  };
}

/** Runs the drill until it is done, time is up, input ends or the learner quits. */
export async function runPlainDrill(drill: Drill, io: PlainDrillIo): Promise<void> {
  for (;;) {
    if (drill.checkTime(io.now())) return;
    const asked = drill.current();
    if (!asked) return;
    for (const line of questionLines(drill, asked)) io.write(line);
    let answer: Answer | undefined;
    while (answer === undefined) {
      const line = await io.input.next();
      if (line === undefined) {
        drill.stop('input');
        return;
      }
      const read = readAnswer(asked, line);
      if (read === 'quit') {
        drill.stop('quit');
        return;
      }
      if ('retry' in read) io.write(read.retry);
      else answer = read;
    }
    for (const line of verdictLines(asked, drill.answer(answer))) io.write(line);
    drill.next();
  }
}
