// Answers files for headless runs: a YAML map from an interactive step's id to a 0-based
// choice index, or an option's node id or label; for a task, the list of lines typed at it
// (commands, `hint`, `give up`). Every problem names the file, line and column, and what
// was expected.
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { kib, readTextFile } from '../format/read-text-file.js';
import { nearest } from '../format/suggest.js';
import { quoteValue, safeMessage, safeText } from '../format/terminal-text.js';
import type { InteractiveStep, Lesson, TaskStep } from '../format/types.js';

/** One line naming the file, line and column; safe to print whatever the file holds. */
export class AnswersError extends Error {
  constructor(message: string) {
    super(safeMessage(message));
  }
}

/** Top-level interactive steps by label. */
export function interactiveSteps(lesson: Lesson): Map<string, InteractiveStep> {
  const out = new Map<string, InteractiveStep>();
  for (const s of lesson.steps) {
    if (s.kind === 'quiz' || s.kind === 'predict' || s.kind === 'choose') out.set(s.label, s);
  }
  return out;
}

/** Resolves one answer (index, node id or label) to a choice index, or explains why not. */
export function resolveChoice(step: InteractiveStep, raw: unknown): number | string {
  const n = step.choices.length;
  const options = step.choices.map((c) => c.node ?? c.label).join(', ');
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 0 && raw < n) return raw;
    return `${raw} is out of range: expected a 0-based index from 0 to ${n - 1}, or one of: ${options}`;
  }
  if (typeof raw === 'string') {
    const exact = step.choices.findIndex((c) => c.node === raw || c.label === raw);
    if (exact >= 0) return exact;
    const lower = raw.toLowerCase();
    const loose = step.choices.findIndex(
      (c) => c.node?.toLowerCase() === lower || c.label.toLowerCase() === lower,
    );
    if (loose >= 0) return loose;
    return `${quoteValue(raw)} is not an option (options: ${options})`;
  }
  return `expected a choice index or an option, found ${raw === null ? 'nothing' : typeof raw}`;
}

/** An answers file names one choice per question: a few hundred bytes for any lesson. */
export const MAX_ANSWERS_BYTES = 64 * 1024;

/** What an answers file gives: choices by question, typed lines by task. */
export interface Answers {
  choices: Map<string, number>;
  tasks: Map<string, string[]>;
}

export function parseAnswers(text: string, file: string, lesson: Lesson): Map<string, number> {
  return parseAnswersFile(text, file, lesson).choices;
}

export function parseAnswersFile(text: string, file: string, lesson: Lesson): Answers {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    schema: 'core',
    // Duplicates are found below with a set; yaml's own check is quadratic in the keys.
    uniqueKeys: false,
    prettyErrors: false,
  });
  const where = (offset: number | undefined) => {
    const p = lines.linePos(offset ?? 0);
    return `${safeText(file)}:${p.line}:${p.col}`;
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new AnswersError(`${where(e.pos[0])}: ${e.message.split('\n')[0]}`);
  }
  const steps = interactiveSteps(lesson);
  const tasks = new Map(
    lesson.steps.flatMap((s) => (s.kind === 'task' ? [[s.label, s] as [string, TaskStep]] : [])),
  );
  const out = new Map<string, number>();
  const typed = new Map<string, string[]>();
  const answers = { choices: out, tasks: typed };
  if (doc.contents === null) return answers;
  if (!isMap(doc.contents)) {
    throw new AnswersError(
      `${where(doc.contents.range?.[0])}: expected a map of step id to answer, e.g. "q-why-stale: 1"`,
    );
  }
  const seen = new Set<string>();
  for (const pair of doc.contents.items) {
    const keyNode = pair.key;
    const label = isScalar(keyNode) ? String(keyNode.value) : '';
    const pos = where(isScalar(keyNode) ? keyNode.range?.[0] : undefined);
    if (seen.has(label)) throw new AnswersError(`${pos}: duplicate key ${quoteValue(label)}`);
    seen.add(label);
    const valueNode = pair.value;
    if (tasks.has(label)) {
      typed.set(label, taskLines(valueNode, label, where));
      continue;
    }
    const step = steps.get(label);
    if (!step) {
      const names = [...steps.keys(), ...tasks.keys()];
      const near = nearest(label, names);
      throw new AnswersError(
        `${pos}: no question or task ${quoteValue(label)} in lesson ${lesson.id}${near ? ` (did you mean "${near}"?)` : ''}; questions and tasks: ${names.join(', ') || 'none'}`,
      );
    }
    const raw = isScalar(valueNode) ? valueNode.value : valueNode === null ? null : 'a list or map';
    const r = resolveChoice(step, raw);
    if (typeof r === 'string')
      throw new AnswersError(
        `${where(isScalar(valueNode) ? valueNode.range?.[0] : undefined)}: ${label}: ${r}`,
      );
    out.set(label, r);
  }
  return answers;
}

/** A task's answer: a list of lines (or one line), each a command, `hint` or `give up`. */
function taskLines(
  node: unknown,
  label: string,
  where: (offset: number | undefined) => string,
): string[] {
  const items = isSeq(node) ? node.items : [node];
  return items.map((item) => {
    const v = isScalar(item) ? item.value : undefined;
    if (typeof v === 'string' && v.trim() !== '') return v;
    const at = isScalar(item) || isSeq(item) ? item.range?.[0] : undefined;
    throw new AnswersError(
      `${where(at)}: ${label}: expected the lines typed at the task (a list of commands, hint or give up), e.g. ["backup db1 as base", "restore db2 from base"]`,
    );
  });
}

/** Reads and parses an answers file: a regular file of at most MAX_ANSWERS_BYTES. */
export async function loadAnswersFile(file: string, lesson: Lesson): Promise<Map<string, number>> {
  return (await loadAnswers(file, lesson)).choices;
}

/** An answers file's choices and task lines. */
export async function loadAnswers(file: string, lesson: Lesson): Promise<Answers> {
  const read = readTextFile(file, {
    maxBytes: MAX_ANSWERS_BYTES,
    normaliseLineEnds: true,
    what: 'an answers file',
  });
  if (!read.ok) {
    const why =
      read.kind === 'too-large'
        ? `it is larger than ${kib(MAX_ANSWERS_BYTES)}, far more than one answer per question`
        : read.reason;
    throw new AnswersError(`${safeText(file)}: cannot read the answers file: ${why}`);
  }
  return parseAnswersFile(read.text, file, lesson);
}
