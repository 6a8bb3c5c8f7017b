// One bank file → questions, or every problem as `file:line:col: path: message`. Parsed and
// checked as plain data by the loader lesson files use (src/lesson/format/data-file.ts): the
// same caps, positions, wording ("expected X, found Y", "did you mean") and formatting. What
// is particular to banks: each question is checked by the schema of its kind, then alone
// (answer in range, template known and its parameters), then ids across the file.
import type { z } from 'zod';
import type { PathProblem } from '../lesson/format/cross-check.js';
import {
  type DataFileKind,
  type DataFileResult,
  type FileProblem,
  listedProblems,
  parseDataFile,
  readDataFile,
} from '../lesson/format/data-file.js';
import type { PathSeg } from '../lesson/format/positions.js';
import { asMap } from '../lesson/format/raw.js';
import { listNames, nearest } from '../lesson/format/suggest.js';
import { checkSchema, zodProblems } from '../lesson/format/zod-problems.js';
import { bankFileSchema, kindSchema, SCHEMA_BY_KIND } from './bank-schema.js';
import { TEMPLATES, templateById } from './generators/index.js';
import { TOPIC_IDS } from './topics.js';
import type { BankQuestion, QuestionKind } from './types.js';

export type BankProblem = FileProblem;

export interface BankFileResult {
  file: string;
  questions: BankQuestion[];
  errors: BankProblem[];
  /** Where a data path sits in the file (for problems found later, e.g. duplicate ids). */
  locate: (path: readonly PathSeg[]) => { line: number; col: number };
}

export const BANK_FILE: DataFileKind = {
  name: 'bank',
  fileName: 'bank file',
  shape: 'a bank is a map with topic and questions',
};

/** Reads and parses a bank file. Never throws for a bad or unreadable file. */
export async function loadBankFile(
  file: string,
  knownLessons: readonly string[],
): Promise<BankFileResult> {
  return bankFrom(await readDataFile(file, BANK_FILE, bankFileSchema), knownLessons);
}

export function parseBankText(
  text: string,
  file: string,
  knownLessons: readonly string[],
): BankFileResult {
  return bankFrom(parseDataFile(text, file, BANK_FILE, bankFileSchema), knownLessons);
}

function bankFrom(
  r: DataFileResult<z.output<typeof bankFileSchema>>,
  knownLessons: readonly string[],
): BankFileResult {
  const { file } = r;
  if (!r.parsed) {
    return {
      file,
      questions: [],
      errors: listedProblems(file, r.errors),
      locate: () => ({ line: 0, col: 0 }),
    };
  }
  const { data, source } = r;
  const locate = (path: readonly PathSeg[]) => source.locate(path);
  const problems: PathProblem[] = [...r.problems];
  const defaults = asMap(data) ?? {};
  const fileTopic = r.value?.topic;
  const fileLesson = r.value?.lesson;
  const raw = Array.isArray(defaults.questions) ? defaults.questions : [];
  const questions: BankQuestion[] = [];
  const lessons = new Set([...TOPIC_IDS, ...knownLessons]);
  raw.forEach((q, i) => {
    const at: PathSeg[] = ['questions', i];
    const parsed = parseQuestion(q, at, problems);
    if (!parsed || !fileTopic) return;
    const pos = source.locate(at);
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
  const errors = listedProblems(file, source.place(problems));
  return { file, questions: errors.length > 0 ? [] : questions, errors, locate };
}

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
  const kind = checkSchema(kindSchema, m.kind, [...at, 'kind']);
  if (!kind.success) {
    problems.push(...kind.problems);
    return undefined;
  }
  const parsed = checkSchema(SCHEMA_BY_KIND[kind.data], q, at);
  if (!parsed.success) {
    problems.push(...parsed.problems);
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
