// One bank file → questions, or every problem as `file:line:col: path: message`. Parsed as
// plain data exactly as lesson files are (core schema, no custom tags, size and alias caps,
// duplicate keys rejected), with the lesson loader's positions (SourceMap), message wording
// (humanIssueMessage, strictMap's "did you mean") and formatting (formatProblem).
import type { z } from 'zod';
import type { PathProblem } from '../lesson/format/cross-check.js';
import {
  type LessonProblem,
  listedProblems,
  MAX_ALIAS_COUNT,
  MAX_LESSON_BYTES,
  parseDataDocument,
} from '../lesson/format/load.js';
import type { PathSeg } from '../lesson/format/positions.js';
import { asMap, formatPath } from '../lesson/format/raw.js';
import { kib, readTextFile } from '../lesson/format/read-text-file.js';
import { humanIssueMessage } from '../lesson/format/schema-messages.js';
import { listNames, nearest } from '../lesson/format/suggest.js';
import { safeData } from '../lesson/format/terminal-text.js';
import { bankFileSchema, kindSchema, SCHEMA_BY_KIND } from './bank-schema.js';
import { TEMPLATES, templateById } from './generators/index.js';
import { TOPIC_IDS } from './topics.js';
import type { BankQuestion, QuestionKind } from './types.js';

export type BankProblem = LessonProblem;

export interface BankFileResult {
  file: string;
  questions: BankQuestion[];
  errors: BankProblem[];
  /** Where a data path sits in the file (for problems found later, e.g. duplicate ids). */
  locate: (path: readonly PathSeg[]) => { line: number; col: number };
}

const PARSE = { error: humanIssueMessage, reportInput: true } as const;

function failed(file: string, message: string): BankFileResult {
  return {
    file,
    questions: [],
    errors: [{ file, line: 0, col: 0, path: '', message }],
    locate: () => ({ line: 0, col: 0 }),
  };
}

/**
 * Reads and parses a bank file. Never throws for a bad or unreadable file: a FIFO, a device
 * or a symlink loop is one line, and no more than the size cap is ever read.
 */
export async function loadBankFile(
  file: string,
  knownLessons: readonly string[],
): Promise<BankFileResult> {
  const read = readTextFile(file, {
    maxBytes: MAX_LESSON_BYTES,
    normaliseLineEnds: true,
    what: 'a bank file',
  });
  if (read.ok) return parseBankText(read.text, file, knownLessons);
  if (read.kind === 'too-large') return failed(file, tooLarge(read.bytes));
  return failed(file, `cannot read: ${read.reason}`);
}

function tooLarge(bytes: number): string {
  const size = bytes > MAX_LESSON_BYTES + 1 ? kib(bytes) : `more than ${kib(MAX_LESSON_BYTES)}`;
  return `file too large (${size}; a bank file may be at most ${kib(MAX_LESSON_BYTES)})`;
}

/** Parses bank source text. Every string of the questions and every problem is safe to print. */
export function parseBankText(
  text: string,
  file: string,
  knownLessons: readonly string[],
): BankFileResult {
  const r = parseBank(text, file, knownLessons);
  return r.errors.length === 0 ? r : { ...r, errors: listedProblems(file, r.errors) };
}

function parseBank(text: string, file: string, knownLessons: readonly string[]): BankFileResult {
  if (Buffer.byteLength(text, 'utf8') > MAX_LESSON_BYTES) {
    return failed(file, tooLarge(Buffer.byteLength(text, 'utf8')));
  }
  const { doc, map, syntax } = parseDataDocument(text);
  const locate = (path: readonly PathSeg[]) => map.locate(path);
  const problem = (p: PathProblem): BankProblem => ({
    file,
    ...map.locate(p.path, p.atKey),
    path: formatPath(p.path),
    message: p.message,
  });
  const first = syntax[0];
  if (first) return { file, questions: [], errors: [{ file, ...first }], locate };
  if (doc.contents === null) {
    return failed(file, 'the file is empty; a bank is a map with topic and questions');
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    return failed(file, `YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  data = safeData(data);

  const problems: PathProblem[] = [];
  const top = bankFileSchema.safeParse(data, PARSE);
  if (!top.success) problems.push(...zodProblems(top.error.issues, []));
  const defaults = asMap(data) ?? {};
  const fileTopic = top.success ? top.data.topic : undefined;
  const fileLesson = top.success ? top.data.lesson : undefined;
  const raw = Array.isArray(defaults.questions) ? defaults.questions : [];
  const questions: BankQuestion[] = [];
  const lessons = new Set([...TOPIC_IDS, ...knownLessons]);
  raw.forEach((q, i) => {
    const at: PathSeg[] = ['questions', i];
    const parsed = parseQuestion(q, at, problems);
    if (!parsed || !fileTopic) return;
    const pos = map.locate(at);
    const question = {
      ...parsed,
      topic: parsed.topic ?? fileTopic,
      lesson: parsed.lesson ?? fileLesson ?? parsed.topic ?? fileTopic,
      file,
      ...pos,
    } as BankQuestion;
    if (!lessons.has(question.lesson)) {
      const near = nearest(question.lesson, [...lessons]);
      problems.push({
        path: parsed.lesson !== undefined ? [...at, 'lesson'] : ['lesson'],
        message: `unknown lesson or topic "${question.lesson}"${near ? ` (did you mean "${near}"?)` : ''}`,
      });
    }
    questions.push(question);
  });
  problems.push(...duplicateIds(raw));
  const errors = problems.map(problem).sort((a, b) => a.line - b.line || a.col - b.col);
  return { file, questions: errors.length > 0 ? [] : questions, errors, locate };
}

/** ` "id"`: the key a duplicate-key error points at, read from the source. */

type ParsedQuestion = Omit<BankQuestion, 'topic' | 'lesson' | 'file' | 'line' | 'col'> & {
  topic?: string;
  lesson?: string;
};

/** One question by the schema of its kind, plus the checks one question can make alone. */
function parseQuestion(
  q: unknown,
  at: PathSeg[],
  problems: PathProblem[],
): ParsedQuestion | undefined {
  const m = asMap(q);
  if (!m) {
    problems.push({ path: at, message: 'expected a question: a map with id, kind, question...' });
    return undefined;
  }
  const kind = kindSchema.safeParse(m.kind, PARSE);
  if (!kind.success) {
    problems.push(...zodProblems(kind.error.issues, [...at, 'kind']));
    return undefined;
  }
  const parsed = SCHEMA_BY_KIND[kind.data].safeParse(q, PARSE);
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error.issues, at));
    return undefined;
  }
  const d = parsed.data;
  if (d.kind === 'choice') {
    d.answer.forEach((a, j) => {
      if (a >= d.choices.length) {
        const path = Array.isArray(m.answer) ? [...at, 'answer', j] : [...at, 'answer'];
        problems.push({
          path,
          message: `answer ${a} is out of range: the ${d.choices.length} choices are numbered 0 to ${d.choices.length - 1}`,
        });
      }
    });
  }
  if (d.kind === 'scenario' || d.kind === 'routing') checkTemplate(d, kind.data, at, problems);
  return d as ParsedQuestion;
}

function checkTemplate(
  d: { template: string; params: Record<string, unknown> },
  kind: QuestionKind,
  at: PathSeg[],
  problems: PathProblem[],
): void {
  const t = templateById(d.template);
  if (!t) {
    const ids = TEMPLATES.filter((x) => x.kind === kind).map((x) => x.id);
    const near = nearest(d.template, ids);
    problems.push({
      path: [...at, 'template'],
      message: `unknown ${kind} template "${d.template}" (${near ? `did you mean "${near}"? ` : ''}templates: ${listNames(ids)})`,
    });
    return;
  }
  if (t.kind !== kind) {
    problems.push({
      path: [...at, 'template'],
      message: `template "${t.id}" makes ${t.kind} questions, not ${kind} ones; set kind: ${t.kind}`,
    });
    return;
  }
  const check = t.checkParams(d.params);
  if (!check.ok) problems.push(...zodProblems(check.issues, [...at, 'params']));
}

function duplicateIds(raw: readonly unknown[]): PathProblem[] {
  const first = new Map<string, number>();
  const out: PathProblem[] = [];
  raw.forEach((q, i) => {
    const id = asMap(q)?.id;
    if (typeof id !== 'string') return;
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, i);
    else
      out.push({
        path: ['questions', i, 'id'],
        message: `duplicate question id "${id}" (first used by questions[${earlier}])`,
      });
  });
  return out;
}

function isPathSeg(s: PropertyKey): s is PathSeg {
  return typeof s === 'string' || typeof s === 'number';
}

/**
 * Zod issues as problems at data paths. An unknown key points at the key; a required key that
 * is missing is not reported again when an unknown key beside it is its misspelling.
 */
export function zodProblems(issues: readonly z.core.$ZodIssue[], prefix: PathSeg[]): PathProblem[] {
  const out: PathProblem[] = [];
  const misspelt = new Set<string>();
  for (const iss of issues) {
    const path = [...prefix, ...iss.path.filter(isPathSeg)];
    if (iss.code === 'unrecognized_keys') {
      const lines = iss.message.split('\n');
      iss.keys.forEach((key, i) => {
        const message = lines[i] ?? `unknown key "${key}"`;
        const near = /did you mean "([^"]+)"/.exec(message)?.[1];
        if (near) misspelt.add(formatPath([...path, near]));
        out.push({ path: [...path, key], message, atKey: true });
      });
    } else {
      out.push({ path, message: iss.message });
    }
  }
  return out.filter(
    (p) => !(p.message.startsWith('missing required key') && misspelt.has(formatPath(p.path))),
  );
}
