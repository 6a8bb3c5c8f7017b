// `validate` for bank files: the loader's checks (schema, answers in range, unknown topics,
// lessons and templates, duplicate ids across the files given), then every template question
// generated on 20 seeds, as lessons are run on 20 seeds: each instance must be well formed,
// and a routing question must have an option that meets its goal when run.
import { basename, dirname, resolve } from 'node:path';
import { formatProblem } from '../lesson/format/load.js';
import { lessonIds, loadBankFiles } from './bank.js';
import type { BankFileResult, BankProblem } from './bank-load.js';
import { templateById } from './generators/index.js';
import type { Generated } from './generators/template.js';
import { runRouteOptions } from './routing-grade.js';
import type { BankQuestion } from './types.js';

export const BANK_VALIDATION_SEEDS = 20;

export interface BankReport {
  file: string;
  questions: number;
  errors: BankProblem[];
}

/** What is wrong with one generated instance, if anything. */
export function instanceProblem(g: Generated): string | undefined {
  if (g.prompt.trim() === '') return 'empty prompt';
  if (g.form === 'numeric') return Number.isFinite(g.answer) ? undefined : 'answer is not a number';
  const choices = g.form === 'choice' ? g.choices : g.nodes;
  if (choices.length < 2) return `only ${choices.length} choice(s)`;
  if (new Set(choices).size !== choices.length) return 'two choices are the same';
  const right =
    g.form === 'choice'
      ? g.correct
      : runRouteOptions(g)
          .filter((o) => o.correct)
          .map((o) => o.index);
  if (right.length === 0) return g.form === 'routing' ? 'no option meets the goal' : 'no answer';
  if (right.some((i) => i < 0 || i >= choices.length)) return 'answer out of range';
  return undefined;
}

function generatedProblems(q: BankQuestion, seeds: number): string[] {
  if (q.kind !== 'scenario' && q.kind !== 'routing') return [];
  const t = templateById(q.template);
  if (!t) return [];
  const failures = new Map<string, number[]>();
  for (let seed = 1; seed <= seeds; seed++) {
    let problem: string | undefined;
    try {
      problem = instanceProblem(t.generate(q.params, seed));
    } catch (err) {
      problem = `generation failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (problem) failures.set(problem, [...(failures.get(problem) ?? []), seed]);
  }
  return [...failures].map(([p, s]) =>
    s.length === seeds
      ? `${p} (on every seed)`
      : `${p} (seed${s.length > 1 ? 's' : ''} ${s.join(', ')})`,
  );
}

function withGenerated(r: BankFileResult, seeds: number): BankReport {
  const errors = [...r.errors];
  for (const q of r.questions) {
    for (const message of generatedProblems(q, seeds)) {
      errors.push({ file: r.file, line: q.line, col: q.col, path: `question ${q.id}`, message });
    }
  }
  return { file: r.file, questions: r.questions.length, errors };
}

export async function validateBankFiles(
  files: readonly string[],
  seeds = BANK_VALIDATION_SEEDS,
): Promise<BankReport[]> {
  const results = await loadBankFiles(files, await lessonIds());
  return results.map((r) => withGenerated(r, seeds));
}

/** A file in a folder named quiz (lessons/quiz/*.yaml) is a bank file, not a lesson. */
export function isBankPath(file: string): boolean {
  return basename(dirname(resolve(file))) === 'quiz';
}

/** Validates bank files, printing like lesson validation; returns how many failed. */
export async function runBankValidation(
  files: readonly string[],
  opts: { quiet?: boolean },
  write: (line: string) => void,
): Promise<number> {
  const reports = await validateBankFiles(files);
  let failed = 0;
  let questions = 0;
  for (const r of reports) {
    for (const e of r.errors) write(formatProblem(e));
    questions += r.questions;
    if (r.errors.length > 0) failed++;
    else if (!opts.quiet)
      write(
        `${r.file}: ok (${r.questions} questions, generated ones on ${BANK_VALIDATION_SEEDS} seeds)`,
      );
  }
  write(
    `${files.length - failed} of ${files.length} quiz bank file(s) valid (${questions} questions)`,
  );
  return failed;
}
